// Glue between SvelteKit requests and services: the signed-in principal, and service errors
// turned into HTTP errors.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { UserPrincipal } from './principal';
import { ServiceError } from '../errors';

export function principalOf(event: Pick<RequestEvent, 'locals' | 'url'>): UserPrincipal {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return { kind: 'user', userId: user.id, email: user.email, name: user.name };
}

/** Runs a service call; its deliberate errors become the matching HTTP error page. */
export function serve<T>(call: () => T): T {
	try {
		return call();
	} catch (caught) {
		if (caught instanceof ServiceError) error(caught.status, caught.message);
		throw caught;
	}
}

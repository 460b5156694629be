// Glue between SvelteKit requests and services: the signed-in principal, and service errors
// turned into HTTP errors (a refusal among them recorded in the audit, if its service did not).
import { error, json, redirect, type RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { UserPrincipal } from './principal';
import { InputError, ServiceError } from '../errors';
import { getDatabase } from '../db/client';
import { auditRequestRefusal, describeRequest } from './request-refusal';

export function principalOf(
	event: Pick<RequestEvent, 'locals' | 'url' | 'request'>
): UserPrincipal {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	return {
		kind: 'user',
		userId: user.id,
		email: user.email,
		name: user.name,
		via: describeRequest(event)
	};
}

/** A service's refusal (403, 404) of the signed-in caller, into the audit; outside a request, nothing. */
export function noteRefusal(caught: ServiceError): void {
	if (caught.status !== 403 && caught.status !== 404) return;
	let event: RequestEvent;
	try {
		event = getRequestEvent();
	} catch {
		return;
	}
	auditRequestRefusal(getDatabase(), event, caught);
}

/** Runs a service call (sync or async); its deliberate errors become the matching HTTP error page. */
export function serve<T>(call: () => T): T {
	try {
		const result = call();
		return result instanceof Promise ? (result.catch(asHttpError) as T) : result;
	} catch (caught) {
		return asHttpError(caught);
	}
}

function asHttpError(caught: unknown): never {
	if (caught instanceof ServiceError) {
		noteRefusal(caught);
		error(caught.status, caught.message);
	}
	throw caught;
}

/** For JSON endpoints: a service's deliberate errors become `{ message, ...details }` with their status. */
export async function serveJson(call: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await call();
	} catch (caught) {
		if (caught instanceof ServiceError) {
			noteRefusal(caught);
			return json({ message: caught.message, ...caught.details }, { status: caught.status });
		}
		throw caught;
	}
}

export async function readJsonBody(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new InputError('The body must be JSON.');
	}
}

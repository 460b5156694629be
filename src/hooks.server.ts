// Every request: its id and log line; session cookie → locals.user; then the area guard by role;
// then the interface language for whatever is rendered.
import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDatabase } from '$lib/server/db/client';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session.service';
import { setSessionCookie, deleteSessionCookie } from '$lib/server/auth/cookies';
import { activeMemberships } from '$lib/server/access/access';
import { guardRoute } from '$lib/server/access/route-guard';
import { addSecurityHeaders } from '$lib/server/access/security-headers';
import { auditGuardRefusal, GUARD_REFUSAL } from '$lib/server/access/request-refusal';
import type { Role } from '$lib/server/db/schema';
import { dev } from '$app/environment';
import { startServer, stopOnSignals } from '$lib/server/ops/server-lifecycle';
import { requestLogHandle } from '$lib/server/ops/request-log';
import { logFor } from '$lib/server/logger';

// At start: the settings, the database and the background services (server-lifecycle.ts); in the
// built server, a stop signal drains the requests and then stops them in turn.
export const init: ServerInit = () => {
	startServer();
	if (!dev) stopOnSignals();
};

// A failure no route expected: logged with the request's id (the person sees a generic message).
export const handleError: HandleServerError = ({ error: failure, event, status, message }) => {
	if (status >= 500)
		logFor('http').error(
			{ err: failure, requestId: event.locals.requestId, route: event.route.id, status },
			`unexpected error: ${message}`
		);
	return { message };
};

const sessionAndGuard: Handle = async ({ event, resolve }) => {
	const db = getDatabase();
	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	let roles = new Set<Role>();
	if (token) {
		const validated = validateSessionToken(db, token);
		if (validated) {
			event.locals.user = validated.user;
			event.locals.session = validated.session;
			if (validated.session.renewed)
				setSessionCookie(event.cookies, token, validated.session.expiresAt, secure);
			roles = new Set(
				activeMemberships(db, validated.user.id).map((membership) => membership.role)
			);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	event.locals.roles = roles;

	const verdict = guardRoute(event.url.pathname, event.locals.user !== null, roles, event.route.id);
	if (verdict === 'login') {
		if (event.url.pathname.startsWith('/api/')) error(401, 'Sign in first.');
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	}
	if (verdict === 'forbidden') {
		auditGuardRefusal(db, event, roles);
		error(403, GUARD_REFUSAL);
	}

	const response = await resolve(event);
	addSecurityHeaders(response.headers, event.url);
	return response;
};

// The interface language (cookie, then Accept-Language, then English) for everything rendered
// below, in <html lang> too. Paraglide only reads the URL and headers here, so it gets a body-less
// copy: uploads and form posts are not cloned, and the route sees its request unchanged.
const localise: Handle = ({ event, resolve }) =>
	paraglideMiddleware(
		new Request(event.request.url, { headers: event.request.headers }),
		async ({ locale }) => {
			const response = await resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%lang%', locale)
			});
			if (response.headers.get('Content-Type')?.includes('text/html'))
				response.headers.append('Vary', 'Accept-Language');
			return response;
		}
	);

// The request's log line wraps everything (it only times and records, it cannot answer); then the
// guard: nothing runs before it that could short-circuit or skip it.
export const handle = sequence(requestLogHandle(), sessionAndGuard, localise);

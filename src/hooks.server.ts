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
import { SESSION_COOKIE, sessionPrincipal } from '$lib/server/auth/session.service';
import { setSessionCookie, deleteSessionCookie } from '$lib/server/auth/cookies';
import { guardRoute } from '$lib/server/access/route-guard';
import { addSecurityHeaders } from '$lib/server/access/security-headers';
import { auditGuardRefusal, GUARD_REFUSAL } from '$lib/server/access/request-refusal';
import { busyResponse, inFlightLimit, shedLoad } from '$lib/server/access/load-shedding';
import type { Role } from '$lib/server/db/schema';
import { dev } from '$app/environment';
import { startServer, stopOnSignals } from '$lib/server/ops/server-lifecycle';
import { requestLogHandle } from '$lib/server/ops/request-log';
import { logFor } from '$lib/server/logger';
import { maxInFlight } from '$lib/server/config';

// At start: the settings, the database and the background services (server-lifecycle.ts); in the
// built server, a stop signal drains the requests and then stops them in turn.
export const init: ServerInit = async () => {
	await startServer();
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

// Beyond TANDEM_MAX_IN_FLIGHT requests at once, 503 with Retry-After at once rather than a queue
// (load-shedding.ts); the limit is read at the first request, after init has checked the settings.
// The health probes are never shed: a busy instance is alive, and says itself whether it is ready.
const PROBES = new Set(['/healthz', '/readyz']);
let shedding: Handle | undefined;
const shedWhenBusy: Handle = (input) => {
	if (PROBES.has(input.event.route.id ?? '')) return input.resolve(input.event);
	shedding ??= shedLoad(inFlightLimit(maxInFlight()), (event) => {
		const response = busyResponse();
		addSecurityHeaders(response.headers, event.url);
		return response;
	});
	return shedding(input);
};

const sessionAndGuard: Handle = async ({ event, resolve }) => {
	const db = getDatabase();
	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	let roles = new Set<Role>();
	if (token) {
		// One query: the session, its user and the roles of their active memberships.
		const validated = await sessionPrincipal(db, token);
		if (validated) {
			event.locals.user = validated.user;
			event.locals.session = validated.session;
			if (validated.session.renewed)
				setSessionCookie(event.cookies, token, validated.session.expiresAt, secure);
			roles = validated.roles;
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
// copy: uploads and form posts are not cloned, and the route sees its request unchanged. The JSON
// and image endpoints under /api (a matched route: an unknown path gets the error page) say nothing
// in the interface language and render no page: they are left out (the workstation calls them
// several times per case).
const localise: Handle = ({ event, resolve }) =>
	event.route.id?.startsWith('/api/')
		? resolve(event)
		: paraglideMiddleware(
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
// load shedding (which only ever answers 503), then the guard: nothing else runs before it that
// could short-circuit or skip it.
export const handle = sequence(requestLogHandle(), shedWhenBusy, sessionAndGuard, localise);

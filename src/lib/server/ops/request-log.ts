// One log line per request (hooks.server.ts): when, which request (its X-Request-Id, echoed in the
// response), the method, the route's id (`/(reader)/read/[assignment=assignment]`: never the path
// with its ids or the query string), the status, how long it took and who asked (a user id).
// Nothing else of the request is read: no header but X-Request-Id, no cookie, no body, no
// parameter, so no token, password, patient detail, case truth or image can reach the log.
import { randomUUID } from 'node:crypto';
import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { logFor, type Logger } from '../logger';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A proxy's request id is kept when it is a plain token (letters, digits, `._:-`, up to 128). */
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The incoming X-Request-Id if well formed, else a new UUID. */
export function requestIdFor(incoming: string | null): string {
	return incoming !== null && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

/** The health probes, asked every few seconds by each load balancer: logged at debug when fine. */
const PROBES = new Set(['/healthz', '/readyz']);

export interface RequestLine {
	requestId: string;
	method: string;
	/** The matched route's id, or null when no route matched (a 404). */
	route: string | null;
	status: number;
	durationMs: number;
	/** The signed-in person, if any. */
	userId?: number;
}

/** Writes the request's line: a 5xx as an error, a successful health probe at debug, else info. */
export function logRequestLine(log: Logger, line: RequestLine): void {
	const message = `${line.method} ${line.route ?? '(no route)'} ${line.status}`;
	if (line.status >= 500) log.error(line, message);
	else if (line.route !== null && PROBES.has(line.route) && line.status < 300)
		log.debug(line, message);
	else log.info(line, message);
}

/** The status SvelteKit answers with for what a hook threw (a redirect, an error(), a crash). */
export function statusOfThrown(thrown: unknown): number {
	if (isRedirect(thrown)) return thrown.status;
	if (isHttpError(thrown)) return thrown.status;
	return 500;
}

type Timed = Pick<RequestEvent, 'request' | 'route' | 'locals'>;

function lineFor(event: Timed, requestId: string, status: number, started: number): RequestLine {
	const userId = event.locals.user?.id;
	return {
		requestId,
		method: event.request.method,
		route: event.route.id,
		status,
		durationMs: Math.round((performance.now() - started) * 10) / 10,
		...(userId === undefined ? {} : { userId })
	};
}

/**
 * The first hook: gives the request its id and logs its line once it is answered. What the hooks
 * after it throw (the guard's redirect or refusal) is logged with the status SvelteKit gives it and
 * thrown on; SvelteKit then writes that answer itself, without the X-Request-Id header.
 */
export function requestLogHandle(log: () => Logger = () => logFor('http')): Handle {
	return async ({ event, resolve }) => {
		const started = performance.now();
		const requestId = requestIdFor(event.request.headers.get(REQUEST_ID_HEADER));
		event.locals.requestId = requestId;
		let response: Response;
		try {
			response = await resolve(event);
		} catch (thrown) {
			logRequestLine(log(), lineFor(event, requestId, statusOfThrown(thrown), started));
			throw thrown;
		}
		response.headers.set(REQUEST_ID_HEADER, requestId);
		logRequestLine(log(), lineFor(event, requestId, response.status, started));
		return response;
	};
}

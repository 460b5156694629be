// Load shedding (hooks.server.ts, first in the chain). A saturated server that takes every request
// queues them: a reader's submit then waits tens of seconds for its turn. Instead, while
// TANDEM_MAX_IN_FLIGHT requests are being worked on, one more is answered at once — before its
// session is even looked up — with 503 and Retry-After. The workstation takes a 503 like no answer:
// the read stays in its outbox and is sent again after the wait (src/lib/viewer/read-outbox.ts),
// with the same client id, so it is stored once.
import type { Handle, RequestEvent } from '@sveltejs/kit';

/** Seconds a client is asked to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 2;
export const BUSY_MESSAGE = 'The server is busy; try again in a moment.';

export interface InFlightLimit {
	/** Counts a request in, or returns false when `max` are already in flight. */
	enter(): boolean;
	/** A request counted in is done. */
	leave(): void;
	readonly inFlight: number;
}

/** At most `max` requests at once; 0 (or less): no limit. */
export function inFlightLimit(max: number): InFlightLimit {
	let inFlight = 0;
	return {
		enter() {
			if (max > 0 && inFlight >= max) return false;
			inFlight += 1;
			return true;
		},
		leave() {
			inFlight = Math.max(0, inFlight - 1);
		},
		get inFlight() {
			return inFlight;
		}
	};
}

/** The answer of a server too busy to take a request now. */
export function busyResponse(): Response {
	return new Response(JSON.stringify({ message: BUSY_MESSAGE }), {
		status: 503,
		headers: {
			'Content-Type': 'application/json',
			'Retry-After': String(RETRY_AFTER_SECONDS),
			'Cache-Control': 'no-store'
		}
	});
}

/**
 * The handle that sheds load: a request beyond the limit gets `busy()` (503) without being worked on;
 * the others are counted until their response is ready (its body may still be streaming).
 */
export function shedLoad(
	limit: InFlightLimit,
	busy: (event: RequestEvent) => Response = busyResponse
): Handle {
	return async ({ event, resolve }) => {
		if (!limit.enter()) return busy(event);
		try {
			return await resolve(event);
		} finally {
			limit.leave();
		}
	};
}

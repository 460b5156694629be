import { describe, expect, it } from 'vitest';
import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import {
	BUSY_MESSAGE,
	busyResponse,
	inFlightLimit,
	RETRY_AFTER_SECONDS,
	shedLoad
} from './load-shedding';
import { retryAfterMs, resultOfStatus } from '../../viewer/read-outbox';

/** A request the test finishes when it wants: its response waits for `finish`. */
function pendingRequest() {
	let finish: (response: Response) => void = () => {};
	const done = new Promise<Response>((resolve) => (finish = resolve));
	let started = false;
	const resolve = (_event: RequestEvent, _options?: ResolveOptions) => {
		started = true;
		return done;
	};
	return { resolve, finish, started: () => started };
}

const event = { url: new URL('http://localhost/api/reads') } as RequestEvent;

describe('inFlightLimit', () => {
	it('admits up to its maximum at once, and one more once one has left', () => {
		const limit = inFlightLimit(2);
		expect([limit.enter(), limit.enter(), limit.enter()]).toEqual([true, true, false]);
		expect(limit.inFlight).toBe(2);
		limit.leave();
		expect(limit.enter()).toBe(true);
		expect(limit.enter()).toBe(false);
	});

	it('has no limit at 0', () => {
		const limit = inFlightLimit(0);
		for (let request = 0; request < 1000; request += 1) expect(limit.enter()).toBe(true);
		expect(limit.inFlight).toBe(1000);
	});
});

describe('shedLoad', () => {
	it('answers 503 with Retry-After at once beyond the limit, without working on the request', async () => {
		const limit = inFlightLimit(2);
		const handle = shedLoad(limit);
		const first = pendingRequest();
		const second = pendingRequest();
		const third = pendingRequest();
		const answers = [first, second].map((request) => handle({ event, resolve: request.resolve }));
		const shed = await handle({ event, resolve: third.resolve });
		expect(third.started()).toBe(false);
		expect(shed.status).toBe(503);
		expect(shed.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(shed.headers.get('cache-control')).toBe('no-store');
		expect(await shed.json()).toEqual({ message: BUSY_MESSAGE });
		expect(limit.inFlight).toBe(2);

		// One finishes: the next request is worked on.
		first.finish(new Response('first', { status: 201 }));
		expect((await answers[0]!).status).toBe(201);
		expect(limit.inFlight).toBe(1);
		const fourth = pendingRequest();
		const fourthAnswer = handle({ event, resolve: fourth.resolve });
		expect(fourth.started()).toBe(true);
		second.finish(new Response('second'));
		fourth.finish(new Response('fourth'));
		expect(await (await fourthAnswer).text()).toBe('fourth');
		expect(limit.inFlight).toBe(0);
	});

	it('counts a request out when it fails too', async () => {
		const limit = inFlightLimit(1);
		const handle = shedLoad(limit);
		const failing = handle({
			event,
			resolve: () => Promise.reject(new Error('the route failed'))
		});
		await expect(failing).rejects.toThrow('the route failed');
		expect(limit.inFlight).toBe(0);
		const next = pendingRequest();
		void handle({ event, resolve: next.resolve });
		expect(next.started()).toBe(true);
	});

	it('is an answer the workstation tries again after the wait it names', () => {
		const answer = busyResponse();
		const wait = retryAfterMs(answer.headers.get('retry-after'));
		expect(wait).toBe(RETRY_AFTER_SECONDS * 1000);
		expect(resultOfStatus(answer.status, BUSY_MESSAGE, wait)).toEqual({
			kind: 'retry',
			reason: BUSY_MESSAGE,
			afterMs: 2000
		});
	});
});

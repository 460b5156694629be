import { describe, expect, it, vi } from 'vitest';
import {
	memoryStore,
	ReadOutbox,
	resultOfStatus,
	retryAfterMs,
	retryDelayMs,
	sendWithRetry,
	type OutboxEntry,
	type SendResult
} from './read-outbox';

/** An outbox whose server answers from a script, with timers held for the test to fire. */
function setup(answers: Array<SendResult | ((entry: OutboxEntry) => SendResult)>) {
	const store = memoryStore();
	const sent: string[] = [];
	const timers: Array<{ callback: () => void; ms: number }> = [];
	let serverDown = false;
	const outbox = new ReadOutbox({
		store,
		send: async (entry, shown) => {
			sent.push(`${entry.kind}:${entry.assignment}${shown ? `+shown:${shown.assignment}` : ''}`);
			if (serverDown) return { kind: 'retry', reason: 'unreachable' };
			const next = answers.shift() ?? { kind: 'stored' };
			return typeof next === 'function' ? next(entry) : next;
		},
		setTimer: (callback, ms) => timers.push({ callback, ms }),
		clearTimer: () => timers.splice(0, timers.length),
		now: () => 1000
	});
	return {
		store,
		outbox,
		sent,
		timers,
		down: (value: boolean) => (serverDown = value),
		/** Fires the one retry timer there is. */
		async fire() {
			const timer = timers.shift()!;
			timer.callback();
			await outbox.flush();
		}
	};
}

describe('retryDelayMs', () => {
	it('waits 0.5 s after a first failure, doubling each time, never more than 30 s', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs)).toEqual([
			500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000
		]);
	});
});

describe('resultOfStatus', () => {
	it('takes 200 and 201 as stored, no answer, 408, 429 and 5xx as try again, other 4xx as refused', () => {
		expect(resultOfStatus(201, '').kind).toBe('stored');
		expect(resultOfStatus(200, '').kind).toBe('stored');
		for (const status of [0, 408, 429, 500, 502, 503])
			expect(resultOfStatus(status, 'x').kind).toBe('retry');
		expect(resultOfStatus(409, 'This session is complete.')).toEqual({
			kind: 'refused',
			status: 409,
			message: 'This session is complete.'
		});
		expect(resultOfStatus(400, 'bad').kind).toBe('refused');
	});
});

describe('retryAfterMs', () => {
	it('reads seconds or an HTTP date, never waits more than 30 s, and ignores what it cannot read', () => {
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(' 0 ', now)).toBe(0);
		expect(retryAfterMs('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs('3600', now)).toBe(30_000);
		expect(retryAfterMs(null, now)).toBeUndefined();
		expect(retryAfterMs('', now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
	});

	it('goes with a busy server’s 503 into the answer the outbox tries again', () => {
		expect(resultOfStatus(503, 'busy', 2000)).toEqual({
			kind: 'retry',
			reason: 'busy',
			afterMs: 2000
		});
		expect(resultOfStatus(409, 'closed', 2000)).toEqual({
			kind: 'refused',
			status: 409,
			message: 'closed'
		});
	});
});

describe('sendWithRetry', () => {
	/** A submit whose server answers from a script; every request sent, and every wait. */
	function scripted(answers: SendResult[], fail?: Error) {
		const bodies: string[] = [];
		const waits: number[] = [];
		const body = JSON.stringify({ assignment: 'A', clientId: 'read-A' });
		const send = async (): Promise<SendResult> => {
			bodies.push(body);
			if (fail && bodies.length === 1) throw fail;
			return answers.shift() ?? { kind: 'stored' };
		};
		const wait = async (ms: number) => void waits.push(ms);
		return { send, wait, bodies, waits };
	}

	it('sends the same read again after no answer or a busy server, waiting as the outbox does, until it is stored', async () => {
		const { send, wait, bodies, waits } = scripted(
			[
				{ kind: 'retry', reason: 'busy', afterMs: 2000 },
				{ kind: 'retry', reason: 'timed out' }
			],
			new Error('network down')
		);
		expect(await sendWithRetry(send, { wait })).toEqual({ kind: 'stored' });
		// No answer: 0.5 s; a 503 asking for 2 s: 2 s (more than the 1 s backoff); a timeout: 2 s.
		expect(waits).toEqual([500, 2000, 2000]);
		expect(new Set(bodies).size).toBe(1);
		expect(bodies).toHaveLength(4);
	});

	it('stops at once at a refusal, and gives up after the attempts it was given with the last answer', async () => {
		const refused: SendResult = {
			kind: 'refused',
			status: 409,
			message: 'This session is complete.'
		};
		const first = scripted([{ kind: 'retry', reason: 'busy' }, refused]);
		expect(await sendWithRetry(first.send, { wait: first.wait })).toEqual(refused);
		expect(first.bodies).toHaveLength(2);
		const down = scripted(
			Array.from({ length: 9 }, () => ({ kind: 'retry', reason: 'down' }) as const)
		);
		expect(await sendWithRetry(down.send, { wait: down.wait, attempts: 3 })).toEqual({
			kind: 'retry',
			reason: 'down'
		});
		expect(down.bodies).toHaveLength(3);
		expect(down.waits).toEqual([500, 1000]);
	});
});

describe('ReadOutbox', () => {
	it('sends entries one at a time in the order they were made, and removes each the server has', async () => {
		const { outbox, sent, store } = setup([]);
		await outbox.enqueue('read', 'A', { clientId: 'read-A' });
		await outbox.enqueue('shown', 'B');
		await outbox.enqueue('read', 'B', { clientId: 'read-B' });
		await outbox.flush();
		// A was on its way before B was shown: B follows alone.
		expect(sent).toEqual(['read:A', 'shown:B', 'read:B']);
		expect(await store.all()).toEqual([]);
		expect(outbox.pendingReads).toEqual([]);
	});

	it('sends a read with the `shown` made after it, and not that `shown` again once stamped', async () => {
		const { outbox, sent, store, down, fire } = setup([
			{ kind: 'stored', shown: true },
			{ kind: 'stored', shown: true }
		]);
		down(true);
		await outbox.enqueue('read', 'A', { clientId: 'read-A' }, { send: false });
		await outbox.enqueue('shown', 'B', null, { send: false });
		await outbox.enqueue('read', 'B', { clientId: 'read-B' }, { send: false });
		await outbox.enqueue('shown', 'C', null, { send: false });
		await outbox.flush();
		down(false);
		await fire();
		expect(sent).toEqual(['read:A+shown:B', 'read:A+shown:B', 'read:B+shown:C']);
		expect(await store.all()).toEqual([]);
	});

	it('keeps the `shown` when the read with it is refused, and sends it alone next', async () => {
		const { outbox, sent } = setup([
			{ kind: 'refused', status: 409, message: 'This session is complete.' },
			{ kind: 'stored' }
		]);
		await outbox.enqueue('read', 'A', { clientId: 'read-A' }, { send: false });
		await outbox.enqueue('shown', 'B', null, { send: false });
		await outbox.flush();
		expect(sent).toEqual(['read:A+shown:B', 'shown:B']);
		expect(outbox.entries.map((entry) => `${entry.kind}:${entry.assignment}`)).toEqual(['read:A']);
		expect(outbox.refusedReads).toHaveLength(1);
	});

	it('keeps an entry without sending it when asked to, until the next flush', async () => {
		const { outbox, sent, store } = setup([]);
		await outbox.enqueue('read', 'A', { clientId: 'read-A' }, { send: false });
		expect(sent).toEqual([]);
		expect(outbox.pendingReads.map((entry) => entry.assignment)).toEqual(['A']);
		expect(await store.all()).toHaveLength(1);
		await outbox.flush();
		expect(sent).toEqual(['read:A']);
		expect(outbox.entries).toEqual([]);
	});

	it('keeps the exact submission until it is stored', async () => {
		const { outbox, store, down } = setup([]);
		down(true);
		const submission = { assignment: 'A', clientId: 'read-A', decision: 1, readingTimeMs: 4321 };
		await outbox.enqueue('read', 'A', submission);
		await outbox.flush();
		expect(await store.all()).toEqual([
			{ seq: 1, kind: 'read', assignment: 'A', body: submission, madeAt: 1000, refused: null }
		]);
	});

	it('retries after 0.5, 1, 2 s … while the server cannot be reached, without letting a later read overtake', async () => {
		const { outbox, sent, timers, down, fire } = setup([]);
		down(true);
		await outbox.enqueue('read', 'A', {});
		await outbox.flush();
		await outbox.enqueue('read', 'B', {});
		await outbox.flush();
		// Asked again while it waits (a new read), it keeps waiting.
		expect(sent).toEqual(['read:A']);
		expect(timers.map((timer) => timer.ms)).toEqual([500]);
		await fire();
		expect(timers.map((timer) => timer.ms)).toEqual([1000]);
		await fire();
		expect(timers.map((timer) => timer.ms)).toEqual([2000]);
		expect(outbox.pendingReads.map((entry) => entry.assignment)).toEqual(['A', 'B']);
		expect(outbox.lastProblem).toBe('unreachable');
		down(false);
		await fire();
		expect(sent).toEqual(['read:A', 'read:A', 'read:A', 'read:A', 'read:B']);
		expect(outbox.pendingReads).toEqual([]);
		expect(outbox.failures).toBe(0);
		expect(timers).toEqual([]);
	});

	it('waits no sooner than a busy server asks (503 Retry-After), then its own backoff again', async () => {
		const { outbox, sent, timers, fire } = setup([
			{ kind: 'retry', reason: 'busy', afterMs: 2000 },
			{ kind: 'retry', reason: 'busy', afterMs: 100 }
		]);
		await outbox.enqueue('read', 'A', { clientId: 'read-A' }, { send: false });
		await outbox.flush();
		expect(timers.map((timer) => timer.ms)).toEqual([2000]);
		expect(outbox.pendingReads.map((entry) => entry.assignment)).toEqual(['A']);
		expect(outbox.lastProblem).toBe('busy');
		await fire();
		// Asked for 0.1 s after a second failure: the backoff's 1 s holds.
		expect(timers.map((timer) => timer.ms)).toEqual([1000]);
		await fire();
		expect(sent).toEqual(['read:A', 'read:A', 'read:A']);
		expect(outbox.pendingReads).toEqual([]);
	});

	it('tries at once when the network comes back, instead of at the end of the wait', async () => {
		const { outbox, sent, timers, down } = setup([]);
		down(true);
		await outbox.enqueue('read', 'A', {});
		await outbox.flush();
		expect(timers).toHaveLength(1);
		down(false);
		outbox.retryNow();
		await outbox.flush();
		expect(timers).toEqual([]);
		expect(sent).toEqual(['read:A', 'read:A']);
		expect(outbox.entries).toEqual([]);
	});

	it('keeps a refused read, marked with the server’s message, and goes on with the next', async () => {
		const { outbox, sent } = setup([
			{ kind: 'refused', status: 409, message: 'This session is complete.' }
		]);
		await outbox.enqueue('read', 'A', {});
		await outbox.enqueue('read', 'B', {});
		await outbox.flush();
		expect(sent).toEqual(['read:A', 'read:B']);
		expect(outbox.pendingReads).toEqual([]);
		expect(outbox.refusedReads).toEqual([
			expect.objectContaining({
				assignment: 'A',
				refused: { status: 409, message: 'This session is complete.' }
			})
		]);
		// Not sent again.
		await outbox.flush();
		expect(sent).toEqual(['read:A', 'read:B']);
		// The reader reopens the case: the refusal leaves the outbox.
		await outbox.dismiss(outbox.readOf('A')!.seq);
		expect(outbox.entries).toEqual([]);
	});

	it('drops a refused `shown` (the case was read or closed meanwhile): the reader has nothing to do', async () => {
		const { outbox } = setup([
			{ kind: 'refused', status: 409, message: 'This case has been read.' }
		]);
		await outbox.enqueue('shown', 'A');
		await outbox.flush();
		expect(outbox.entries).toEqual([]);
	});

	it('tells the workstation how a read ended: stored, or refused with the message', async () => {
		const { outbox, down, fire } = setup([
			{ kind: 'stored' },
			{ kind: 'refused', status: 400, message: 'confidence: too big' }
		]);
		down(true);
		await outbox.enqueue('read', 'A', {});
		await outbox.enqueue('read', 'B', {});
		await outbox.flush();
		const a = outbox.outcomeOf('A');
		const b = outbox.outcomeOf('B');
		down(false);
		await fire();
		expect(await a).toEqual({ stored: true });
		expect(await b).toEqual({ stored: false, status: 400, message: 'confidence: too big' });
		expect(await outbox.outcomeOf('C')).toEqual({ stored: true });
	});

	it('resumes after a reload: a new outbox on the same store sends what the last one left', async () => {
		const first = setup([]);
		first.down(true);
		await first.outbox.enqueue('read', 'A', { clientId: 'read-A' });
		await first.outbox.enqueue('read', 'B', { clientId: 'read-B' });
		const sent: unknown[] = [];
		const reloaded = new ReadOutbox({
			store: first.store,
			send: async (entry) => {
				sent.push(entry.body);
				return { kind: 'stored' };
			}
		});
		await reloaded.refresh();
		expect(reloaded.pendingReads.map((entry) => entry.assignment)).toEqual(['A', 'B']);
		await reloaded.flush();
		expect(sent).toEqual([{ clientId: 'read-A' }, { clientId: 'read-B' }]);
		expect(await first.store.all()).toEqual([]);
	});

	it('runs one flush at a time: a flush asked for while one runs joins it, and nothing is sent twice', async () => {
		const sent: string[] = [];
		const store = memoryStore();
		let release: () => void = () => {};
		const gated = new ReadOutbox({
			store,
			send: async (entry) => {
				sent.push(entry.assignment);
				if (entry.assignment === 'A') await new Promise<void>((resolve) => (release = resolve));
				return { kind: 'stored' };
			}
		});
		await store.add({ kind: 'read', assignment: 'A', body: {}, madeAt: 0 });
		const first = gated.flush();
		await vi.waitFor(() => expect(sent).toEqual(['A']));
		await store.add({ kind: 'read', assignment: 'B', body: {}, madeAt: 0 });
		expect(gated.flush()).toBe(first);
		release();
		await first;
		expect(sent).toEqual(['A', 'B']);
		expect(await store.all()).toEqual([]);
	});
});

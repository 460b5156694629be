import { sqlRow, sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_STREAM_TIMING as TIMING, dashboardStream } from './dashboard-stream';
import { notifyStudyChanged } from './study-events';
import { raiseQuery } from './queries.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { submitRead } from '../reads/read.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import type { DashboardSnapshot } from '../../domain/dashboard';
import { resetServerPhase, startDraining } from '../ops/server-state';

async function sponsorOf(db: Db): Promise<UserPrincipal> {
	const email = 'sponsor@x.org';
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: email,
		role: 'sponsor',
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: email };
}

async function firstAssignments(db: Db, userId: number): Promise<string[]> {
	return (
		(await sqlRows(
			db,
			'SELECT a.public_id AS id FROM assignments a JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id WHERE m.user_id = ? AND s.period = 1 ORDER BY s.session_index, a.position',
			userId
		)) as Array<{ id: string }>
	).map((row) => row.id);
}

// The clock is fake here, but a PostgreSQL server answers in real time, after the fake clock's tick
// has run what was due: wait (really) until the stream has done what the tick started.
const realTimeout = globalThis.setTimeout;
async function until(done: () => boolean): Promise<void> {
	for (let waited = 0; !done() && waited < 5_000; waited += 5)
		await new Promise((resolve) => realTimeout(resolve, 5));
}

/** Until the queries the tick started (the polls) are answered, with nothing left in flight. */
async function queriesAnswered(db: Db): Promise<void> {
	if (!onPostgres) return;
	const pool = db.$client as unknown as pg.Pool;
	await until(() => pool.idleCount === pool.totalCount && pool.waitingCount === 0);
}

/** Fake timers, counted by the specs: the pool's own idle timers are not the stream's, so none. */
function fakeTimers(db: Db): void {
	if (onPostgres) (db.$client as unknown as pg.Pool).options.idleTimeoutMillis = 0;
	vi.useFakeTimers();
}

/** Reads the stream as it comes; `snapshots` are the parsed snapshot events, `chunks` everything sent. */
function listen(stream: ReadableStream<Uint8Array>) {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	const seen = { chunks: [] as string[], closed: false, cancel: () => reader.cancel() };
	void (async () => {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return void (seen.closed = true);
			seen.chunks.push(decoder.decode(value));
		}
	})();
	const snapshots = () =>
		seen.chunks
			.filter((chunk) => chunk.startsWith('event: snapshot\n'))
			.map(
				(chunk) => JSON.parse(chunk.slice('event: snapshot\ndata: '.length)) as DashboardSnapshot
			);
	return Object.assign(seen, { snapshots });
}

describe('dashboard stream', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends the snapshot at once, again shortly after a change, after a change seen only by polling, and a heartbeat', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const sponsor = await sponsorOf(db);
		const [first, second] = await firstAssignments(db, readers[0]!.userId);
		fakeTimers(db);
		const events = listen(await dashboardStream(db, sponsor, 'mini-study'));
		await vi.advanceTimersByTimeAsync(0);
		expect(events.snapshots().map((snapshot) => snapshot.totals.done)).toEqual([0]);

		// Two reads close together (each notifies the study's listeners): one snapshot after the debounce.
		await submitRead(db, readers[0]!, {
			assignment: first!,
			clientId: 'stream-1-abc',
			decision: 1,
			confidence: 50,
			readingTimeMs: 20_000
		});
		await submitRead(db, readers[0]!, {
			assignment: second!,
			clientId: 'stream-2-abc',
			decision: 0,
			confidence: 40,
			readingTimeMs: 20_000
		});
		await vi.advanceTimersByTimeAsync(TIMING.debounceMs - 1);
		expect(events.snapshots()).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		await until(() => events.snapshots().length === 2);
		expect(events.snapshots().map((snapshot) => snapshot.totals.done)).toEqual([0, 2]);

		// A change that notifies no one (as from another process) is found by the poll.
		await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'reader',
			targetId: 1,
			question: 'Is R01 reading on schedule?'
		});
		await vi.advanceTimersByTimeAsync(TIMING.pollMs);
		// The poll saw the change: its debounce is set (or, the answer within the tick, already over).
		await until(() => vi.getTimerCount() === 3 || events.snapshots().length === 3);
		await vi.advanceTimersByTimeAsync(TIMING.debounceMs);
		await until(() => events.snapshots().length === 3);
		expect(events.snapshots()).toHaveLength(3);

		await vi.advanceTimersByTimeAsync(TIMING.heartbeatMs);
		await queriesAnswered(db);
		expect(events.chunks).toContain(': keep-alive\n\n');
		expect(events.snapshots()).toHaveLength(3);
		expect(events.closed).toBe(false);
		await events.cancel();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('checks access before it starts, and ends the stream when the caller loses it', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const sponsor = await sponsorOf(db);
		await expect(dashboardStream(db, readers[0]!, 'mini-study')).rejects.toThrow(
			/do not have access/
		);
		fakeTimers(db);
		const events = listen(await dashboardStream(db, sponsor, 'mini-study'));
		await sqlRun(
			db,
			'UPDATE memberships SET withdrawn_at = ? WHERE user_id = ?',
			onPostgres ? new Date().toISOString() : Date.now(),
			sponsor.userId
		);
		notifyStudyChanged(
			(
				(await sqlRow(db, "SELECT id FROM studies WHERE slug = 'mini-study'")) as {
					id: number;
				}
			).id
		);
		await vi.advanceTimersByTimeAsync(TIMING.debounceMs);
		await until(() => events.closed);
		expect(events.snapshots()).toHaveLength(1);
		expect(events.closed).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('ends when the server starts shutting down, and a stream opened while it drains ends at once', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const sponsor = await sponsorOf(db);
		fakeTimers(db);
		try {
			const events = listen(await dashboardStream(db, sponsor, 'mini-study'));
			await vi.advanceTimersByTimeAsync(0);
			expect(events.closed).toBe(false);
			startDraining();
			await vi.advanceTimersByTimeAsync(0);
			expect(events.snapshots()).toHaveLength(1);
			expect(events.closed).toBe(true);
			expect(vi.getTimerCount()).toBe(0);

			const late = listen(await dashboardStream(db, sponsor, 'mini-study'));
			await vi.advanceTimersByTimeAsync(0);
			expect(late.snapshots()).toHaveLength(1);
			expect(late.closed).toBe(true);
			expect(vi.getTimerCount()).toBe(0);
		} finally {
			resetServerPhase();
		}
	});
});

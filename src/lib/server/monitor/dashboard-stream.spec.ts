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

function firstAssignments(db: Db, userId: number): string[] {
	return (
		db.$client
			.prepare(
				'SELECT a.public_id AS id FROM assignments a JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id WHERE m.user_id = ? AND s.period = 1 ORDER BY s.session_index, a.position'
			)
			.all(userId) as Array<{ id: string }>
	).map((row) => row.id);
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
		const [first, second] = firstAssignments(db, readers[0]!.userId);
		vi.useFakeTimers();
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
		expect(events.snapshots().map((snapshot) => snapshot.totals.done)).toEqual([0, 2]);

		// A change that notifies no one (as from another process) is found by the poll.
		await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'reader',
			targetId: 1,
			question: 'Is R01 reading on schedule?'
		});
		await vi.advanceTimersByTimeAsync(TIMING.pollMs + TIMING.debounceMs);
		expect(events.snapshots()).toHaveLength(3);

		await vi.advanceTimersByTimeAsync(TIMING.heartbeatMs);
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
		vi.useFakeTimers();
		const events = listen(await dashboardStream(db, sponsor, 'mini-study'));
		db.$client
			.prepare('UPDATE memberships SET withdrawn_at = ? WHERE user_id = ?')
			.run(Date.now(), sponsor.userId);
		notifyStudyChanged(
			(
				db.$client.prepare("SELECT id FROM studies WHERE slug = 'mini-study'").get() as {
					id: number;
				}
			).id
		);
		await vi.advanceTimersByTimeAsync(TIMING.debounceMs);
		expect(events.snapshots()).toHaveLength(1);
		expect(events.closed).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('ends when the server starts shutting down, and a stream opened while it drains ends at once', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const sponsor = await sponsorOf(db);
		vi.useFakeTimers();
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

import { sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { dashboardSnapshot, projectCompletion } from './dashboard.service';
import { listDeviations } from './deviations.service';
import { NotFound } from '../errors';
import { answerQuery, closeQuery, listQueries, raiseQuery } from './queries.service';
import { enrolledStudy, studyMember } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { submitRead } from '../reads/read.service';
import { forEachInOrder } from '../db/in-order';

describe('sponsor dashboard', () => {
	it('counts reads by site, reader, period and arm, with no efficacy or truth in it', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const day = new Date('2026-05-04T10:00:00Z');
		await forEachInOrder(
			await readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 3 }),
			async (id, index) =>
				await submitRead(
					db,
					readers[0]!,
					{
						assignment: id,
						clientId: `dash-${index}-abc`,
						decision: 1,
						confidence: 50,
						readingTimeMs: 20_000
					},
					day
				)
		);
		const snapshot = await dashboardSnapshot(db, sponsor, 'mini-study', day);
		expect(snapshot.totals).toMatchObject({
			done: 3,
			total: 48,
			readersEnrolled: 2,
			readersActive: 2,
			readersExpected: 3
		});
		expect(snapshot.sites.map((site) => [site.code, site.done, site.total])).toEqual([
			['site-a', 3, 24],
			['site-b', 0, 24]
		]);
		expect(snapshot.byPeriodArm.reduce((n, cell) => n + cell.total, 0)).toBe(48);
		expect(snapshot.timeline).toEqual([{ day: '2026-05-04', reads: 3, cumulative: 3 }]);
		// Both readers are in period 1: nobody waits for a washout yet.
		expect(snapshot.awaitingWashout).toEqual([]);
		// The effective use so far: no case has all 4 planned reads; counted per reason, no case named.
		expect(snapshot.effectiveUse).toMatchObject({ cases: 12, readers: { usable: 0 }, ai: null });
		expect(snapshot.effectiveUse.readers.reasons).toEqual([
			{ kind: 'reads-missing', missing: 4, planned: 4, cases: 9 },
			{ kind: 'reads-missing', missing: 3, planned: 4, cases: 3 }
		]);
		expect(JSON.stringify(snapshot)).not.toMatch(
			/truth|auc|sensitivity|specificity|reading_?time|decision|confidence|K\d/i
		);
		await expect(dashboardSnapshot(db, readers[0]!, 'mini-study')).rejects.toThrow(
			/do not have access/
		);
	});

	it('projects the end date from the last seven days’ rate', () => {
		const now = new Date('2026-05-10T12:00:00Z');
		const timeline = [
			{ day: '2026-05-01', reads: 100, cumulative: 100 },
			{ day: '2026-05-08', reads: 35, cumulative: 135 },
			{ day: '2026-05-09', reads: 35, cumulative: 170 }
		];
		// 70 reads in the window → 10 a day; 100 remaining → 10 days.
		expect(projectCompletion(timeline, 100, now)).toMatchObject({
			ratePerDay: 10,
			completionDate: '2026-05-20'
		});
		expect(projectCompletion([], 100, now).completionDate).toBeNull();
	});
});

describe('deviations and queries', () => {
	it('flags short and paused reads and washout attempts, and runs a query from monitor to coordinator and back', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const coordinatorA = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const coordinatorB = await studyMember(db, 'coord.b@x.org', 'coordinator', 'site-b');
		const [first, second] = await readerAssignmentIds(db, readers[0]!.email, { period: 1 });
		const short = await submitRead(db, readers[0]!, {
			assignment: first!,
			clientId: 'dev-short-1',
			decision: 1,
			confidence: 90,
			readingTimeMs: 1_200
		});
		await submitRead(db, readers[0]!, {
			assignment: second!,
			clientId: 'dev-pause-1',
			decision: 0,
			confidence: 10,
			readingTimeMs: 40_000,
			pausedMs: 6 * 60_000
		});
		const [period2] = await readerAssignmentIds(db, readers[1]!.email, { period: 2, limit: 1 });
		await expect(
			submitRead(db, readers[1]!, {
				assignment: period2!,
				clientId: 'dev-early-1',
				decision: 1,
				confidence: 50
			})
		).rejects.toThrow();

		const flags = await listDeviations(db, sponsor, 'mini-study');
		expect(flags.map((flag) => [flag.kind, flag.reader, flag.site]).sort()).toEqual([
			['long-pause', 'R01', 'site-a'],
			['session-rule', 'R02', 'site-b'],
			['short-read', 'R01', 'site-a']
		]);
		expect((await listDeviations(db, coordinatorB, 'mini-study')).map((flag) => flag.kind)).toEqual(
			['session-rule']
		);

		const queryId = await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'read',
			targetId: short.readId,
			question: 'Read in 1.2 s: was the case opened twice?'
		});
		expect(await listQueries(db, coordinatorB, 'mini-study')).toEqual([]);
		// Another site's query looks exactly like one that does not exist: nothing to enumerate.
		const notOurs = await caught(
			async () => await answerQuery(db, coordinatorB, 'mini-study', queryId, 'not ours')
		);
		const missing = await caught(
			async () => await answerQuery(db, coordinatorB, 'mini-study', 99_999, 'none')
		);
		expect(notOurs).toBeInstanceOf(NotFound);
		expect([notOurs.constructor, notOurs.message]).toEqual([missing.constructor, missing.message]);
		await expect(closeQuery(db, sponsor, 'mini-study', queryId)).rejects.toThrow(
			'Only an answered query can be closed.'
		);
		await answerQuery(
			db,
			coordinatorA,
			'mini-study',
			queryId,
			'The reader confirmed a quick, deliberate read.'
		);
		await closeQuery(db, sponsor, 'mini-study', queryId);
		expect((await listQueries(db, coordinatorA, 'mini-study'))[0]).toMatchObject({
			status: 'closed',
			answer: 'The reader confirmed a quick, deliberate read.',
			site: 'site-a'
		});
		const audit = await sqlRows(
			db,
			"SELECT action FROM audit_events WHERE action LIKE 'query.%' ORDER BY seq"
		);
		expect(audit).toEqual([
			{ action: 'query.raised' },
			{ action: 'query.answered' },
			{ action: 'query.closed' }
		]);
		await expect(
			raiseQuery(db, coordinatorA, 'mini-study', {
				targetType: 'reader',
				targetId: 1,
				question: 'x'
			})
		).rejects.toThrow(/do not have access/);
	});
	it('keeps every answer to a query: a second answer is added beside the first, never written over it', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const coordinator = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const [assignment] = await readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 1 });
		const { readId } = await submitRead(db, readers[0]!, {
			assignment: assignment!,
			clientId: 'thread-0001',
			decision: 1,
			confidence: 50
		});
		const queryId = await raiseQuery(db, sponsor, 'mini-study', {
			targetType: 'read',
			targetId: readId,
			question: 'Was the case opened twice?'
		});
		await answerQuery(db, coordinator, 'mini-study', queryId, 'No, once.');
		await answerQuery(
			db,
			coordinator,
			'mini-study',
			queryId,
			'Correction: twice, the first time by mistake.'
		);
		const [query] = await listQueries(db, sponsor, 'mini-study');
		expect(query!.answers.map((answer) => [answer.answer, answer.answeredByName])).toEqual([
			['No, once.', 'coord.a@x.org'],
			['Correction: twice, the first time by mistake.', 'coord.a@x.org']
		]);
		expect(query).toMatchObject({
			status: 'answered',
			answer: 'Correction: twice, the first time by mistake.'
		});
		for (const sql of [
			"UPDATE query_answers SET answer = 'rewritten'",
			'DELETE FROM query_answers'
		])
			await expect(sqlRun(db, sql), sql).rejects.toThrow(/append-only/);
		await closeQuery(db, sponsor, 'mini-study', queryId);
		await expect(answerQuery(db, coordinator, 'mini-study', queryId, 'Too late.')).rejects.toThrow(
			'This query is closed.'
		);
	});
});

/** The error a call throws (the test fails if it throws none). */
async function caught(call: () => unknown): Promise<Error> {
	try {
		await call();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a refusal');
}

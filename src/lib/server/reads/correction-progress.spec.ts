// A corrected read is still one read of its case: progress counts it once, the session completes
// when every case has a read (not earlier), and the monitor sees the correction as a deviation.
import { describe, expect, it } from 'vitest';
import { correctRead } from './correction.service';
import { submitRead } from './read.service';
import { readerWorklist } from './worklist.service';
import { readingView } from './reading.service';
import { dashboardSnapshot } from '../monitor/dashboard.service';
import { listDeviations } from '../monitor/deviations.service';
import { siteReaderProgress } from '../schedule/site-progress.service';
import { enrolledStudy, studyMember } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';

const start = new Date('2026-03-02T09:00:00Z');
const minute = (n: number) => new Date(start.getTime() + n * 60_000);

describe('a corrected read', () => {
	it('counts once in the worklist, the session, the site’s and the sponsor’s progress', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const coordinator = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const period1 = await readerAssignmentIds(db, reader.email, { period: 1 });
		const read = async (index: number) =>
			await submitRead(
				db,
				reader,
				{ assignment: period1[index]!, clientId: `read-${index}-x`, decision: 1, confidence: 50 },
				minute(index)
			);
		const first = await read(0);
		for (let index = 1; index < 10; index++) await read(index);
		await correctRead(
			db,
			reader,
			{ read: first.readId, decision: 0, confidence: 20, reason: 'typo' },
			minute(10)
		);
		await read(10); // 11 of 12 cases read (12 rows with the correction)

		const session = (await readerWorklist(db, reader))[0]!.sessions.find(
			(row) => row.period === 1
		)!;
		expect(session).toMatchObject({ done: 11, total: 12, status: 'in_progress' });
		expect((await readingView(db, reader, period1[11]!, minute(12))).session).toMatchObject({
			done: 11,
			total: 12
		});
		expect(
			(await siteReaderProgress(db, coordinator, 'mini-study', 'site-a', minute(12)))[0]!.periods[0]
		).toMatchObject({ period: 1, done: 11, total: 12, state: 'open' });
		const snapshot = await dashboardSnapshot(db, sponsor, 'mini-study', minute(12));
		expect(snapshot.totals).toMatchObject({ done: 11, total: 24 });
		expect(snapshot.byPeriodArm.reduce((n, cell) => n + cell.done, 0)).toBe(11);
		expect(snapshot.timeline).toEqual([{ day: '2026-03-02', reads: 11, cumulative: 11 }]);

		await read(11);
		expect((await readerWorklist(db, reader))[0]!.sessions[0]).toMatchObject({
			done: 12,
			total: 12,
			status: 'completed'
		});
	});

	it('is shown to the monitor as a deviation with its reason, once; its reading time is not flagged twice', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const reader = readers[0]!;
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const ownCoordinator = await studyMember(db, 'coord.a@x.org', 'coordinator', 'site-a');
		const otherCoordinator = await studyMember(db, 'coord.b@x.org', 'coordinator', 'site-b');
		const [assignment] = await readerAssignmentIds(db, reader.email, { period: 1 });
		const { readId } = await submitRead(
			db,
			reader,
			{
				assignment: assignment!,
				clientId: 'quick-0001',
				decision: 1,
				confidence: 50,
				readingTimeMs: 2_000
			},
			minute(0)
		);
		const byReader = await correctRead(
			db,
			reader,
			{ read: readId, decision: 0, confidence: 10, reason: 'I pressed positive by mistake.' },
			minute(5)
		);
		const byCoordinator = await correctRead(
			db,
			ownCoordinator,
			{ read: byReader.readId, decision: 0, confidence: 15, reason: 'Paper form says 15.' },
			minute(9)
		);
		const flags = await listDeviations(db, sponsor, 'mini-study');
		expect(flags.filter((flag) => flag.kind === 'short-read')).toEqual([
			expect.objectContaining({ readId, reader: 'R01', site: 'site-a' })
		]);
		expect(flags.filter((flag) => flag.kind === 'correction')).toEqual([
			{
				kind: 'correction',
				readId: byCoordinator.readId,
				reader: 'R01',
				site: 'site-a',
				at: minute(9).toISOString(),
				detail: `read ${byReader.readId} corrected by the site coordinator (version 3): Paper form says 15.`,
				facts: { read: byReader.readId, by: 'coordinator', version: 3, free: 'Paper form says 15.' }
			},
			{
				kind: 'correction',
				readId: byReader.readId,
				reader: 'R01',
				site: 'site-a',
				at: minute(5).toISOString(),
				detail: `read ${readId} corrected by the reader (version 2): I pressed positive by mistake.`,
				facts: { read: readId, by: 'reader', version: 2, free: 'I pressed positive by mistake.' }
			}
		]);
		// The coordinator of the reader's site sees them; another site's does not.
		expect(
			(await listDeviations(db, ownCoordinator, 'mini-study')).filter(
				(f) => f.kind === 'correction'
			)
		).toHaveLength(2);
		expect(
			(await listDeviations(db, otherCoordinator, 'mini-study')).filter(
				(f) => f.kind === 'correction'
			)
		).toEqual([]);
		// What the monitor is shown names no rating.
		expect(JSON.stringify(flags.filter((f) => f.kind === 'correction'))).not.toMatch(
			/confidence|decision/
		);
	});
});

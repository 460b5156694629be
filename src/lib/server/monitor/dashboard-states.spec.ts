// The dashboard as the sponsor meets it on a study's first days: no read, reads on one day, a
// reader still in period 1, every read done.
import { describe, expect, it } from 'vitest';
import { dashboardSnapshot, projectCompletion } from './dashboard.service';
import { enrolledStudy, studyMember } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { submitRead } from '../reads/read.service';
import type { Db } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { forEachInOrder } from '../db/in-order';

const DAY = 86_400_000;

async function readPeriod(db: Db, reader: UserPrincipal, period: number, at: Date, limit?: number) {
	await forEachInOrder(
		await readerAssignmentIds(db, reader.email, { period, unread: true, limit }),
		async (id, index) =>
			await submitRead(
				db,
				reader,
				{
					assignment: id,
					clientId: `states-${reader.userId}-${period}-${index}`,
					decision: index % 2 === 0 ? 0 : 1,
					confidence: 50,
					readingTimeMs: 20_000
				},
				new Date(at.getTime() + index * 60_000)
			)
	);
}

describe('sponsor dashboard, study by study state', () => {
	it('a reader in period 1 is reading, not waiting for a washout; one who finished period 1 waits until a date', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
		const day = new Date('2026-05-04T10:00:00Z');
		await readPeriod(db, readers[0]!, 1, day, 3);
		await readPeriod(db, readers[1]!, 1, day);
		const snapshot = await dashboardSnapshot(
			db,
			sponsor,
			'mini-study',
			new Date(day.getTime() + DAY)
		);
		const [inPeriod1, finished] = snapshot.readers;
		expect(inPeriod1!.byPeriod.map((period) => period.waiting)).toEqual([false, false]);
		expect(finished!.byPeriod[1]).toMatchObject({ waiting: true });
		expect(finished!.byPeriod[1]!.opensAt).toMatch(/^2026-06-01/);
		expect(snapshot.awaitingWashout.map((wait) => [wait.reader, wait.period])).toEqual([
			['R02', 2]
		]);
	});

	it('says there is no projection when nothing was read in the window, and that reading is complete when it is', () => {
		const now = new Date('2026-05-10T12:00:00Z');
		expect(projectCompletion([], 48, now)).toMatchObject({
			status: 'no-rate',
			completionDate: null,
			ratePerDay: 0
		});
		const old = [{ day: '2026-04-01', reads: 10, cumulative: 10 }];
		expect(projectCompletion(old, 38, now)).toMatchObject({
			status: 'no-rate',
			completionDate: null
		});
		// Every planned read done: the end is the last read's day, not a projection for today.
		expect(projectCompletion(old, 0, now)).toMatchObject({
			status: 'complete',
			completionDate: '2026-04-01'
		});
		expect(projectCompletion([], 0, now)).toMatchObject({
			status: 'nothing-planned',
			completionDate: null
		});
		expect(
			projectCompletion([{ day: '2026-05-09', reads: 14, cumulative: 14 }], 6, now)
		).toMatchObject({ status: 'projected', ratePerDay: 2, completionDate: '2026-05-13' });
	});
});

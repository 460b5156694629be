import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { exportSchedule, scheduleRowsToCsv, allocationSummary } from './schedule-export.service';
import { withdrawReader } from './withdrawal.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { writeStudyFiles, FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { submitRead } from '../reads/read.service';
import { ALGORITHM_ID } from '../../design/schedule';

const operator = operatorPrincipal();
const SITES = ['site-a', 'site-b', 'site-a', 'site-b', 'site-a', 'site-a'];

describe('enrolment derives and stores each reader’s schedule', () => {
	it('gives every reader every case once per arm, both arms in each period, sequences balanced per site', async () => {
		const { db } = await enrolledStudy(SITES);
		const rows = await exportSchedule(db, operator, 'mini-study');
		const readers = [...new Set(rows.map((row) => row.reader))];
		expect(readers).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R06']);
		for (const reader of readers) {
			const mine = rows.filter((row) => row.reader === reader);
			expect(mine).toHaveLength(24);
			for (const arm of ['unaided', 'aided'])
				expect(new Set(mine.filter((row) => row.arm === arm).map((row) => row.case)).size).toBe(12);
			for (const period of [1, 2])
				expect(new Set(mine.filter((row) => row.period === period).map((row) => row.arm))).toEqual(
					new Set(['unaided', 'aided'])
				);
		}
		const summary = await allocationSummary(db, operator, 'mini-study');
		expect(summary.randomization).toMatchObject({
			seed: '42',
			algorithm: ALGORITHM_ID,
			design: 'crossover',
			blockSize: 2
		});
		const siteA = summary.bySiteSequence.find((entry) => entry.site === 'site-a')!.counts;
		expect(siteA).toEqual({ AB: 2, BA: 2 });
		expect(summary.byPeriodArm).toEqual([
			{ period: 1, counts: { unaided: 36, aided: 36 } },
			{ period: 2, counts: { unaided: 36, aided: 36 } }
		]);
	});

	it('gives a byte-identical export on a fresh database for the same protocol and enrolment order', async () => {
		const first = scheduleRowsToCsv(
			await exportSchedule((await enrolledStudy(SITES)).db, operator, 'mini-study')
		);
		const second = scheduleRowsToCsv(
			await exportSchedule((await enrolledStudy(SITES)).db, operator, 'mini-study')
		);
		expect(second).toBe(first);
		const lines = first.split('\n');
		expect(lines[0]).toBe('reader,site,sequence,period,session,arm,case,position');
		expect(lines).toHaveLength(1 + SITES.length * 12 * 2 + 1); // 6 readers × 12 cases × 2 arms, then the final newline
		// Enrolling one more reader only appends: nobody else's schedule moves.
		const longer = scheduleRowsToCsv(
			await exportSchedule((await enrolledStudy([...SITES, 'site-b'])).db, operator, 'mini-study')
		);
		expect(longer.startsWith(first)).toBe(true);
	});

	it('re-derives every schedule when the seed changes before the first read, and refuses after it', async () => {
		const { db, dir, readers } = await enrolledStudy(SITES.slice(0, 2));
		const before = scheduleRowsToCsv(await exportSchedule(db, operator, 'mini-study'));
		const reseeded = FIXTURE_YAML.replace('seed: "42"', 'seed: "43"');
		writeStudyFiles(dir, twelveCaseOptions(reseeded));
		const reload = async (options = {}) => {
			const folder = readStudyFolder(dir);
			if (!folder.ok) throw new Error('invalid');
			return await loadStudy(db, operator, folder.folder, options);
		};
		await reload();
		const after = scheduleRowsToCsv(await exportSchedule(db, operator, 'mini-study'));
		expect(after).not.toBe(before);
		expect(
			await sqlRow(
				db,
				"SELECT count(*) AS n FROM audit_events WHERE action = 'schedule.regenerated'"
			)
		).toEqual({ n: 1 });

		const first = (await exportSchedule(db, operator, 'mini-study'))[0]!;
		const [publicId] = await readerAssignmentIds(db, readers[0]!.email, {
			period: 1,
			arm: first.arm,
			caseKey: first.case
		});
		await submitRead(db, readers[0]!, {
			assignment: publicId!,
			clientId: 'client-0001',
			decision: 1,
			confidence: 70
		});
		writeStudyFiles(dir, twelveCaseOptions(FIXTURE_YAML.replace('seed: "42"', 'seed: "44"')));
		await expect(reload({ amend: true, reason: 'new seed' })).rejects.toThrow(
			/allocation cannot change after the first read/
		);
		expect(scheduleRowsToCsv(await exportSchedule(db, operator, 'mini-study'))).toBe(after);
	});

	it('withdraws a reader, keeping their reads and everyone’s allocation', async () => {
		const { db, readers } = await enrolledStudy(SITES.slice(0, 3));
		const before = scheduleRowsToCsv(await exportSchedule(db, operator, 'mini-study'));
		const [publicId] = await readerAssignmentIds(db, readers[0]!.email, { period: 1, limit: 1 });
		await submitRead(db, readers[0]!, {
			assignment: publicId!,
			clientId: 'client-0002',
			decision: 0,
			confidence: 20
		});
		await withdrawReader(db, operator, {
			study: 'mini-study',
			email: readers[0]!.email,
			reason: 'moved to another hospital'
		});
		expect(scheduleRowsToCsv(await exportSchedule(db, operator, 'mini-study'))).toBe(before);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 1 });
		await expect(
			withdrawReader(db, operator, {
				study: 'mini-study',
				email: readers[0]!.email,
				reason: 'again'
			})
		).rejects.toThrow(/already withdrawn/);
	});

	it('keeps the allocation from readers and sponsors', async () => {
		const { db, readers } = await enrolledStudy(SITES.slice(0, 1));
		await expect(exportSchedule(db, readers[0]!, 'mini-study')).rejects.toThrow(
			/do not have access/
		);
	});
});

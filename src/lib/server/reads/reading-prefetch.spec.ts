import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { caseShown, readingView } from './reading.service';
import { submitRead } from './read.service';
import { lockStudy } from '../export/lock.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { signer } from '$fixtures/signer.fixture';
import { scoreEveryCase } from '$fixtures/scored-cases.fixture';
import type { Db } from '../db/client';

const unserved = { record: false };

async function firstServed(db: Db): Promise<number[]> {
	return (
		(await sqlRows(db, 'SELECT first_served_at AS at FROM read_drafts')) as Array<{
			at: number;
		}>
	).map((row) => row.at);
}

describe('the next case fetched ahead (readingView without recording, then caseShown)', () => {
	it('is the same view as the page, but stamps the first serve only when the case is shown', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const [, second] = await readerAssignments(db, reader.email, { period: 1 });
		const fetchedAt = new Date(Date.now() - 60_000);
		const ahead = await readingView(db, reader, second!.id, fetchedAt, unserved);
		expect(await firstServed(db)).toEqual([]);

		const shownAt = new Date(Date.now() - 1000);
		await caseShown(db, reader, second!.id, shownAt);
		expect(await firstServed(db)).toEqual([shownAt.getTime()]);
		// Shown again (a retried call) or served by the page later: the first moment stays.
		await caseShown(db, reader, second!.id);
		// The page's view is the one fetched ahead (its empty draft is stored as {}).
		expect({ ...(await readingView(db, reader, second!.id)), draft: null }).toEqual({
			...ahead,
			draft: null
		});
		expect(await firstServed(db)).toEqual([shownAt.getTime()]);

		await submitRead(db, reader, {
			assignment: second!.id,
			clientId: 'ahead-read-1',
			decision: 0,
			confidence: 20
		});
		const read = (await sqlRow(db, 'SELECT served_at AS at FROM reads')) as { at: number };
		expect(read.at).toBe(shownAt.getTime());
	});

	it('refuses what the page refuses: another reader’s case, a case read, a locked study', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [reader, other] = [readers[0]!, readers[1]!];
		const [first, second] = await readerAssignments(db, reader.email, { period: 1 });
		for (const call of [
			async () => await readingView(db, other, first!.id, new Date(), unserved),
			async () => await caseShown(db, other, first!.id)
		])
			await expect(call()).rejects.toThrow('No such assignment.');
		await submitRead(db, reader, {
			assignment: first!.id,
			clientId: 'ahead-read-2',
			decision: 1,
			confidence: 70
		});
		for (const call of [
			async () => await readingView(db, reader, first!.id, new Date(), unserved),
			async () => await caseShown(db, reader, first!.id)
		])
			await expect(call()).rejects.toThrow('This case has been read.');
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		for (const call of [
			async () => await readingView(db, reader, second!.id, new Date(), unserved),
			async () => await caseShown(db, reader, second!.id)
		])
			await expect(call()).rejects.toThrow(/locked/);
		expect(await firstServed(db)).toEqual([]);
	});

	it('carries the AI output only in the aided arm', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		await scoreEveryCase(db, 0.9);
		const reader = readers[0]!;
		const period1 = await readerAssignments(db, reader.email, { period: 1 });
		const view = async (arm: string) =>
			await readingView(
				db,
				reader,
				period1.find((each) => each.arm === arm)!.id,
				new Date(),
				unserved
			);
		expect((await view('unaided')).ai).toBeNull();
		expect(JSON.stringify(await view('unaided'))).not.toMatch(/score|heatmap|threshold|truth/);
		expect((await view('aided')).ai).toMatchObject({ status: 'done', score: 0.9 });
	});
});

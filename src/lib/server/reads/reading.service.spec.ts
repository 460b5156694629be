import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { readingView, imageForReading, saveDraft, nextAssignment } from './reading.service';
import { submitRead } from './read.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { insertAiResult } from '$fixtures/scored-cases.fixture';
import { mapInOrder } from '../db/in-order';
import { eq } from 'drizzle-orm';
import { assignments, cases, importedInstances, importRuns } from '../db/schema';
import { caseImageKeys } from '../images/image-keys';

describe('readingView', () => {
	it('shows the AI output only in the aided arm, and never the truth or the case id', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		for (let index = 1; index <= 12; index++) await insertAiResult(db, `K${index}`, index / 12);
		const reader = readers[0]!;
		const period1 = await readerAssignments(db, reader.email, { period: 1 });
		const unaided = await readingView(
			db,
			reader,
			period1.find((assignment) => assignment.arm === 'unaided')!.id
		);
		const aided = await readingView(
			db,
			reader,
			period1.find((assignment) => assignment.arm === 'aided')!.id
		);
		expect(unaided.ai).toBeNull();
		expect(unaided.withAi).toBe(false);
		expect(aided.withAi).toBe(true);
		expect(aided.ai).toMatchObject({ status: 'done', threshold: 0.5 });
		for (const view of [unaided, aided]) {
			const text = JSON.stringify(view);
			expect(text).not.toMatch(/truth|K\d+|case_key|caseId/);
			expect(view.images).toEqual([`/api/read/${view.assignment}/images/1`]);
		}
		expect(JSON.stringify(unaided)).not.toMatch(/score|heatmap|threshold/);
	});

	it('serves the AI boxes only of a case the model calls positive (a negative one stores its top candidate for FROC)', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		for (let index = 1; index <= 12; index++) {
			const box = { image: 1, x: 10, y: 20, width: 8, height: 6, score: index / 12 };
			await insertAiResult(
				db,
				`K${index}`,
				index / 12,
				JSON.stringify({ heatmap: null, boxes: [box] })
			);
		}
		const reader = readers[0]!;
		const views = await mapInOrder(
			await readerAssignments(db, reader.email, { arm: 'aided', period: 1 }),
			async (assignment) => (await readingView(db, reader, assignment.id)).ai
		);
		const done = views.flatMap((ai) => (ai?.status === 'done' ? [ai] : []));
		expect(done.some((ai) => ai.positive)).toBe(true);
		expect(done.some((ai) => !ai.positive)).toBe(true);
		for (const ai of done) {
			if (ai.positive) expect(ai.boxes).toEqual([expect.objectContaining({ score: ai.score })]);
			else expect(ai.boxes).toEqual([]);
		}
	});

	it('finds an image request’s store key as the lock and the exports do, an imported image’s instance UIDs included', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const [mine] = await readerAssignments(db, readers[0]!.email, { period: 1 });
		const [assignment] = await db
			.select({ caseId: assignments.caseId, studyId: cases.studyId })
			.from(assignments)
			.innerJoin(cases, eq(cases.id, assignments.caseId))
			.where(eq(assignments.publicId, mine!.id));
		const expected = async () => (await caseImageKeys(db, assignment!.caseId))[0]!.key;
		expect(await imageForReading(db, readers[0]!, mine!.id, 1)).toEqual(await expected());
		expect((await expected()).instance).toBeUndefined();

		// The same image, imported (as a DICOMweb store addresses it: by its de-identified UIDs).
		const [run] = await db
			.insert(importRuns)
			.values({
				studyId: assignment!.studyId,
				sourceKind: 'folder',
				source: 'spec',
				matchKey: 'accession',
				deidKeyId: 'spec-key',
				status: 'completed',
				startedBy: 'spec',
				startedAt: new Date()
			})
			.returning({ id: importRuns.id });
		const image = await expected();
		await db.insert(importedInstances).values({
			studyId: assignment!.studyId,
			caseId: assignment!.caseId,
			runId: run!.id,
			sopInstanceUid: '2.25.1001',
			studyInstanceUid: '2.25.1002',
			seriesInstanceUid: '2.25.1003',
			sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
			path: image.path,
			sha256: image.sha256,
			sizeBytes: image.sizeBytes,
			transferSyntaxUid: '1.2.840.10008.1.2.1',
			deidLogJson: '[]'
		});
		const imported = await imageForReading(db, readers[0]!, mine!.id, 1);
		expect(imported.instance).toEqual({
			studyInstanceUid: '2.25.1002',
			seriesInstanceUid: '2.25.1003',
			sopInstanceUid: '2.25.1001'
		});
		expect(imported).toEqual(await expected());
	});

	it('serves images and drafts only for the reader’s own open, unread assignment', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const [mine] = await readerAssignments(db, readers[0]!.email, { period: 1 });
		const [period2] = await readerAssignments(db, readers[0]!.email, { period: 2 });
		expect((await imageForReading(db, readers[0]!, mine!.id, 1)).path).toMatch(
			/images\/K\d+\/001\.dcm$/
		);
		await expect(imageForReading(db, readers[1]!, mine!.id, 1)).rejects.toThrow(
			'No such assignment.'
		);
		await expect(imageForReading(db, readers[0]!, mine!.id, 2)).rejects.toThrow('No such image.');
		await expect(imageForReading(db, readers[0]!, period2!.id, 1)).rejects.toThrow(
			/Period 2 opens after the washout/
		);

		// The first draft marks when the case was first served; later views and saves keep that time.
		const firstServed = new Date(Date.now() - 1);
		await saveDraft(
			db,
			readers[0]!,
			mine!.id,
			{ decision: 1, confidence: 40, marks: [], events: [{ type: 'rendered', at: 1 }] },
			firstServed
		);
		expect((await readingView(db, readers[0]!, mine!.id)).draft).toMatchObject({
			decision: 1,
			confidence: 40
		});
		await expect(saveDraft(db, readers[0]!, mine!.id, { confidence: 400 })).rejects.toThrow(
			/draft:/
		);

		await submitRead(db, readers[0]!, {
			assignment: mine!.id,
			clientId: 'view-test-1',
			decision: 1,
			confidence: 40
		});
		await expect(readingView(db, readers[0]!, mine!.id)).rejects.toThrow(
			'This case has been read.'
		);
		await expect(imageForReading(db, readers[0]!, mine!.id, 1)).rejects.toThrow(
			'This case has been read.'
		);
		const read = (await sqlRow(db, 'SELECT served_at AS served FROM reads')) as {
			served: number | null;
		};
		expect(read.served).toBe(firstServed.getTime());
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM read_drafts')).toEqual({ n: 0 });
		expect(await nextAssignment(db, readers[0]!, 'mini-study')).toBe(
			(await readerAssignments(db, readers[0]!.email, { period: 1 }))[1]!.id
		);
	});
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	adjudicationCases,
	annotationTasks,
	auditEvents,
	referenceTruth,
	truthLesions
} from '../db/schema';
import { operatorPrincipal } from '../access/principal';
import { transactionsSettled } from '../db/transaction';
import { importTruth } from '../cases/truth-import.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { assignAnnotation } from './annotation-assignment.service';
import {
	annotationImageFile,
	annotationView,
	annotatorWorklist,
	saveAnnotationDraft,
	submitAnnotation
} from './annotation.service';
import {
	addMember,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import { adjudicationQueue, adjudicationView } from './adjudication.service';
import { referenceStandardReport } from './reference-standard-report.service';
import {
	boxLesion,
	caseIdOf,
	clientId,
	diseased,
	healthy,
	tasksOf
} from '$fixtures/annotation-work.fixture';
import { mapInOrder } from '../db/in-order';

async function assignedStudy(options: Parameters<typeof referenceStandardStudy>[0] = {}) {
	const study = await referenceStandardStudy(options);
	await assignAnnotation(study.db, operatorPrincipal(), SLUG);
	const [a, b] = study.annotators as [(typeof study.annotators)[0], (typeof study.annotators)[0]];
	return { ...study, a, b, tasksA: await tasksOf(study.db, a), tasksB: await tasksOf(study.db, b) };
}

describe('annotation assignment', () => {
	it('gives every case to both annotators of a two-annotator study, once', async () => {
		const { db, tasksA, tasksB } = await assignedStudy();
		expect(tasksA.size).toBe(12);
		expect(tasksB.size).toBe(12);
		expect((await assignAnnotation(db, operatorPrincipal(), SLUG)).created).toBe(0);
		expect(await db.select().from(annotationTasks)).toHaveLength(24);
	});

	it('balances three annotators over twelve cases × 2 (8 each)', async () => {
		const { db, annotators } = await referenceStandardStudy({ annotators: 3 });
		expect((await assignAnnotation(db, operatorPrincipal(), SLUG, { seed: 's1' })).created).toBe(
			24
		);
		expect(
			await mapInOrder(annotators, async (annotator) => (await tasksOf(db, annotator)).size)
		).toEqual([8, 8, 8]);
	});

	it('refuses with fewer qualified annotators than the protocol declares', async () => {
		const { db } = await referenceStandardStudy({ annotators: 1 });
		await expect(assignAnnotation(db, operatorPrincipal(), SLUG)).rejects.toThrow(
			/needs 2 qualified annotators per case .* and has 1/
		);
	});
});

describe('the annotator', () => {
	it("sees their own tasks only; another annotator's task is NotFound, audited", async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		const list = await annotatorWorklist(db, a);
		expect(list.studies[0]).toMatchObject({ slug: SLUG, total: 12, done: 0 });
		expect(list.studies[0]!.tasks.map((task) => task.task).sort()).toEqual(
			[...tasksA.values()].sort()
		);
		const theirs = tasksB.get('K1')!;
		for (const attempt of [
			async () => await annotationView(db, a, theirs),
			async () => await annotationImageFile(db, a, theirs, 1),
			async () => await saveAnnotationDraft(db, a, theirs, { classification: 1, lesions: [] }),
			async () => await submitAnnotation(db, a, theirs, healthy())
		])
			await expect(attempt()).rejects.toThrow(expect.objectContaining({ status: 404 }));
		// A refusal inside a transaction is recorded once it has rolled back.
		await transactionsSettled(db);
		const refusals = (await db.select().from(auditEvents)).filter(
			(row) => row.action === 'access.refused' && row.entityType === 'annotation_task'
		);
		expect(refusals.map((row) => [row.actor, row.entityId])).toEqual(
			Array.from({ length: 4 }, () => [expect.stringContaining(a.email), String(theirs)])
		);
		expect(b.email).not.toBe(a.email);
	});

	it("never shows another annotator's work: B's view of a case A annotated holds B's own only", async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		await submitAnnotation(db, a, tasksA.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		const view = await annotationView(db, b, tasksB.get('K1')!);
		expect(view.draft).toBeNull();
		expect(view.submitted).toBe(false);
		expect(JSON.stringify(view)).not.toMatch(/L1|mass/);
		expect(view.images).toEqual([{ n: 1, url: `/api/annotate/${tasksB.get('K1')}/images/1` }]);
		expect(view.lesionAttributes).toEqual(['type', 'size_mm']);
	});

	it('keeps a draft, then a submit is final and a repeated submit returns the stored result', async () => {
		const { db, a, tasksA } = await assignedStudy();
		const task = tasksA.get('K2')!;
		await saveAnnotationDraft(db, a, task, {
			classification: 1,
			lesions: [boxLesion('L1', 0, 0, 2, 2)]
		});
		expect((await annotationView(db, a, task)).draft?.lesions).toHaveLength(1);
		const input = healthy();
		const first = await submitAnnotation(db, a, task, input);
		expect(first).toMatchObject({ task, outcome: 'waiting' });
		expect(first.next).not.toBeNull();
		expect(await submitAnnotation(db, a, task, input)).toEqual(first);
		await expect(submitAnnotation(db, a, task, healthy())).rejects.toThrow(/already submitted/);
		await expect(
			saveAnnotationDraft(db, a, task, { classification: 0, lesions: [] })
		).rejects.toThrow(/submitted/);
		expect(await annotationView(db, a, task)).toMatchObject({
			submitted: true,
			draft: { classification: 0, lesions: [] }
		});
	});

	it('refuses bad input naming the field', async () => {
		const { db, a, tasksA } = await assignedStudy();
		await expect(
			submitAnnotation(db, a, tasksA.get('K1')!, { clientId: clientId(), classification: 2 })
		).rejects.toThrow(/annotation: classification/);
		await expect(
			submitAnnotation(db, a, tasksA.get('K1')!, {
				...diseased([{ ...boxLesion('L1', 0, 0, 2, 2), lastImage: 3 }])
			})
		).rejects.toThrow(/lesions\[0\]\.lastImage: the case has 1 image, not 3/);
	});
});

describe('consensus and adjudication', () => {
	it('two annotators outlining the same box: consensus truth and truth lesions, no adjudication', async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		await submitAnnotation(db, a, tasksA.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		const result = await submitAnnotation(
			db,
			b,
			tasksB.get('K1')!,
			diseased([boxLesion('M7', 0, 0, 4, 2.5)])
		);
		expect(result.outcome).toBe('consensus');
		const caseId = await caseIdOf(db, 'K1');
		expect(
			(await db.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId)))[0]
		).toMatchObject({ truth: 1, source: 'consensus of 2 annotators', origin: 'consensus' });
		const lesions = await db.select().from(truthLesions).where(eq(truthLesions.caseId, caseId));
		expect(lesions).toHaveLength(1);
		expect(lesions[0]).toMatchObject({ lesionKey: 'L1', weight: 1 });
		expect(await db.select().from(adjudicationCases)).toEqual([]);
	});

	it('a different classification sends the case to the adjudicator with the reason', async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		await submitAnnotation(db, a, tasksA.get('K2')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		expect((await submitAnnotation(db, b, tasksB.get('K2')!, healthy())).outcome).toBe(
			'adjudication'
		);
		const queued = await db.select().from(adjudicationCases);
		expect(queued).toHaveLength(1);
		expect(JSON.parse(queued[0]!.reasonsJson)).toContain('A: diseased, B: non-diseased');
		expect(
			(
				await db
					.select()
					.from(referenceTruth)
					.where(eq(referenceTruth.caseId, await caseIdOf(db, 'K2')))
			)[0]
		).toBeUndefined();
	});

	it('imported truth takes precedence: the consensus is recorded but not applied', async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		const keys = Array.from({ length: 12 }, (_, index) => `K${index + 1}`);
		await importTruth(db, operatorPrincipal(), SLUG, {
			file: 'truth.csv',
			text: ['case_id,truth', ...keys.map((key, i) => `${key},${i % 2}`)].join('\n'),
			source: 'pathology'
		});
		await submitAnnotation(db, a, tasksA.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		expect(
			(await submitAnnotation(db, b, tasksB.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)])))
				.outcome
		).toBe('consensus');
		const caseId = await caseIdOf(db, 'K1');
		expect(
			(await db.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId)))[0]
		).toMatchObject({ truth: 0, source: 'pathology', origin: 'imported' });
		expect(await db.select().from(truthLesions).where(eq(truthLesions.caseId, caseId))).toEqual([]);
	});

	it('truth imported after a consensus replaces it; a non-diseased import drops the consensus lesions', async () => {
		const { db, a, b, tasksA, tasksB } = await assignedStudy();
		for (const key of ['K1', 'K3']) {
			await submitAnnotation(db, a, tasksA.get(key)!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
			await submitAnnotation(db, b, tasksB.get(key)!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		}
		const keys = Array.from({ length: 12 }, (_, index) => `K${index + 1}`);
		await importTruth(db, operatorPrincipal(), SLUG, {
			file: 'truth.csv',
			text: ['case_id,truth', ...keys.map((key) => `${key},${key === 'K1' ? 0 : 1}`)].join('\n'),
			source: 'pathology'
		});
		const lesionsOf = async (key: string) =>
			await db
				.select()
				.from(truthLesions)
				.where(eq(truthLesions.caseId, await caseIdOf(db, key)));
		expect(await lesionsOf('K1')).toEqual([]);
		expect(await lesionsOf('K3')).toHaveLength(1);
		expect(
			(
				await db
					.select()
					.from(referenceTruth)
					.where(eq(referenceTruth.caseId, await caseIdOf(db, 'K1')))
			)[0]
		).toMatchObject({ truth: 0, origin: 'imported', source: 'pathology' });
	});

	it('keeps the truth it made when the study folder (without truth.csv) is loaded again', async () => {
		const { db, dir, a, b, tasksA, tasksB } = await assignedStudy();
		await submitAnnotation(db, a, tasksA.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		await submitAnnotation(db, b, tasksB.get('K1')!, diseased([boxLesion('L1', 0, 0, 4, 3)]));
		const folder = readStudyFolder(dir);
		if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
		await loadStudy(db, operatorPrincipal(), folder.folder);
		const caseId = await caseIdOf(db, 'K1');
		expect(
			(await db.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId)))[0]
		).toMatchObject({ origin: 'consensus' });
		expect(
			await db.select().from(truthLesions).where(eq(truthLesions.caseId, caseId))
		).toHaveLength(1);
	});
});

describe('readers', () => {
	it('see no annotation, no adjudication and no report', async () => {
		const { db, adjudicator, annotators } = await referenceStandardStudy({ importedTruth: true });
		await assignAnnotation(db, operatorPrincipal(), SLUG);
		const reader = await addMember(db, 'reader', 'reader@x.org');
		const task = (await tasksOf(db, annotators[0]!)).get('K1')!;
		// No such task or case for them (404, not 403: nothing tells that it exists).
		await expect(annotationView(db, reader, task)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		await expect(annotationImageFile(db, reader, task, 1)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		expect(await annotatorWorklist(db, reader)).toEqual({ studies: [] });
		expect(await adjudicationQueue(db, reader)).toEqual({ studies: [] });
		await expect(
			(async () => await adjudicationView(db, reader, await caseIdOf(db, 'K1')))()
		).rejects.toThrow(expect.objectContaining({ status: 404 }));
		await expect(referenceStandardReport(db, reader, SLUG)).rejects.toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect((await adjudicationQueue(db, adjudicator)).studies[0]!.cases).toEqual([]);
	});
});

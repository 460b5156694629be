import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	annotationTasks,
	auditEvents,
	referenceTruth,
	truthDecisions,
	truthLesions
} from '../db/schema';
import { operatorPrincipal } from '../access/principal';
import { transactionsSettled } from '../db/transaction';
import { assignAnnotation } from './annotation-assignment.service';
import { annotationView, submitAnnotation } from './annotation.service';
import {
	adjudicationImageFile,
	adjudicationQueue,
	adjudicationView,
	decideCase
} from './adjudication.service';
import {
	addMember,
	loadAnotherStudy,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import {
	annotateEveryCase,
	boxLesion,
	caseIdOf,
	diseased
} from '$fixtures/annotation-work.fixture';

async function disagreedStudy() {
	const study = await referenceStandardStudy();
	await assignAnnotation(study.db, operatorPrincipal(), SLUG);
	await annotateEveryCase(study.db, study.annotators, submitAnnotation, new Set(['K2']));
	return study;
}

describe('adjudication', () => {
	it('queues the disagreement only, with its reasons, for the adjudicator', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const queue = await adjudicationQueue(db, adjudicator);
		expect(queue.studies).toHaveLength(1);
		expect(queue.studies[0]!.cases).toEqual([
			{
				caseRef: await caseIdOf(db, 'K2'),
				mode: 'adjudication',
				decided: false,
				reasons: expect.arrayContaining(['A: diseased, B: non-diseased'])
			}
		]);
	});

	it('shows the annotations side by side, anonymised A and B', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const view = await adjudicationView(db, adjudicator, await caseIdOf(db, 'K2'));
		expect(view.mode).toBe('adjudication');
		expect(view.annotations.map((a) => [a.label, a.classification])).toEqual([
			['A', 1],
			['B', 0]
		]);
		expect(JSON.stringify(view)).not.toMatch(/annotator\d@x\.org/);
		expect(view.images).toEqual([
			{ n: 1, url: `/api/adjudicate/${await caseIdOf(db, 'K2')}/images/1` }
		]);
		expect(view.consensus).toBeNull();
	});

	it('a case outside the queue is NotFound: the adjudicator sees no other annotations', async () => {
		const { db, adjudicator, annotators } = await disagreedStudy();
		const agreed = await caseIdOf(db, 'K1');
		await expect(adjudicationView(db, adjudicator, agreed)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		await expect(adjudicationImageFile(db, adjudicator, agreed, 1)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		// An annotator is not an adjudicator: for them too there is no such case (not "forbidden",
		// which would tell that the case exists).
		await expect(
			(async () => await adjudicationView(db, annotators[0]!, await caseIdOf(db, 'K2')))()
		).rejects.toThrow(expect.objectContaining({ status: 404 }));
	});

	it('an adjudicator of another study finds no such case, and no such task, in this one', async () => {
		const { db } = await disagreedStudy();
		await loadAnotherStudy(db, 'other-study');
		const other = await addMember(db, 'adjudicator', 'other.adjudicator@x.org', 20, 'other-study');
		const disputed = await caseIdOf(db, 'K2');
		await expect(adjudicationView(db, other, disputed)).rejects.toThrow(
			expect.objectContaining({ status: 404, message: expect.stringMatching(/no such case/i) })
		);
		await expect(adjudicationImageFile(db, other, disputed, 1)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		const annotator = await addMember(db, 'annotator', 'other.annotator@x.org', 5, 'other-study');
		const task = (await db.select().from(annotationTasks).limit(1))[0]!.id;
		await expect(annotationView(db, annotator, task)).rejects.toThrow(
			expect.objectContaining({ status: 404 })
		);
		// Each refusal is audited all the same (written after the refused request's transaction).
		await transactionsSettled(db);
		const refusals = (await db.select().from(auditEvents)).filter(
			(row) => row.action === 'access.refused'
		);
		expect(refusals.length).toBeGreaterThanOrEqual(3);
	});

	it('the decision writes the truth with its provenance; final, idempotent by client id', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const caseRef = await caseIdOf(db, 'K2');
		const input = {
			decision: diseased([boxLesion('L1', 1, 0, 5, 3)], 'decision-0001'),
			reason: 'the mass is visible on image 1'
		};
		const at = new Date('2026-12-05T10:00:00Z');
		expect(await decideCase(db, adjudicator, caseRef, input, at)).toEqual({
			caseRef,
			applied: true
		});
		expect(await decideCase(db, adjudicator, caseRef, input)).toEqual({ caseRef, applied: true });
		await expect(
			decideCase(db, adjudicator, caseRef, {
				...input,
				decision: { ...input.decision, clientId: 'other-0001' }
			})
		).rejects.toThrow(/decision is final/);
		expect(
			(await db.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseRef)))[0]
		).toMatchObject({ truth: 1, source: 'adjudication', origin: 'adjudication' });
		expect(
			await db.select().from(truthLesions).where(eq(truthLesions.caseId, caseRef))
		).toHaveLength(1);
		const decisions = await db
			.select()
			.from(truthDecisions)
			.where(eq(truthDecisions.caseId, caseRef));
		expect(decisions).toEqual([
			expect.objectContaining({
				kind: 'adjudication',
				reason: 'the mass is visible on image 1',
				decidedAt: at,
				applied: true
			})
		]);
		expect(decisions[0]!.membershipId).not.toBeNull();
		const audit = await db.select().from(auditEvents);
		expect(audit.some((row) => row.action === 'truth.adjudication')).toBe(true);
		expect((await adjudicationQueue(db, adjudicator)).studies[0]!.cases[0]!.decided).toBe(true);
	});

	it('refuses a decision without a reason, naming the field', async () => {
		const { db, adjudicator } = await disagreedStudy();
		await expect(
			(async () =>
				await decideCase(db, adjudicator, await caseIdOf(db, 'K2'), {
					decision: diseased([boxLesion('L1', 0, 0, 4, 3)]),
					reason: ' '
				}))()
		).rejects.toThrow(/adjudication: reason: say why/);
	});
});

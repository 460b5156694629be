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
	assignAnnotation(study.db, operatorPrincipal(), SLUG);
	annotateEveryCase(study.db, study.annotators, submitAnnotation, new Set(['K2']));
	return study;
}

describe('adjudication', () => {
	it('queues the disagreement only, with its reasons, for the adjudicator', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const queue = adjudicationQueue(db, adjudicator);
		expect(queue.studies).toHaveLength(1);
		expect(queue.studies[0]!.cases).toEqual([
			{
				caseRef: caseIdOf(db, 'K2'),
				mode: 'adjudication',
				decided: false,
				reasons: expect.arrayContaining(['A: diseased, B: non-diseased'])
			}
		]);
	});

	it('shows the annotations side by side, anonymised A and B', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const view = adjudicationView(db, adjudicator, caseIdOf(db, 'K2'));
		expect(view.mode).toBe('adjudication');
		expect(view.annotations.map((a) => [a.label, a.classification])).toEqual([
			['A', 1],
			['B', 0]
		]);
		expect(JSON.stringify(view)).not.toMatch(/annotator\d@x\.org/);
		expect(view.images).toEqual([{ n: 1, url: `/api/adjudicate/${caseIdOf(db, 'K2')}/images/1` }]);
		expect(view.consensus).toBeNull();
	});

	it('a case outside the queue is NotFound: the adjudicator sees no other annotations', async () => {
		const { db, adjudicator, annotators } = await disagreedStudy();
		const agreed = caseIdOf(db, 'K1');
		expect(() => adjudicationView(db, adjudicator, agreed)).toThrow(
			expect.objectContaining({ status: 404 })
		);
		expect(() => adjudicationImageFile(db, adjudicator, agreed, 1)).toThrow(
			expect.objectContaining({ status: 404 })
		);
		// An annotator is not an adjudicator: for them too there is no such case (not "forbidden",
		// which would tell that the case exists).
		expect(() => adjudicationView(db, annotators[0]!, caseIdOf(db, 'K2'))).toThrow(
			expect.objectContaining({ status: 404 })
		);
	});

	it('an adjudicator of another study finds no such case, and no such task, in this one', async () => {
		const { db } = await disagreedStudy();
		loadAnotherStudy(db, 'other-study');
		const other = await addMember(db, 'adjudicator', 'other.adjudicator@x.org', 20, 'other-study');
		const disputed = caseIdOf(db, 'K2');
		expect(() => adjudicationView(db, other, disputed)).toThrow(
			expect.objectContaining({ status: 404, message: expect.stringMatching(/no such case/i) })
		);
		expect(() => adjudicationImageFile(db, other, disputed, 1)).toThrow(
			expect.objectContaining({ status: 404 })
		);
		const annotator = await addMember(db, 'annotator', 'other.annotator@x.org', 5, 'other-study');
		const task = db.select().from(annotationTasks).get()!.id;
		expect(() => annotationView(db, annotator, task)).toThrow(
			expect.objectContaining({ status: 404 })
		);
		// Each refusal is audited all the same.
		const refusals = db
			.select()
			.from(auditEvents)
			.all()
			.filter((row) => row.action === 'access.refused');
		expect(refusals.length).toBeGreaterThanOrEqual(3);
	});

	it('the decision writes the truth with its provenance; final, idempotent by client id', async () => {
		const { db, adjudicator } = await disagreedStudy();
		const caseRef = caseIdOf(db, 'K2');
		const input = {
			decision: diseased([boxLesion('L1', 1, 0, 5, 3)], 'decision-0001'),
			reason: 'the mass is visible on image 1'
		};
		const at = new Date('2026-12-05T10:00:00Z');
		expect(decideCase(db, adjudicator, caseRef, input, at)).toEqual({ caseRef, applied: true });
		expect(decideCase(db, adjudicator, caseRef, input)).toEqual({ caseRef, applied: true });
		expect(() =>
			decideCase(db, adjudicator, caseRef, {
				...input,
				decision: { ...input.decision, clientId: 'other-0001' }
			})
		).toThrow(/decision is final/);
		expect(
			db.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseRef)).get()
		).toMatchObject({ truth: 1, source: 'adjudication', origin: 'adjudication' });
		expect(
			db.select().from(truthLesions).where(eq(truthLesions.caseId, caseRef)).all()
		).toHaveLength(1);
		const decisions = db
			.select()
			.from(truthDecisions)
			.where(eq(truthDecisions.caseId, caseRef))
			.all();
		expect(decisions).toEqual([
			expect.objectContaining({
				kind: 'adjudication',
				reason: 'the mass is visible on image 1',
				decidedAt: at,
				applied: true
			})
		]);
		expect(decisions[0]!.membershipId).not.toBeNull();
		const audit = db.select().from(auditEvents).all();
		expect(audit.some((row) => row.action === 'truth.adjudication')).toBe(true);
		expect(adjudicationQueue(db, adjudicator).studies[0]!.cases[0]!.decided).toBe(true);
	});

	it('refuses a decision without a reason, naming the field', async () => {
		const { db, adjudicator } = await disagreedStudy();
		expect(() =>
			decideCase(db, adjudicator, caseIdOf(db, 'K2'), {
				decision: diseased([boxLesion('L1', 0, 0, 4, 3)]),
				reason: ' '
			})
		).toThrow(/adjudication: reason: say why/);
	});
});

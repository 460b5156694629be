import { describe, expect, it } from 'vitest';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { importTruth } from '../cases/truth-import.service';
import { assignAnnotation } from './annotation-assignment.service';
import { submitAnnotation } from './annotation.service';
import { decideCase } from './adjudication.service';
import { referenceStandardReport } from './reference-standard-report.service';
import { truthSourceText } from './truth-source';
import { protocolOf } from '../studies/study-protocol';
import { studies } from '../db/schema';
import {
	addMember,
	referenceStandardStudy,
	SLUG
} from '$fixtures/reference-standard-study.fixture';
import {
	annotateEveryCase,
	boxLesion,
	caseIdOf,
	diseased,
	healthy,
	tasksOf
} from '$fixtures/annotation-work.fixture';
import { forEachInOrder } from '../db/in-order';

/**
 * The planted set: twelve cases, two annotators. Odd cases: both diseased with a box on image 1
 * (the same box, except K1 where B's is 4 × 2.5 inside A's 4 × 3: IoU 10/12); even cases: both
 * non-diseased, except K2 where A says diseased (one box) and B not.
 */
async function plantedStudy() {
	const study = await referenceStandardStudy();
	await assignAnnotation(study.db, operatorPrincipal(), SLUG);
	const [, b] = study.annotators as [UserPrincipal, UserPrincipal];
	const bK1 = (await tasksOf(study.db, b)).get('K1');
	const submit = async (db: Db, who: UserPrincipal, task: number, input: unknown) =>
		await submitAnnotation(
			db,
			who,
			task,
			who === b && task === bK1 ? diseased([boxLesion('L1', 0, 0, 4, 2.5)]) : input
		);
	await annotateEveryCase(study.db, study.annotators, submit, new Set(['K2']));
	return study;
}

describe('the reference-standard report', () => {
	it("gives the annotators' agreement as worked out by hand", async () => {
		const { db } = await plantedStudy();
		const report = await referenceStandardReport(db, operatorPrincipal(), SLUG);
		// Classification table: both 1: 6, both 0: 5, A 1 / B 0: 1. p_o = 11/12; A says 1 on 7/12,
		// B on 6/12: p_e = 7/12 · 6/12 + 5/12 · 6/12 = 1/2; kappa = (11/12 − 1/2) / (1/2) = 5/6.
		expect(report.classification.pairs).toEqual([
			{ a: 'annotator1', b: 'annotator2', cases: 12, kappa: expect.closeTo(5 / 6, 12) }
		]);
		expect(report.classification.fleiss).toBeNull();
		// Lesions: A 7 (odd cases and K2), B 6; 6 matched, K2's unmatched: F1 = 12/13. IoUs: K1 10/12
		// and five 1s: min 10/12, quartiles (type 7) all 1.
		expect(report.lesions).toEqual([
			{
				a: 'annotator1',
				b: 'annotator2',
				cases: 12,
				matched: 6,
				onlyA: 1,
				onlyB: 0,
				f1: expect.closeTo(12 / 13, 12),
				iou: {
					n: 6,
					min: expect.closeTo(10 / 12, 6),
					q1: 1,
					median: 1,
					q3: 1,
					max: 1
				}
			}
		]);
		expect(report.annotators.map((row) => [row.name, row.submitted, row.disagreementRate])).toEqual(
			[
				['annotator1', 12, 1 / 12],
				['annotator2', 12, 1 / 12]
			]
		);
		expect(report.progress).toEqual({
			cases: 12,
			annotationsIn: 24,
			annotationsAssigned: 24,
			waiting: 0,
			consensus: 11,
			awaitingAdjudication: 1,
			adjudicated: 0,
			imported: 0
		});
		expect(report.qc).toEqual({
			drawn: false,
			sampled: 0,
			checked: 0,
			corrected: 0,
			override: null
		});
	});

	it("gives each case's provenance: consensus, adjudicated by whom and when, imported", async () => {
		const { db, adjudicator } = await plantedStudy();
		const at = new Date('2026-12-05T11:00:00Z');
		await decideCase(
			db,
			adjudicator,
			await caseIdOf(db, 'K2'),
			{ decision: diseased([boxLesion('L1', 0, 0, 4, 3)]), reason: 'seen on review' },
			at
		);
		const report = await referenceStandardReport(db, operatorPrincipal(), SLUG);
		const byKey = new Map(report.cases.map((row) => [row.caseKey, row]));
		expect(byKey.get('K1')).toMatchObject({
			status: 'consensus',
			source: 'consensus of 2 annotators',
			by: null
		});
		expect(byKey.get('K2')).toEqual({
			caseKey: 'K2',
			status: 'adjudicated',
			source: 'adjudication',
			by: 'adjudicator <adjudicator@x.org>',
			at: at.toISOString(),
			reason: 'seen on review',
			inQcSample: false
		});
		await importTruth(db, operatorPrincipal(), SLUG, {
			file: 'truth.csv',
			text: ['case_id,truth', ...report.cases.map((row) => `${row.caseKey},1`), 'K2,0']
				.filter((line) => line !== 'K2,1')
				.join('\n'),
			source: 'pathology'
		});
		const after = await referenceStandardReport(db, operatorPrincipal(), SLUG);
		expect(after.cases.find((row) => row.caseKey === 'K2')).toMatchObject({
			status: 'imported',
			source: 'pathology'
		});
		expect(after.progress.imported).toBe(12);
	});

	it('is for the admin, statistician and evaluator: an annotator is refused', async () => {
		const { db, annotators } = await plantedStudy();
		await expect(referenceStandardReport(db, annotators[0]!, SLUG)).rejects.toThrow(
			expect.objectContaining({ status: 403 })
		);
		const statistician = await addMember(db, 'statistician', 'stats@x.org');
		expect((await referenceStandardReport(db, statistician, SLUG)).progress.cases).toBe(12);
	});

	it("sums up how the truth was made for the verification report's test set", async () => {
		const { db, adjudicator } = await plantedStudy();
		await decideCase(db, adjudicator, await caseIdOf(db, 'K2'), {
			decision: diseased([boxLesion('L1', 0, 0, 4, 3)]),
			reason: 'seen'
		});
		const study = (await db.select().from(studies).limit(1))[0]!;
		expect(await truthSourceText(db, study.id, protocolOf(study))).toBe(
			'test truth; reference standard made in Tandem for 12 cases: 11 by consensus of 2 blinded annotators, 1 decided by an adjudicator; QC sample 0 case(s)'
		);
		// In the Chinese report: the same counts in Chinese, the protocol's own words as written.
		expect(await truthSourceText(db, study.id, protocolOf(study), 'zh')).toBe(
			'test truth；参考标准在 Tandem 中为 12 个病例建立：11 例由 2 名设盲标注者共识确定，1 例由仲裁者裁定；质控抽样 0 例'
		);
	});

	it("gives Fleiss' kappa with three annotators per case, as worked out by hand", async () => {
		const { db, annotators } = await referenceStandardStudy({
			annotators: 3,
			settings: { annotators: 3 }
		});
		await assignAnnotation(db, operatorPrincipal(), SLUG);
		// Odd cases: all three diseased; even cases: all three non-diseased, but A says diseased on K2.
		await forEachInOrder(annotators, async (who, index) => {
			for (const [caseKey, task] of await tasksOf(db, who)) {
				const ill = Number(caseKey.slice(1)) % 2 === 1 || (caseKey === 'K2' && index === 0);
				await submitAnnotation(
					db,
					who,
					task,
					ill ? diseased([boxLesion('L1', 0, 0, 4, 3)]) : healthy()
				);
			}
		});
		// Subjects: 6 × (3 say 1), 5 × (3 say 0), 1 × (1, 2): P_i = 1, 1, 1/3; P̄ = (11 + 1/3)/12 =
		// 17/18. p_1 = 19/36, p_0 = 17/36: P̄e = (19² + 17²)/36² = 650/1296. κ = (17/18 − 650/1296) /
		// (1 − 650/1296) = 574/646 = 287/323.
		const report = await referenceStandardReport(db, operatorPrincipal(), SLUG);
		expect(report.classification.fleiss).toEqual({
			cases: 12,
			kappa: expect.closeTo(287 / 323, 12)
		});
		expect(report.classification.pairs).toHaveLength(3);
	});
});

// The AI judged lesion by lesion on a hand-made study: 1 mm pixels, lesions of radius 2 mm, the
// default rule (distance, acceptance 10 mm: a candidate centre within 12 mm of a lesion centre
// localises it). Every expected value is worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { evaluateLesionStandalone } from './lesion-evaluation.service';
import { operatorPrincipal } from '../access/principal';
import {
	boxAt,
	HAND_LESIONS as LESIONS,
	HAND_OUTPUTS as OUTPUTS,
	lesionStandaloneStudy,
	storeAiOutputs
} from '$fixtures/lesion-standalone-study.fixture';
import { addUser } from '../users/user.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';

describe('evaluateLesionStandalone', () => {
	it('matches the stored candidates to the truth lesions and gives figures worked by hand', async () => {
		const db = await lesionStandaloneStudy({ lesionsCsv: LESIONS });
		await expect(evaluateLesionStandalone(db, operatorPrincipal(), 'mini-study')).rejects.toThrow(
			'Scoring is not finished: 12 of 12 cases are not scored yet.'
		);
		await storeAiOutputs(db, OUTPUTS);
		const result = (await evaluateLesionStandalone(db, operatorPrincipal(), 'mini-study', {
			samples: 50
		}))!;
		expect(result).toMatchObject({
			cases: 12,
			diseasedCases: 6,
			lesions: 7,
			candidates: 9,
			failedCases: 2
		});
		expect(result.failures.map((failure) => failure.caseKey)).toEqual(['K3', 'K6']);
		// LLs 0.9 0.8 0.6 0.35 of 7 lesions; NLs 0.7 0.5 0.4 0.3 0.2 over 12 images: the FROC curve
		// ends at (5/12, 4/7), so at 1, 2 and 4 NLs per image the sensitivity is 4/7.
		expect(result.froc.at(-1)).toMatchObject({ x: 5 / 12, y: 4 / 7 });
		for (const point of result.sensitivity) expect(point.estimate).toBeCloseTo(4 / 7, 12);
		expect(result.sensitivity.map((point) => point.nlPerImage)).toEqual([1, 2, 4]);
		// wAFROC: Σ over the 6 normals' highest NL (0.7, 0.5, −∞ × 4) × the diseased cases'
		// weighted lesions: 1.5 + 2.5 + 4 × 4.75 = 23, over 6 × 6.
		expect(result.wafroc!.figure.estimate).toBeCloseTo(23 / 36, 12);
		// AFROC, per lesion: 2 + 3 + 4 × 5.5 = 27, over 6 normals × 7 lesions.
		expect(result.afroc!.figure.estimate).toBeCloseTo(27 / 42, 12);
		// PR: TP TP FP TP FP FP TP FP FP; AP = (1 + 1 + 3/4 + 4/7) / 7 = 93/196.
		expect(result.precisionRecall.averagePrecision.estimate).toBeCloseTo(93 / 196, 12);
		expect(result.precisionRecall.points.at(-1)).toMatchObject({
			recall: 4 / 7,
			precision: 4 / 9
		});
		// Mass: 6 lesions, the same four TPs: 93/168; calcification: never found, AP 0.
		expect(
			result.byType.map((type) => [type.type, type.lesions, type.averagePrecision.estimate])
		).toEqual([
			['calcification', 1, 0],
			['mass', 6, expect.closeTo(93 / 168, 12)]
		]);
		expect(result.meanAveragePrecision!.estimate).toBeCloseTo(93 / 336, 12);
		const interval = result.meanAveragePrecision!;
		expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
		expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
	});

	it('matches by IoU with the candidate box when the protocol says so', async () => {
		// Lesion boxes 40–60 on K2 (and the other diseased cases); K1 has two.
		const db = await lesionStandaloneStudy({
			iou: true,
			lesionsCsv: [
				'case_id,lesion_id,image,x0,y0,x1,y1',
				'K1,1,1,10,10,30,30',
				'K1,2,1,60,60,80,80',
				...['K2', 'K5', 'K6', 'K9', 'K10'].map((key) => `${key},1,1,40,40,60,60`)
			].join('\n')
		});
		await storeAiOutputs(db, {
			...Object.fromEntries(
				['K1', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10', 'K11', 'K12'].map((key) => [
					key,
					[]
				])
			),
			// Centred on the lesion but 10 px square: IoU 100/400 = 0.25 < 0.5, an NL; the 20 px
			// box on it, IoU 1: its LL.
			K2: [boxAt(50, 50, 0.9), boxAt(50, 50, 0.5, 20)]
		});
		const result = (await evaluateLesionStandalone(db, operatorPrincipal(), 'mini-study', {
			samples: 20
		}))!;
		expect(result.rule.criterion).toBe('iou');
		// One lesion of 7 found, at 0.5, after one NL at 0.9: PR points (0, 0) then (1/7, 1/2).
		expect(result.precisionRecall.points).toEqual([
			{ recall: 0, precision: 0, threshold: 0.9 },
			{ recall: 1 / 7, precision: 1 / 2, threshold: 0.5 }
		]);
	});

	it('is for analysts only, and absent without truth lesions', async () => {
		const db = await lesionStandaloneStudy({ lesionsCsv: LESIONS });
		const { userId } = await addUser(db, operatorPrincipal(), {
			email: 'r@site-a.org',
			name: 'R',
			role: 'reader',
			study: 'mini-study',
			site: 'site-a',
			password: 'long enough password'
		});
		const reader = { kind: 'user' as const, userId, email: 'r@site-a.org', name: 'R' };
		await expect(evaluateLesionStandalone(db, reader, 'mini-study')).rejects.toThrow(
			/do not have access/
		);
		const { db: withoutLesions } = await enrolledStudy([]);
		expect(
			await evaluateLesionStandalone(withoutLesions, operatorPrincipal(), 'mini-study')
		).toBeNull();
	});
});

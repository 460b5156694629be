import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { normalCdf } from '../distributions';
import {
	lesionFindProbability,
	nlRate,
	scoreOnScale,
	simulateFrocMarks,
	type RsmReader
} from './simulated-froc-reader';

const IMAGES = [
	{ columns: 512, rows: 512 },
	{ columns: 256, rows: 128 }
];
const LESION = { image: 2, x: 100, y: 60, spreadPx: 10 };

describe('simulateFrocMarks (radiological search model)', () => {
	it('marks every lesion near its centre and nothing else when search is perfect', () => {
		const reader: RsmReader = { mu: 2, lambdaPrime: 0, nuPrime: 50, zeta1: -20 };
		const random = createRandom(1);
		for (let run = 0; run < 200; run++) {
			const marks = simulateFrocMarks(reader, [LESION, { ...LESION, image: 1 }], IMAGES, random);
			expect(marks.map((mark) => mark.image)).toEqual([2, 1]);
			for (const mark of marks)
				expect(Math.hypot(mark.x - 100, mark.y - 60)).toBeLessThanOrEqual(8 + 1);
		}
	});

	it('finds lesions with probability 1 − exp(−ν′μ) and makes λ′/μ NLs per case on average', () => {
		const reader: RsmReader = { mu: 2, lambdaPrime: 2, nuPrime: 0.5, zeta1: -20 };
		expect(lesionFindProbability(reader)).toBeCloseTo(1 - Math.exp(-1), 12);
		expect(nlRate(reader)).toBe(1);
		const random = createRandom(7);
		const n = 6000;
		let lesionMarks = 0;
		let nls = 0;
		for (let run = 0; run < n; run++) {
			const marks = simulateFrocMarks(reader, [LESION], [IMAGES[0]!], random);
			// The lesion is on image 2, which this case lacks: every mark on image 1 is an NL.
			lesionMarks += marks.filter((mark) => mark.image === 2).length;
			nls += marks.filter((mark) => mark.image === 1).length;
		}
		// Binomial and Poisson standard errors: 0.0062 and 0.013; four of them as tolerance.
		expect(Math.abs(lesionMarks / n - (1 - Math.exp(-1)))).toBeLessThan(0.025);
		expect(Math.abs(nls / n - 1)).toBeLessThan(0.052);
	});

	it('rates lesions above NLs as the binormal separation μ says: P(LL > NL) = Φ(μ/√2)', () => {
		const reader: RsmReader = { mu: 1.5, lambdaPrime: 1.5, nuPrime: 5, zeta1: -3 };
		const random = createRandom(11);
		const ll: number[] = [];
		const nl: number[] = [];
		for (let run = 0; run < 3000; run++)
			for (const mark of simulateFrocMarks(reader, [LESION], IMAGES, random))
				(mark.image === 2 && Math.hypot(mark.x - 100, mark.y - 60) <= 9 ? ll : nl).push(mark.score);
		const sampleLl = ll.slice(0, 600);
		const sampleNl = nl.slice(0, 600);
		let wins = 0;
		for (const a of sampleLl) for (const b of sampleNl) wins += a > b ? 1 : 0;
		const expected = normalCdf(1.5 / Math.SQRT2);
		expect(Math.abs(wins / (sampleLl.length * sampleNl.length) - expected)).toBeLessThan(0.04);
	});

	it('keeps only marks above the reporting threshold, and one seed gives the same marks', () => {
		const reader: RsmReader = { mu: 1, lambdaPrime: 3, nuPrime: 1, zeta1: 1.5 };
		const a = simulateFrocMarks(reader, [LESION], IMAGES, createRandom(3));
		const b = simulateFrocMarks(reader, [LESION], IMAGES, createRandom(3));
		expect(a).toEqual(b);
		// Kept per case: ν·P(N(μ,1) > ζ₁) + λ·P(N(0,1) > ζ₁) = 0.6321·0.3085 + 3·0.0668 = 0.3955.
		const random = createRandom(5);
		const n = 4000;
		let kept = 0;
		for (let run = 0; run < n; run++) {
			const marks = simulateFrocMarks(reader, [LESION], IMAGES, random);
			kept += marks.length;
			for (const mark of marks) expect(mark.score).toBeGreaterThan(0);
		}
		const expected = (1 - Math.exp(-1)) * (1 - normalCdf(0.5)) + 3 * (1 - normalCdf(1.5));
		expect(Math.abs(kept / n - expected)).toBeLessThan(0.04);
	});
});

describe('scoreOnScale', () => {
	it('puts a 0…1 score on the percent and the five-point scale, keeping its order', () => {
		expect([0, 0.004, 0.5, 1].map((s) => scoreOnScale(s, 'percent'))).toEqual([0, 0, 50, 100]);
		expect([0, 0.19, 0.2, 0.59, 0.99, 1].map((s) => scoreOnScale(s, 'five-point'))).toEqual([
			1, 1, 2, 3, 5, 5
		]);
	});
});

import { describe, expect, it } from 'vitest';
import type { AnnotationRegion } from '$lib/domain/annotation';
import type { RegionOnImages } from '$lib/design/reference-standard/region-overlap';
import { iouSummary, lesionAgreement } from './lesion-agreement';

const UNIT = { x: 1, y: 1 };
const RULE = { iouThreshold: 0.5, pointAcceptanceMm: 5 };

function on(region: AnnotationRegion, firstImage = 1, lastImage = firstImage): RegionOnImages {
	return { firstImage, lastImage, region };
}
/** 10 px tall over x0…x1. */
function strip(x0: number, x1: number): RegionOnImages {
	return on({ kind: 'box', box: { x0, y0: 0, x1, y1: 10 } });
}
function point(x: number, y: number, radiusMm: number): RegionOnImages {
	return on({ kind: 'point', x, y, radiusMm });
}

describe('lesionAgreement — counted by hand', () => {
	it('over four cases: 2 matched of 4 + 4 lesions, F1 = 4 / 8', () => {
		const result = lesionAgreement(
			[
				// Matched (IoU 9/11); A's second lesion has no counterpart.
				{ a: [strip(0, 10), strip(40, 50)], b: [strip(1, 11)], spacing: UNIT },
				// Two points 5 mm apart: matched by distance, no IoU listed.
				{ a: [point(0, 0, 2)], b: [point(3, 4, 2)], spacing: UNIT },
				// Only B outlined something.
				{ a: [], b: [strip(0, 10)], spacing: UNIT },
				// Paired but IoU 1/3 < 0.5: one for each side, not a match.
				{ a: [strip(0, 10)], b: [strip(5, 15)], spacing: UNIT }
			],
			RULE
		);
		expect(result).toEqual({ matched: 2, onlyA: 2, onlyB: 2, f1: 0.5, ious: [9 / 11] });
	});

	it('pairs one to one: two outlines of A over one of B match once', () => {
		const result = lesionAgreement(
			[{ a: [strip(0, 10), strip(1, 11)], b: [strip(0, 10)], spacing: UNIT }],
			RULE
		);
		// The better pair (IoU 1) wins; F1 = 2 · 1 / 3.
		expect(result).toEqual({ matched: 1, onlyA: 1, onlyB: 0, f1: 2 / 3, ious: [1] });
	});

	it('F1 is 1 when neither outlined anything', () => {
		expect(lesionAgreement([{ a: [], b: [], spacing: UNIT }], RULE)).toEqual({
			matched: 0,
			onlyA: 0,
			onlyB: 0,
			f1: 1,
			ious: []
		});
	});
});

describe('iouSummary — type 7 quartiles by hand', () => {
	it('four values 0.9, 0.2, 0.6, 0.5', () => {
		// Sorted 0.2, 0.5, 0.6, 0.9; h = 3p: median h 1.5 → 0.55; q1 h 0.75 → 0.2 + 0.75·0.3 = 0.425;
		// q3 h 2.25 → 0.6 + 0.25·0.3 = 0.675.
		const summary = iouSummary([0.9, 0.2, 0.6, 0.5]);
		expect(summary.n).toBe(4);
		expect(summary.median).toBeCloseTo(0.55, 15);
		expect(summary.q1).toBeCloseTo(0.425, 15);
		expect(summary.q3).toBeCloseTo(0.675, 15);
		expect([summary.min, summary.max]).toEqual([0.2, 0.9]);
	});

	it('five values fall on order statistics; one value is every quantile; none gives nulls', () => {
		expect(iouSummary([0.8, 0.1, 0.4, 0.7, 0.3])).toEqual({
			n: 5,
			median: 0.4,
			q1: 0.3,
			q3: 0.7,
			min: 0.1,
			max: 0.8
		});
		expect(iouSummary([0.6])).toEqual({ n: 1, median: 0.6, q1: 0.6, q3: 0.6, min: 0.6, max: 0.6 });
		expect(iouSummary([])).toEqual({
			n: 0,
			median: null,
			q1: null,
			q3: null,
			min: null,
			max: null
		});
		expect(() => iouSummary([Number.NaN])).toThrow(/finite/);
	});
});

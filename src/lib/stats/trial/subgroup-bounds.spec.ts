// A subgroup of two readers who disagree leaves Hillis df near 1, and a t interval of a
// difference of proportions far wider than the possible range. Its limits are bounded to
// [−1, 1] (the arms' to [0, 1]) and the row says it was truncated and why (df, readers).
import { describe, expect, it } from 'vitest';
import { analyzeSubgroups } from './subgroup-analysis';
import { disagreeingReadersTrial } from '$fixtures/stats/disagreeing-readers.fixture';

// Site 'north': two readers who disagree (Hillis df near 1); site 'south': three ordinary ones.
const input = disagreeingReadersTrial();
const endpoint = (metric: 'auc' | 'sensitivity') =>
	({
		group: 'primary',
		metric,
		hypothesis: 'non-inferiority',
		margin: 0.05,
		alpha: 0.025
	}) as const;

describe('subgroup intervals of proportions', () => {
	for (const metric of ['auc', 'sensitivity'] as const) {
		const rows = analyzeSubgroups(input, endpoint(metric)).rows;
		const north = rows.find((row) => row.value === 'north')!;

		it(`${metric}: bounds the difference to [−1, 1] and says it was truncated, with df and readers`, () => {
			const difference = north.difference!;
			expect(difference.df2).toBeLessThan(2);
			expect(difference.ciLower).toBeGreaterThanOrEqual(-1);
			expect(difference.ciUpper).toBeLessThanOrEqual(1);
			expect(difference.truncated).toBe(true);
			expect(north.truncation).toMatch(
				/^95 % CI truncated to \[−1, 1\] \(the t interval, Hillis df \d+\.\d\d with 2 readers, is wider than the range\)$/
			);
		});

		it(`${metric}: bounds the arms' intervals to [0, 1] and marks them`, () => {
			for (const arm of north.arms!) {
				expect(arm.ciLower).toBeGreaterThanOrEqual(0);
				expect(arm.ciUpper).toBeLessThanOrEqual(1);
			}
			expect(north.arms!.some((arm) => arm.truncated)).toBe(true);
			expect(
				north.arms!.every((arm) => arm.ciLower <= arm.estimate && arm.estimate <= arm.ciUpper)
			).toBe(true);
		});

		it(`${metric}: leaves a difference inside the range as it is, unmarked`, () => {
			const south = rows.find((row) => row.value === 'south')!;
			expect(south.difference!.truncated).toBe(false);
			expect(south.difference!.ciLower).toBeGreaterThan(-1);
			expect(south.truncation).toBeUndefined();
		});
	}
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawQcSample } from './qc-sample';

type Case = { caseKey: string; site: string | null };

function site(name: string | null, count: number, prefix = name ?? 'none'): Case[] {
	return Array.from({ length: count }, (_, i) => ({
		caseKey: `${prefix}-${String(i + 1).padStart(3, '0')}`,
		site: name
	}));
}

function perSite(sample: string[], cases: Case[]): Record<string, number> {
	const siteOf = new Map(cases.map((c) => [c.caseKey, c.site ?? '(none)']));
	const counts: Record<string, number> = {};
	for (const key of sample) counts[siteOf.get(key)!] = (counts[siteOf.get(key)!] ?? 0) + 1;
	return counts;
}

describe('drawQcSample — sizes worked by hand', () => {
	it('100 cases (70 / 25 / 5) at 10 %: quotas 7, 2.5, 0.5 → 7, 2, 1', () => {
		const cases = [...site('A', 70), ...site('B', 25), ...site('C', 5)];
		const sample = drawQcSample(cases, 0.1, 'seed-1');
		expect(sample).toHaveLength(10);
		expect(perSite(sample, cases)).toEqual({ A: 7, B: 2, C: 1 });
	});

	it('30 cases (10 each) at 15 %: ceil(4.5) = 5, quotas 5/3 → 1 each, the two places left to A and B', () => {
		const cases = [...site('C', 10), ...site('B', 10), ...site('A', 10)];
		const sample = drawQcSample(cases, 0.15, 'seed-1');
		expect(perSite(sample, cases)).toEqual({ A: 2, B: 2, C: 1 });
	});

	it('25 cases (12 / 8 / 5) at 10 %: 3 places, quotas 1.44, 0.96, 0.6 → one from every site', () => {
		const cases = [...site('A', 12), ...site('B', 8), ...site('C', 5)];
		const sample = drawQcSample(cases, 0.1, 'seed-1');
		expect(perSite(sample, cases)).toEqual({ A: 1, B: 1, C: 1 });
	});

	it('at least one per site, even beyond ceil(fraction × N): 10 one-case sites and 90 cases', () => {
		const cases = [
			...Array.from({ length: 10 }, (_, i) => site(`S${i}`, 1)).flat(),
			...site('Z', 90)
		];
		const sample = drawQcSample(cases, 0.1, 'seed-1');
		// Quotas 0.1 each → 1 each; Z: 9.
		expect(sample).toHaveLength(19);
		expect(perSite(sample, cases).Z).toBe(9);
	});

	it('cases without a site are a stratum of their own', () => {
		const cases = [...site(null, 9), ...site('A', 1)];
		const sample = drawQcSample(cases, 0.1, 'seed-1');
		// ceil(1.0) = 1 place; quotas 0.9 and 0.1 → 1 each (the minimum): 2.
		expect(perSite(sample, cases)).toEqual({ '(none)': 1, A: 1 });
	});

	it('takes every case at fraction 1, none of no cases; refuses a fraction outside (0, 1]', () => {
		const cases = [...site('A', 3), ...site('B', 2)];
		expect(drawQcSample(cases, 1, 's')).toEqual(cases.map((c) => c.caseKey).sort());
		expect(drawQcSample([], 0.1, 's')).toEqual([]);
		expect(() => drawQcSample(cases, 0, 's')).toThrow(/fraction/);
		expect(() => drawQcSample(cases, 1.5, 's')).toThrow(/fraction/);
		expect(() => drawQcSample([...cases, cases[0]!], 0.5, 's')).toThrow(/caseKey/);
	});
});

describe('drawQcSample — reproducible and independent of the input order', () => {
	const cases = [...site('A', 40), ...site('B', 30), ...site('C', 30)];

	it('returns the same sorted sample for the same seed, and another for another seed', () => {
		const first = drawQcSample(cases, 0.1, 'study-seed');
		expect(drawQcSample(cases, 0.1, 'study-seed')).toEqual(first);
		expect(first).toEqual([...first].sort());
		// 40 cases choose 4 × 30 choose 3 × 30 choose 3: two seeds agreeing would be a defect.
		expect(drawQcSample(cases, 0.1, 'another-seed')).not.toEqual(first);
	});

	it('does not depend on the order the cases come in (seeded)', () => {
		const expected = drawQcSample(cases, 0.1, 'study-seed');
		fc.assert(
			fc.property(
				fc.shuffledSubarray(cases, { minLength: cases.length, maxLength: cases.length }),
				(shuffled) => {
					expect(drawQcSample(shuffled, 0.1, 'study-seed')).toEqual(expected);
				}
			),
			{ seed: 1919, numRuns: 50 }
		);
	});
});

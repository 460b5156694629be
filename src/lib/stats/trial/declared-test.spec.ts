// The p-value shown beside each decision is that of the declared test: one-sided, against the
// bound of the protocol's null hypothesis (−δ for non-inferiority, 0 for superiority, a time
// ratio of 1), so Met ⇔ p < α. The two-sided test of no difference is kept apart, named so.
// Expected values computed by hand (SciPy 1.17: scipy.stats.t.sf) from MRMCaov's Van Dyke RRRC
// difference 1 − 2 = −0.043800322061191554, SE 0.020748618378944948, Hillis df 15.259674589141575.
import { describe, expect, it } from 'vitest';
import { analyzeTrial, isEndpointResult } from './trial-analysis';
import type { EndpointResult } from './endpoint-analysis';
import type { TrialEndpoint } from './trial-input';
import { expectedAnalysis, referenceRows } from '$fixtures/stats/reference-reads.fixture';

const [diff12] = expectedAnalysis('vandyke.auc.jackknife.expected.json').rrrc.diffs;

const endpoints: TrialEndpoint[] = [
	{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 },
	{ group: 'secondary', metric: 'auc', hypothesis: 'superiority', alpha: 0.025 },
	{ group: 'secondary', metric: 'reading_time', hypothesis: 'superiority', alpha: 0.025 }
];

function vanDyke(arms: { test: string; reference: string }): EndpointResult[] {
	const rows = referenceRows('vandyke.csv').map((row, k) => ({
		...row,
		timeMs: (row.modality === '2' ? 24_000 : 30_000) * (1 + 0.3 * Math.sin(k))
	}));
	const analysis = analyzeTrial({
		reads: rows,
		readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: 'all' })),
		cases: [],
		arms,
		endpoints,
		strata: []
	});
	return analysis.endpoints.filter(isEndpointResult);
}

describe('the declared test’s p-value beside each decision', () => {
	const [nonInferiority, superiority, time] = vanDyke({ test: '2', reference: '1' }) as [
		EndpointResult,
		EndpointResult,
		EndpointResult
	];

	it('is one-sided against −δ for non-inferiority: 1 − F_t((Δ + δ)/SE; df)', () => {
		// Δ = 0.0438003, (Δ + 0.05)/SE = 4.5208, df 15.26: p = 0.000194884481.
		expect(nonInferiority.declared.p).toBeCloseTo(0.00019488448109017482, 12);
		expect(nonInferiority.declared).toMatchObject({
			sided: 'one-sided',
			hypothesis: 'non-inferiority',
			bound: -0.05,
			scale: 'difference',
			nullHypothesis: 'Δ ≤ −0.05',
			label: 'one-sided p vs −0.05',
			alpha: 0.025
		});
		expect(nonInferiority.met).toBe(true);
	});

	it('is one-sided against 0 for superiority, half the two-sided p here, and not met at α 0.025', () => {
		expect(superiority.declared.p).toBeCloseTo(0.025832842909647206, 12);
		expect(superiority.declared).toMatchObject({ bound: 0, label: 'one-sided p vs 0' });
		expect(superiority.met).toBe(false);
		// The two-sided test of no difference stays, under its own name.
		expect(superiority.rrrc.pTwoSided).toBeCloseTo(diff12!.p, 12);
		expect('p' in superiority.rrrc).toBe(false);
	});

	it('tests a reading-time ratio against 1', () => {
		expect(time.declared).toMatchObject({
			bound: 1,
			scale: 'ratio',
			nullHypothesis: 'ratio ≥ 1',
			label: 'one-sided p vs ratio 1'
		});
	});

	it('follows the arms: with the arms swapped non-inferiority is far from shown (p 0.3846)', () => {
		const [swapped] = vanDyke({ test: '1', reference: '2' }) as [EndpointResult];
		expect(swapped.declared.p).toBeCloseTo(0.38456181110028814, 12);
		expect(swapped.met).toBe(false);
	});

	it('agrees with every decision: met ⇔ p < α', () => {
		for (const arms of [
			{ test: '2', reference: '1' },
			{ test: '1', reference: '2' }
		]) {
			for (const result of vanDyke(arms))
				expect(result.met, result.endpoint.hypothesis).toBe(
					result.declared.p < result.endpoint.alpha
				);
		}
	});
});

// The trial analysis on the Van Dyke data, against MRMCaov 0.3.0 (tests/reference/data): the
// endpoint difference oriented test − reference, its FRRC/RRFC variants, the margin decisions,
// the crossover checks built from the peers' per-reader differences.
import { describe, expect, it } from 'vitest';
import { studentTQuantile, studentTSurvival } from '../distributions';
import type { ReadRow } from '../input/read-row';
import { analyzeTrial, isEndpointResult } from './trial-analysis';
import type { TrialEndpoint, TrialInput } from './trial-input';
import { expectedAnalysis, referenceRows } from '$fixtures/stats/reference-reads.fixture';
import type { EndpointResult } from './endpoint-analysis';

const expected = expectedAnalysis('vandyke.auc.jackknife.expected.json');
const [diff12] = expected.rrrc.diffs; // modality 1 − 2
const close = (actual: number, wanted: number) => expect(actual).toBeCloseTo(wanted, 10);

const auc: TrialEndpoint = {
	group: 'primary',
	metric: 'auc',
	hypothesis: 'non-inferiority',
	margin: 0.05,
	alpha: 0.025
};
const aucSuperiority: TrialEndpoint = {
	group: 'secondary',
	metric: 'auc',
	hypothesis: 'superiority',
	alpha: 0.025
};
const time: TrialEndpoint = {
	group: 'secondary',
	metric: 'reading_time',
	hypothesis: 'superiority',
	alpha: 0.025
};

function vanDykeTrial(period: (row: ReadRow, caseIndex: number) => number): TrialInput {
	const caseIndex = new Map<string, number>();
	const rows = referenceRows('vandyke.csv').map((row) => {
		if (!caseIndex.has(row.case)) caseIndex.set(row.case, caseIndex.size);
		const k = caseIndex.get(row.case) as number;
		return {
			...row,
			decision: row.rating >= 3 ? (1 as const) : (0 as const),
			// Modality 2 reads about 20 % faster, with case-to-case spread.
			timeMs: Math.round(
				(row.modality === '2' ? 24_000 : 30_000) * (1 + 0.3 * Math.sin(k + Number(row.reader)))
			),
			period: period(row, k),
			sequence: Number(row.reader) % 2 === 1 ? 'AB' : 'BA'
		};
	});
	return {
		reads: rows,
		readers: ['1', '2', '3', '4', '5'].map((reader) => ({
			reader,
			site: reader <= '2' ? 'north' : 'south'
		})),
		cases: [...caseIndex.keys()].map((id, k) => ({
			case: id,
			strata: { vendor: k % 2 === 0 ? 'ge' : 'siemens' }
		})),
		arms: { test: '2', reference: '1' },
		endpoints: [auc, aucSuperiority, time],
		strata: ['vendor']
	};
}

describe('analyzeTrial on the Van Dyke data', () => {
	const input = vanDykeTrial((row) => (row.modality === '1' ? 1 : 2));
	const analysis = analyzeTrial(input);
	const [primary, superiority, readingTime] = analysis.endpoints.filter(isEndpointResult) as [
		EndpointResult,
		EndpointResult,
		EndpointResult
	];

	it('orients the RRRC difference as test − reference, as MRMCaov reports it', () => {
		close(primary.rrrc.estimate, -diff12!.estimate);
		close(primary.rrrc.ciLower, -diff12!.ci_upper);
		close(primary.rrrc.ciUpper, -diff12!.ci_lower);
		close(primary.rrrc.pTwoSided, diff12!.p);
		close(primary.rrrc.df2, expected.rrrc.df2);
		close(
			primary.arms.find((row) => row.arm === '2')!.estimate,
			expected.rrrc.modality_ci[1]!.estimate
		);
		close(primary.frrc.estimate, -expected.frrc.diffs[0]!.estimate);
		close(primary.rrfc.ciUpper, -expected.rrfc.diffs[0]!.ci_lower);
		for (const row of expected.frrc.reader_diffs)
			close(
				primary.readerDifferences.find((reader) => reader.reader === row.reader)!.estimate,
				-row.estimate
			);
	});

	it('decides non-inferiority and superiority from the one-sided 97.5 % bound (the two-sided 95 % limit)', () => {
		// MRMCaov's 95 % CI of 1 − 2 has upper limit 0.00036, so 2 − 1 has lower bound −0.00036.
		close(
			primary.test.kind === 'non-inferiority'
				? (primary.test as { lowerBound: number }).lowerBound
				: NaN,
			-diff12!.ci_upper
		);
		expect(primary.met).toBe(true); // −0.00036 > −0.05
		expect(superiority.test.kind).toBe('superiority');
		expect(superiority.met).toBe(false); // −0.00036 ≤ 0
		close((superiority.test as { p: number }).p, diff12!.p / 2);
	});

	it('reports reading time as a ratio of geometric means, test over reference', () => {
		expect(readingTime.scale).toBe('ratio');
		expect(readingTime.rrrc.estimate).toBeGreaterThan(0.7);
		expect(readingTime.rrrc.estimate).toBeLessThan(0.9);
		const [reference, test] = ['1', '2'].map(
			(arm) => readingTime.arms.find((row) => row.arm === arm)!.estimate
		) as [number, number];
		close(readingTime.rrrc.estimate, test / reference);
		expect(readingTime.met).toBe(true);
	});

	it('finds the period effect equal to the arm effect when each arm was read in its own period', () => {
		const period = analysis.crossover.period!;
		expect(period.periods.map((row) => row.period)).toEqual(['period 1', 'period 2']);
		close(period.difference.estimate, -diff12!.estimate);
		close(period.difference.ciLower, -diff12!.ci_upper);
	});

	it("tests the sequence effect with Welch's t on MRMCaov's per-reader differences", () => {
		const byReader = new Map(expected.frrc.reader_diffs.map((row) => [row.reader!, -row.estimate]));
		const ab = ['1', '3', '5'].map((reader) => byReader.get(reader)!);
		const ba = ['2', '4'].map((reader) => byReader.get(reader)!);
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
		const variance = (values: number[]) =>
			values.reduce((sum, value) => sum + (value - mean(values)) ** 2, 0) / (values.length - 1);
		const [va, vb] = [variance(ab) / 3, variance(ba) / 2];
		const se = Math.sqrt(va + vb);
		const df = (va + vb) ** 2 / (va ** 2 / 2 + vb ** 2 / 1);
		const sequence = analysis.crossover.sequence!;
		expect(sequence.groups.map((row) => row.sequence)).toEqual(['AB', 'BA']);
		close(sequence.estimate, mean(ba) - mean(ab));
		close(sequence.se, se);
		close(sequence.df, df);
		close(sequence.p, 2 * studentTSurvival(Math.abs(sequence.estimate / se), df));
		close(sequence.ciUpper, sequence.estimate + studentTQuantile(0.975, df) * se);
	});

	it('lists subgroups by reader site and case stratum, each analysed on its own reads', () => {
		const rows = analysis.subgroups.find((group) => group.metric === 'auc')!.rows;
		expect(rows.map((row) => `${row.stratum}=${row.value}`)).toEqual([
			'reader_site=north',
			'reader_site=south',
			'vendor=ge',
			'vendor=siemens'
		]);
		const north = rows[0]!;
		expect(north.readers).toBe(2);
		expect(north.cases).toBe(114);
		// The two north readers' per-reader differences average to their subgroup difference.
		close(
			north.difference!.estimate,
			(-expected.frrc.reader_diffs[0]!.estimate - expected.frrc.reader_diffs[1]!.estimate) / 2
		);
		expect(rows[2]!.cases + rows[3]!.cases).toBe(114);
	});

	it('gives reader agreement per arm and the data for the figures', () => {
		expect(analysis.agreement.map((row) => row.arm)).toEqual(['1', '2']);
		for (const row of analysis.agreement) {
			expect(row.fleiss!.kappa).toBeGreaterThan(0);
			expect(row.fleiss!.kappa).toBeLessThan(1);
			expect(row.meanCohenWithAi).toBeNull();
		}
		expect(analysis.curves.arms[1]!.readers).toHaveLength(5);
		expect(analysis.readingTimes[0]!.seconds).toHaveLength(5 * 114);
		expect(analysis.design).toMatchObject({ cases: 114, positive: 45, negative: 69, reads: 1140 });
	});

	it('keeps a subgroup it cannot analyse with the reason', () => {
		const single = analyzeTrial({
			...input,
			readers: input.readers.map((row) => ({ ...row, site: row.reader === '1' ? 'solo' : 'rest' }))
		});
		const solo = single.subgroups[0]!.rows.find((row) => row.value === 'solo')!;
		expect(solo.difference).toBeUndefined();
		expect(solo.note).toMatch(/at least 2 are needed/);
	});

	it('leaves a reader with an incomplete set of reads out of the analysis set, with a note', () => {
		const partial = analyzeTrial({
			...input,
			reads: input.reads.filter(
				(row) => !(row.reader === '5' && row.modality === '2' && row.case > '50')
			)
		});
		expect(partial.design.readers).toEqual(['1', '2', '3', '4']);
		expect(partial.notes[0]).toMatch(/^reader 5 left out of the analysis set: \d+ of 228 reads$/);
		expect(partial.excludedReaders).toEqual([
			{ reader: '5', reads: expect.any(Number), expected: 228 }
		]);
		expect(analysis.excludedReaders).toEqual([]);
	});

	it('records an endpoint that cannot be analysed instead of failing the whole analysis', () => {
		const noTimes = analyzeTrial({
			...input,
			reads: input.reads.map((row) => ({ ...row, timeMs: null }))
		});
		const outcome = noTimes.endpoints[2]!;
		expect(isEndpointResult(outcome)).toBe(false);
		expect((outcome as { error: string }).error).toMatch(/reading time/);
	});
});

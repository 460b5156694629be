// The lesion-level endpoints of a trial on a hand-made blind export (3 readers × 2 arms × 12
// cases): the same figures as `tandem analyze --input marks.csv --truth lesions.csv` (the lesion
// analysis run directly on the export's files), a wAFROC and an NLs per image worked by hand for
// one reader, a reader with no mark at all taking part, the direction of NLs per image, and
// the lesion-attribute subgroups of lesion sensitivity.
import { describe, expect, it } from 'vitest';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../input/lesion-csv';
import { analyzeLesionStudy } from '../lesion/analyze-lesions';
import type { LesionFom } from '../analysis-report';
import { studentTQuantile } from '../distributions';
import type { EndpointResult } from './endpoint-analysis';
import { analyzeTrial, isEndpointResult } from './trial-analysis';
import type { TrialEndpoint, TrialInput } from './trial-input';
import type { LowerIsBetterTestResult } from './lower-is-better-test';
import {
	ARMS,
	DISEASED,
	LESIONS_CSV,
	NORMAL,
	READERS,
	lesionTrialReads,
	marksCsv
} from '$fixtures/stats/lesion-export.fixture';

const endpoint = (
	metric: TrialEndpoint['metric'],
	hypothesis: TrialEndpoint['hypothesis'],
	margin?: number
): TrialEndpoint => ({ group: 'primary', metric, hypothesis, margin, alpha: 0.025 });

const WAFROC = endpoint('wafroc', 'non-inferiority', 0.05);
const AFROC = endpoint('afroc', 'superiority');
const SENSITIVITY = endpoint('lesion_sensitivity', 'superiority');
const NL_NI = endpoint('fp_per_image', 'non-inferiority', 0.5);
const NL_SUP = endpoint('fp_per_image', 'superiority');
const LROC = endpoint('lroc', 'superiority');

function input(overrides: Partial<TrialInput> = {}): TrialInput {
	return {
		reads: lesionTrialReads(),
		readers: READERS.map((reader, j) => ({ reader, site: j === 0 ? 'north' : 'south' })),
		cases: [...NORMAL, ...DISEASED].map((id, k) => ({
			case: id,
			strata: { vendor: k % 2 === 0 ? 'ge' : 'siemens' }
		})),
		arms: { test: ARMS.test, reference: ARMS.reference },
		endpoints: [WAFROC, AFROC, SENSITIVITY, NL_NI, NL_SUP, LROC],
		strata: ['vendor'],
		lesions: { truthCsv: LESIONS_CSV, marksCsv: marksCsv() },
		...overrides
	};
}

const analysis = analyzeTrial(input());
const result = (index: number) => {
	const outcome = analysis.endpoints[index]!;
	if (!isEndpointResult(outcome)) throw new Error(`endpoint ${index}: ${outcome.error}`);
	return outcome;
};
const direct = (fom: LesionFom, fpf?: number) =>
	analyzeLesionStudy(parseLesionMarksCsv(marksCsv(), parseLesionTruthCsv(LESIONS_CSV)), {
		fom,
		...(fpf !== undefined && { fpf }),
		covariance: 'jackknife',
		method: 'or',
		test: ARMS.test,
		reference: ARMS.reference
	});
const fomOf = (outcome: EndpointResult, reader: string, modality: string) =>
	outcome.report.fomTable.find((row) => row.reader === reader && row.modality === modality)!
		.estimate;

describe('lesion-level endpoints of a trial', () => {
	it('gives the figures of the lesion analysis run directly on the export’s files', () => {
		for (const [index, fom] of [
			[0, 'wafroc'],
			[1, 'afroc'],
			[2, 'lesion-sensitivity'],
			[3, 'nl-per-image']
		] as const) {
			const mine = result(index);
			const theirs = direct(fom);
			expect(mine.report.fomTable).toEqual(theirs.fomTable);
			const diff = theirs.or!.rrrc.diffs[0]!;
			// The direct analysis names test and reference too: its contrast is test − reference.
			expect([diff.modalityA, diff.modalityB]).toEqual([ARMS.test, ARMS.reference]);
			expect(mine.rrrc.estimate).toBeCloseTo(diff.estimate, 12);
			expect(mine.rrrc.se).toBeCloseTo(diff.se, 12);
			expect(mine.rrrc.ciLower).toBeCloseTo(diff.ciLower, 12);
			expect(mine.rrrc.pTwoSided).toBeCloseTo(diff.p, 12);
			for (const arm of [ARMS.test, ARMS.reference]) {
				const mean =
					READERS.reduce((sum, reader) => sum + fomOf(mine, reader, arm), 0) / READERS.length;
				expect(mine.arms.find((row) => row.arm === arm)!.estimate).toBeCloseTo(mean, 12);
			}
		}
	});

	it('computes wAFROC and NLs per image of reader 1 in the reference arm as worked by hand', () => {
		// Highest NL per non-diseased case: 2, −∞, 3, −∞, 1, 4. A lesion rated y wins over them
		// 6 (y=5), 5.5 (4), 4.5 (3), 3.5 (2), 2.5 (1), 1 (unmarked: two ½ ties) times; weighted per
		// diseased case: D1 0.75·6 + 0.25·1 = 4.75, D2 4.5, D3 ½·5.5 + ½·3.5 = 4.5, D4 1, D5 2.5,
		// D6 5.5 — 22.75 over 6 × 6 pairs.
		expect(fomOf(result(0), 'RDR-000001', ARMS.reference)).toBeCloseTo(22.75 / 36, 14);
		// Five NLs on the six non-diseased cases (the NL on D2 is on a diseased case).
		expect(fomOf(result(3), 'RDR-000001', ARMS.reference)).toBeCloseTo(5 / 6, 14);
		// Lesion sensitivity: 6 of the 8 lesions localised (D1 lesion 2 and D4 missed).
		expect(fomOf(result(2), 'RDR-000001', ARMS.reference)).toBeCloseTo(6 / 8, 14);
	});

	it('lets a reader with no mark in an arm take part: every lesion and case unmarked', () => {
		// Every pair ties at −∞: wAFROC ½; no lesion localised; no NL.
		expect(fomOf(result(0), 'RDR-000003', ARMS.test)).toBe(0.5);
		expect(fomOf(result(2), 'RDR-000003', ARMS.test)).toBe(0);
		expect(fomOf(result(3), 'RDR-000003', ARMS.test)).toBe(0);
		expect(result(0).report.design.readers).toEqual(READERS);
	});

	it('takes a marks.csv with a header only as a study where nobody marked anything', () => {
		const header = marksCsv().split('\n')[0]!;
		const outcome = analyzeTrial(
			input({ lesions: { truthCsv: LESIONS_CSV, marksCsv: `${header}\n` }, endpoints: [NL_SUP] })
		).endpoints[0]!;
		// No NL anywhere: both arms 0, and the difference is not estimable (all zero variance).
		expect('error' in outcome ? outcome.error : 'analysed').toMatch(/not estimable/);
	});

	it('decides wAFROC non-inferiority by the lower bound against −δ, as for the AUC', () => {
		const wafroc = result(0);
		const test = wafroc.test as { lowerBound: number; threshold: number };
		const t = studentTQuantile(0.975, wafroc.rrrc.df!);
		expect(test.lowerBound).toBeCloseTo(wafroc.rrrc.estimate - t * wafroc.rrrc.se, 12);
		expect(test.threshold).toBe(-0.05);
		expect(wafroc.met).toBe(test.lowerBound > -0.05);
		expect(wafroc.better).toBe('higher');
	});

	it('reads NLs per image as better lower: test − reference below δ, or below 0', () => {
		for (const [index, threshold] of [
			[3, 0.5],
			[4, 0]
		] as const) {
			const nl = result(index);
			const test = nl.test as LowerIsBetterTestResult;
			const [reference, tested] = [ARMS.reference, ARMS.test].map(
				(arm) => nl.arms.find((row) => row.arm === arm)!.estimate
			) as [number, number];
			expect(nl.rrrc.estimate).toBeCloseTo(tested - reference, 12);
			expect(nl.better).toBe('lower');
			expect(test.direction).toBe('lower-is-better');
			expect(test.threshold).toBe(threshold);
			const t = studentTQuantile(0.975, nl.rrrc.df!);
			expect(test.upperBound).toBeCloseTo(nl.rrrc.estimate + t * nl.rrrc.se, 12);
			expect(nl.met).toBe(test.upperBound < threshold);
			expect(nl.met).toBe(nl.declared.p < 0.025);
			expect(nl.declared.nullHypothesis).toBe(threshold === 0 ? 'Δ ≥ 0' : 'Δ ≥ 0.5');
		}
		// The test arm makes fewer NLs here: superiority's upper bound is what decides it.
		expect(result(4).rrrc.estimate).toBeLessThan(0);
	});

	it('analyses LROC as PCL at its false-positive fraction (0.2 unless declared), as tandem analyze --fom pcl', () => {
		const lroc = result(5);
		expect(lroc.report.fom).toBe('pcl');
		expect(lroc.report.fomTable).toEqual(direct('pcl', 0.2).fomTable);
		expect(lroc.rrrc.estimate).toBeCloseTo(direct('pcl', 0.2).or!.rrrc.diffs[0]!.estimate, 12);
		const atHalf = analyzeTrial(input({ endpoints: [{ ...LROC, fpf: 0.5 }] })).endpoints[0]!;
		if (!isEndpointResult(atHalf)) throw new Error(atHalf.error);
		expect(atHalf.report.fomTable).toEqual(direct('pcl', 0.5).fomTable);
		expect(atHalf.report.fomTable).not.toEqual(lroc.report.fomTable);
	});

	it('reports every lesion endpoint as not analysable without the export’s files', () => {
		const without = analyzeTrial(
			input({ lesions: { missing: 'export 3 has no marks.csv' }, endpoints: [WAFROC] })
		);
		expect(without.endpoints[0]).toEqual({ endpoint: WAFROC, error: 'export 3 has no marks.csv' });
	});

	it('refuses an export whose lesions.csv disagrees with the reads, naming the case', () => {
		const truthCsv = LESIONS_CSV.replace('CASE-0000N1,0,0,,', 'CASE-0000N1,1,1,mass,3');
		const outcome = analyzeTrial(
			input({ lesions: { truthCsv, marksCsv: marksCsv() }, endpoints: [WAFROC] })
		).endpoints[0]!;
		expect(outcome).toMatchObject({
			error:
				'lesions.csv: case CASE-0000N1 is diseased (it has lesions) but its truth in reads.csv is 0'
		});
	});

	it('analyses lesion sensitivity by lesion type, on that type’s lesions only', () => {
		const subgroups = analysis.subgroups.find((row) => row.metric === 'lesion_sensitivity')!;
		const mass = subgroups.rows.find(
			(row) => row.stratum === 'lesion type' && row.value === 'mass'
		)!;
		// The truth and marks with the masses only, written out: D1 keeps lesion 1 (weight 1), D5
		// (a calcification only) leaves, D3 keeps lesion 2.
		const massTruth = LESIONS_CSV.split('\n')
			.filter((line) => !line.includes('calcification'))
			.join('\n')
			.replace('CASE-0000D1,1,0.75', 'CASE-0000D1,1,1')
			.replace('CASE-0000D3,2,0.5', 'CASE-0000D3,2,1');
		const massMarks = marksCsv()
			.split('\n')
			.filter(
				(line) =>
					!/,CASE-0000D1,2,/.test(line) &&
					!/,CASE-0000D3,1,/.test(line) &&
					!line.includes(',CASE-0000D5,')
			)
			.join('\n');
		const theirs = analyzeLesionStudy(
			parseLesionMarksCsv(massMarks, parseLesionTruthCsv(massTruth)),
			{
				fom: 'lesion-sensitivity',
				covariance: 'jackknife',
				method: 'or',
				test: ARMS.test,
				reference: ARMS.reference
			}
		);
		expect(mass.cases).toBe(11);
		expect(mass.positive).toBe(5);
		expect(mass.difference!.estimate).toBeCloseTo(theirs.or!.rrrc.diffs[0]!.estimate, 12);
		expect(mass.difference!.se).toBeCloseTo(theirs.or!.rrrc.diffs[0]!.se, 12);
		expect(subgroups.rows.map((row) => row.stratum)).toEqual([
			'reader_site',
			'reader_site',
			'vendor',
			'vendor',
			'lesion type',
			'lesion type',
			...Array(subgroups.rows.length - 6).fill('lesion size_mm')
		]);
	});

	it('leaves the period check to case-level endpoints when the primary one is lesion-level', () => {
		expect(analysis.crossover.notes.join(' ')).toContain(
			'the primary endpoint (wafroc) is lesion-level'
		);
	});
});

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from './analyze';
import { parseLongCsv } from './input/long-csv';
import { DesignError } from './mrmc/design-checks';
import { reportToJsonText } from './output/analysis-json';
import type { ReadingStudy } from './study';

const study = parseLongCsv(
	readFileSync(
		new URL('../../../tests/fixtures/stats/three-modalities.csv', import.meta.url),
		'utf8'
	)
);

describe('analyzeStudy', () => {
	it('tabulates each reader × modality figure (reader-major) and the design', () => {
		const report = analyzeStudy(study, { fom: 'auc', covariance: 'delong', method: 'or' });
		expect(report.design).toMatchObject({
			readers: ['r1', 'r2', 'r3', 'r10'],
			cases: 18,
			positive: 6,
			negative: 12
		});
		expect(report.fomTable.slice(0, 3).map((row) => [row.reader, row.modality])).toEqual([
			['r1', 'CT, low dose'],
			['r1', 'MRI'],
			['r1', 'XR']
		]);
		const row = report.fomTable[4]!; // reader r2, MRI
		// By hand from the file: r2's 6 × 12 (diseased, non-diseased) MRI pairs score 47 (1 ranked right, ½ tied).
		expect(row.estimate).toBeCloseTo(47 / 72, 15);
		expect(row.ciLower).toBeGreaterThanOrEqual(0);
		expect(row.ciUpper).toBeLessThanOrEqual(1);
	});

	it('computes sensitivity from the decision column when present', () => {
		const report = analyzeStudy(study, {
			fom: 'sensitivity',
			covariance: 'jackknife',
			method: 'or'
		});
		// By hand from the file: r1 in "CT, low dose" calls c6, c9 and c12 of the diseased c3, c6, …, c18.
		expect(report.fomTable[0]!.estimate).toBe(3 / 6);
		expect(report.design.jackknifeCases).toBe(6);
	});

	it('refuses sensitivity without binary calls, DeLong for sensitivity and DBM with DeLong', () => {
		const withoutDecision = { ...study, decision: undefined };
		expect(() =>
			analyzeStudy(withoutDecision, { fom: 'sensitivity', covariance: 'jackknife', method: 'or' })
		).toThrow("add a 'decision' column");
		expect(() =>
			analyzeStudy(study, { fom: 'sensitivity', covariance: 'delong', method: 'or' })
		).toThrowError(DesignError);
		expect(() => analyzeStudy(study, { fom: 'auc', covariance: 'delong', method: 'dbm' })).toThrow(
			'DBM method analyses jackknife pseudovalues'
		);
	});

	it('with three modalities skips the margin tests unless the pair is declared', () => {
		const undeclared = analyzeStudy(study, { fom: 'auc', covariance: 'jackknife', method: 'or' });
		expect(undeclared.hypothesis.tests).toEqual([]);
		expect(undeclared.hypothesis.note).toContain('--reference and --test');
		const declared = analyzeStudy(study, {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or',
			test: 'XR',
			reference: 'CT, low dose'
		});
		const ct = declared.or!.rrrc.modalityCi[0]!.estimate;
		const xr = declared.or!.rrrc.modalityCi[2]!.estimate;
		expect(declared.hypothesis.tests.map((test) => test.kind)).toEqual([
			'non-inferiority',
			'superiority'
		]);
		expect(declared.hypothesis.tests[0]!.estimate).toBeCloseTo(xr - ct, 15);
		// The pair's contrast reads test − reference; the others stay a − b in natural order.
		expect(declared.orientation).toEqual({ test: 'XR', reference: 'CT, low dose' });
		expect(declared.or!.rrrc.diffs.map((row) => `${row.modalityA} - ${row.modalityB}`)).toEqual([
			'CT, low dose - MRI',
			'XR - CT, low dose',
			'MRI - XR'
		]);
		expect(declared.or!.rrrc.diffs[1]!.estimate).toBe(declared.hypothesis.tests[0]!.estimate);
		expect(undeclared.orientation).toBeUndefined();
		expect(() =>
			analyzeStudy(study, {
				fom: 'auc',
				covariance: 'jackknife',
				method: 'or',
				test: 'PET',
				reference: 'XR'
			})
		).toThrow("the test modality 'PET' is not in the data");
	});

	it('reports reading time as geometric means and their ratio', () => {
		const report = analyzeStudy(study, {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or',
			aided: 'MRI',
			unaided: 'XR'
		});
		const times = report.readingTime!;
		// geometric mean of modality MRI over all its reads, by hand: exp(mean of log seconds)
		let sum = 0;
		let count = 0;
		for (const byCase of study.timeMs![1]!)
			for (const ms of byCase) {
				sum += Math.log(ms / 1000);
				count++;
			}
		expect(times.geometricMeans[1]!.seconds).toBeCloseTo(Math.exp(sum / count), 10);
		const test = report.hypothesis.readingTime!;
		expect(test.ratio).toBeCloseTo(
			times.geometricMeans[1]!.seconds / times.geometricMeans[2]!.seconds,
			12
		);
	});

	it('leaves a read without a reading time out of the reading-time analysis only', () => {
		const text = readFileSync(
			new URL('../../../tests/fixtures/stats/three-modalities.csv', import.meta.url),
			'utf8'
		);
		// The first MRI read loses its time: the cell is left empty, as the blind export writes it.
		const lines = text.split('\n');
		const first = lines.findIndex((line) => line.startsWith('r1,MRI,'));
		lines[first] = lines[first]!.replace(/,\d+(\r?)$/, ',$1');
		const gap = parseLongCsv(lines.join('\n'));
		const options = {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or',
			aided: 'MRI',
			unaided: 'XR'
		} as const;
		const full = analyzeStudy(study, options);
		const report = analyzeStudy(gap, options);
		expect(report.fomTable).toEqual(full.fomTable);
		expect(report.or!.rrrc).toEqual(full.or!.rrrc);
		// MRI's geometric mean: each reader's mean log-seconds over the reads with a time, averaged over readers.
		const readerMeans = gap.timeMs![1]!.map((series) => {
			const logs = Array.from(series)
				.filter((ms) => !Number.isNaN(ms))
				.map((ms) => Math.log(ms / 1000));
			return logs.reduce((total, value) => total + value, 0) / logs.length;
		});
		expect(
			gap.timeMs![1]!.flatMap((series) => Array.from(series)).filter(Number.isNaN)
		).toHaveLength(1);
		expect(report.readingTime!.geometricMeans[1]!.seconds).toBeCloseTo(
			Math.exp(readerMeans.reduce((total, value) => total + value, 0) / readerMeans.length),
			10
		);
		expect(report.hypothesis.readingTime).toBeDefined();
		expect(report.notes).toContain(
			'reading time missing for 1 of 216 reads: those reads are left out of the reading-time analysis only'
		);
	});

	it('gives reproducible bootstrap results for a seed', () => {
		const options = {
			fom: 'auc',
			covariance: 'bootstrap',
			method: 'or',
			bootstrapSamples: 300,
			seed: 11
		} as const;
		const first = analyzeStudy(study, options);
		const again = analyzeStudy(study, options);
		expect(again.or!.rrrc.f).toBe(first.or!.rrrc.f);
		expect(first.or!.varianceComponents.variance).toBeGreaterThan(0);
		// F does not show it here (cov2 < cov3, so its denominator is MS(T×R) alone, whatever the
		// covariance): the variance components do. Same seed, same components; another seed or the
		// jackknife, other ones — so the bootstrap is used and its seed is honoured.
		expect(again.or!.varianceComponents).toEqual(first.or!.varianceComponents);
		expect(analyzeStudy(study, { ...options, seed: 12 }).or!.varianceComponents.variance).not.toBe(
			first.or!.varianceComponents.variance
		);
		expect(
			analyzeStudy(study, { ...options, covariance: 'jackknife' }).or!.varianceComponents.variance
		).not.toBe(first.or!.varianceComponents.variance);
	});
});

describe('analyzeStudy on arbitrary small studies (ties, perfect readers, constant ratings)', () => {
	const studies = fc
		.record({
			readers: fc.integer({ min: 2, max: 4 }),
			modalities: fc.integer({ min: 2, max: 3 }),
			cases: fc.integer({ min: 4, max: 12 }),
			levels: fc.integer({ min: 1, max: 4 })
		})
		.chain(({ readers, modalities, cases, levels }) =>
			fc.record({
				truth: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: cases, maxLength: cases }),
				ratings: fc.array(fc.integer({ min: 1, max: levels }), {
					minLength: readers * modalities * cases,
					maxLength: readers * modalities * cases
				}),
				readers: fc.constant(readers),
				modalities: fc.constant(modalities)
			})
		)
		.filter(
			({ truth }) =>
				truth.filter((t) => t === 1).length >= 2 && truth.filter((t) => t === 0).length >= 2
		)
		.map(({ truth, ratings, readers, modalities }): ReadingStudy => {
			const n = truth.length;
			const rating = Array.from({ length: modalities }, (_, m) =>
				Array.from({ length: readers }, (_, j) =>
					Float64Array.from({ length: n }, (_, k) => ratings[(m * readers + j) * n + k]!)
				)
			);
			return {
				readers: Array.from({ length: readers }, (_, j) => `r${j + 1}`),
				modalities: Array.from({ length: modalities }, (_, m) => `m${m + 1}`),
				cases: truth.map((_, k) => `c${k}`),
				truth: Uint8Array.from(truth),
				rating
			};
		});

	it('property: either a clear DesignError or a report without NaN, for every method', () => {
		fc.assert(
			fc.property(
				studies,
				fc.constantFrom(...(['jackknife', 'delong', 'dbm'] as const)),
				(study, variant) => {
					const options =
						variant === 'dbm'
							? ({ fom: 'auc', covariance: 'jackknife', method: 'dbm' } as const)
							: ({ fom: 'auc', covariance: variant, method: 'or' } as const);
					try {
						const text = reportToJsonText(analyzeStudy(study, options));
						expect(text).not.toContain('NaN');
					} catch (error) {
						expect(error).toBeInstanceOf(DesignError);
					}
				}
			),
			{ numRuns: 300, seed: 4 }
		);
	});
});

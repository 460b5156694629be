// Degenerate data must be refused as "not estimable" with the reason, never analysed into a
// noise-level statistic (an F of 2 or a chi-square of Inf next to a difference of 0).
import { describe, expect, it } from 'vitest';
import { analyzeStudy, type AnalysisOptions } from './analyze';
import { parseLongCsv } from './input/long-csv';
import { DesignError } from './mrmc/design-checks';
import { NotEstimableError } from './mrmc/not-estimable';

type Kind = 'equal' | 'perfect' | 'identical';

/** 3 readers × 2 modalities × 8 cases (4 diseased). */
function degenerateCsv(kind: Kind): string {
	const rows = ['reader,modality,case,truth,rating'];
	['r1', 'r2', 'r3'].forEach((reader, j) => {
		for (const modality of ['A', 'B']) {
			for (let c = 1; c <= 8; c++) {
				const truth = c <= 4 ? 1 : 0;
				const rating =
					kind === 'equal'
						? 3
						: kind === 'perfect'
							? truth
								? 5
								: 1
							: ((c * 7 + j * 3) % 5) + truth;
				rows.push(`${reader},${modality},c${c},${truth},${rating}`);
			}
		}
	});
	return rows.join('\n');
}

const SETTINGS: AnalysisOptions[] = [
	{ fom: 'auc', covariance: 'jackknife', method: 'or' },
	{ fom: 'auc', covariance: 'delong', method: 'or' },
	{ fom: 'auc', covariance: 'bootstrap', method: 'or', bootstrapSamples: 200 },
	{ fom: 'auc', covariance: 'jackknife', method: 'dbm' }
];

const REASONS: Record<Kind, RegExp> = {
	equal: /the figures of merit do not differ between the modalities/,
	perfect: /the figures of merit do not differ between the modalities/,
	identical: /the figures of merit do not differ between the modalities/
};

describe('analyzeStudy on degenerate data', () => {
	for (const kind of ['equal', 'perfect', 'identical'] as const) {
		for (const options of SETTINGS) {
			it(`refuses ${kind} ratings as not estimable (${options.method}, ${options.covariance})`, () => {
				const study = parseLongCsv(degenerateCsv(kind));
				let error: unknown;
				try {
					analyzeStudy(study, options);
				} catch (caught) {
					error = caught;
				}
				expect(error).toBeInstanceOf(NotEstimableError);
				expect(error).toBeInstanceOf(DesignError);
				expect((error as Error).message).toMatch(/^not estimable: /);
				expect((error as Error).message).toMatch(REASONS[kind]);
			});
		}
	}

	it('still analyses data where only one modality separates perfectly', () => {
		const text = degenerateCsv('identical')
			.split('\n')
			.map((line, index) => {
				if (index === 0 || !line.includes(',B,')) return line;
				const fields = line.split(',');
				return [...fields.slice(0, 4), fields[3] === '1' ? '9' : '0'].join(',');
			})
			.join('\n');
		const report = analyzeStudy(parseLongCsv(text), SETTINGS[0]!);
		const rrrc = report.or!.rrrc;
		expect(Number.isFinite(rrrc.f) && rrrc.f > 0).toBe(true);
		expect(rrrc.p).toBeGreaterThan(0);
		expect(rrrc.p).toBeLessThan(1);
	});
});

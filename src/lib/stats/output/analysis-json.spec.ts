import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../analyze';
import { parseLongCsv } from '../input/long-csv';
import { reportToJsonText } from './analysis-json';
import { reportToText } from './analysis-text';

const csv = (rows: string[]) => ['reader,modality,case,truth,rating', ...rows].join('\n');
const cases = (reader: string, modality: string, ratings: number[]) =>
	ratings.map((rating, k) => `${reader},${modality},c${k + 1},${k < 2 ? 1 : 0},${rating}`);

// both readers rate identically in each modality → MS(T×R) = 0
const text = csv(
	['1', '2'].flatMap((reader) => [
		...cases(reader, 'A', [3, 2, 1, 2]),
		...cases(reader, 'B', [3, 3, 1, 2])
	])
);
// the readers agree in modality A only → MS(R) of A = 0, its interval's df would be infinite
const agreeInA = csv([
	...cases('1', 'A', [3, 2, 1, 2]),
	...cases('2', 'A', [3, 2, 1, 2]),
	...cases('1', 'B', [3, 3, 1, 2]),
	...cases('2', 'B', [2, 3, 3, 1])
]);

describe('JSON report', () => {
	it('refuses readers that agree exactly (MS(T×R) = 0) as not estimable, never an infinite F', () => {
		expect(() =>
			analyzeStudy(parseLongCsv(text), { fom: 'auc', covariance: 'jackknife', method: 'or' })
		).toThrow(
			/^not estimable: the random-readers fixed-cases test: the denominator MS\(T×R\) is zero/
		);
	});

	it('writes an interval with infinite degrees of freedom as a normal one, without df', () => {
		const report = analyzeStudy(parseLongCsv(agreeInA), {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or'
		});
		const jsonText = reportToJsonText(report);
		expect(jsonText).not.toMatch(/Infinity|NaN/);
		const json = JSON.parse(jsonText);
		expect(json.rrrc.modality_ci[0]).not.toHaveProperty('df');
		expect(json.rrrc.modality_ci[1].df).toBeGreaterThan(0);
		expect(json.rrrc.diffs[0]).toHaveProperty('ci_lower');
		expect(Object.keys(json)).toEqual(
			expect.arrayContaining([
				'fom',
				'covariance',
				'method',
				'design',
				'fom_table',
				'variance_components',
				'rrrc',
				'frrc',
				'rrfc'
			])
		);
		expect(reportToText(report)).not.toMatch(/Inf|NaN/);
	});
});

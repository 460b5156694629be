import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../analyze';
import { parseLongCsv } from '../input/long-csv';
import { reportToJsonText } from './analysis-json';
import { reportToText } from './analysis-text';

const text = [
	'reader,modality,case,truth,rating',
	// both readers rate identically in each modality → MS(T×R) = 0 and ddf = Infinity
	...['1', '2'].flatMap((reader) => [
		`${reader},A,c1,1,3`,
		`${reader},A,c2,1,2`,
		`${reader},A,c3,0,1`,
		`${reader},A,c4,0,2`,
		`${reader},B,c1,1,3`,
		`${reader},B,c2,1,3`,
		`${reader},B,c3,0,1`,
		`${reader},B,c4,0,2`
	])
].join('\n');

describe('JSON report', () => {
	it('writes non-finite degrees of freedom as the string "Infinity"', () => {
		const report = analyzeStudy(parseLongCsv(text), {
			fom: 'auc',
			covariance: 'jackknife',
			method: 'or'
		});
		const json = JSON.parse(reportToJsonText(report));
		expect(json.rrrc.df2).toBe('Infinity');
		expect(json.rrrc.diffs[0].df).toBe('Infinity');
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
		expect(reportToText(report)).toContain('df = (1, Inf)');
	});
});

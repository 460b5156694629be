import { describe, expect, it } from 'vitest';
import { AiOutputsInputError, parseAiOutputs } from './ai-outputs-csv';
import { groupPerformance } from '../single-reader/standalone-performance';

const HEADER =
	'case,model,model_version,model_sha256,status,score,threshold,failure_rule,call,attempts,error,output_sha256,input_sha256,candidates';
const row = (id: string, status: string, score: string, rule = 'negative') =>
	`${id},det,1.0,abc,${status},${score},0.5,${rule},,1,,,,0`;
const TRUTH = 'case,truth\nC1,1\nC2,1\nC3,0\nC4,0\n';

describe('parseAiOutputs', () => {
	it('scores a failed case by the failure rule, and the standalone figures follow by hand', () => {
		const text = [
			HEADER,
			row('C1', 'done', '0.9'),
			row('C2', 'failed', ''),
			row('C3', 'done', '0.6'),
			row('C4', 'done', '0.2')
		].join('\n');
		const table = parseAiOutputs(text, TRUTH);
		expect(table.model).toEqual({ name: 'det', version: '1.0', sha256: 'abc' });
		expect(table.cases.map((item) => [item.score, item.call, item.failed])).toEqual([
			[0.9, 1, false],
			[0, 0, true], // failed, rule negative: score 0, call 0
			[0.6, 1, false],
			[0.2, 0, false]
		]);
		const performance = groupPerformance('all cases', table.cases);
		// Sensitivity 1/2 (C1 of C1, C2), specificity 1/2 (C4 of C3, C4).
		expect(performance.binary.sensitivity?.estimate).toBe(0.5);
		expect(performance.binary.specificity?.estimate).toBe(0.5);
		// AUC: diseased {0.9, 0} against non-diseased {0.6, 0.2}: 2 of 4 pairs ordered = 0.5.
		expect(performance.auc?.auc).toBe(0.5);
		// The rule 'positive' scores and calls the failed case 1.
		const positive = parseAiOutputs(
			[
				HEADER,
				...['C1', 'C2', 'C3', 'C4'].map((id) =>
					row(id, id === 'C2' ? 'failed' : 'done', '0.4', 'positive')
				)
			].join('\n'),
			TRUTH
		);
		expect(positive.cases[1]).toMatchObject({ score: 1, call: 1, failed: true });
	});
	it('names the file, line and column of a bad cell, and a case missing from either file', () => {
		const bad = [HEADER, row('C1', 'done', 'high')].join('\n');
		expect(() => parseAiOutputs(bad, TRUTH)).toThrow(
			new AiOutputsInputError("ai-outputs.csv: line 2, column score: 'high' is not a number")
		);
		expect(() => parseAiOutputs([HEADER, row('C9', 'done', '0.1')].join('\n'), TRUTH)).toThrow(
			'ai-outputs.csv: line 2, column case: case C9 is not in truth.csv'
		);
		expect(() => parseAiOutputs([HEADER, row('C1', 'done', '0.1')].join('\n'), TRUTH)).toThrow(
			'ai-outputs.csv: no row for cases C2, C3, C4 of truth.csv'
		);
	});
});

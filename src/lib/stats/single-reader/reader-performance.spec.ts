import { describe, expect, it } from 'vitest';
import { referenceText as read } from '../../../../tests/reference/reference-files';
import { parseLongCsv } from '../input/long-csv';
import { readerPerformance } from './reader-performance';

// The peer outputs in tests/reference/data (MRMCaov 0.3.0): per reader × modality figures of
// merit for Van Dyke et al. 1993 (empirical AUC) and the binary data set (sensitivity,
// specificity).

type FomRow = { reader: string; modality: string; estimate: number };
const fomTable = (name: string) => (JSON.parse(read(name)) as { fom_table: FomRow[] }).fom_table;

describe('readerPerformance', () => {
	it('reproduces MRMCaov per-reader AUCs for Van Dyke (no calls: binary part is null)', () => {
		const table = readerPerformance(parseLongCsv(read('vandyke.csv')));
		expect(table.callsSource).toBe('none');
		const expected = fomTable('vandyke.auc.delong.expected.json');
		expect(table.rows.map((row) => [row.reader, row.modality])).toEqual(
			expected.map((row) => [row.reader, row.modality])
		);
		table.rows.forEach((row, index) => {
			expect(row.auc.auc).toBeCloseTo((expected[index] as FomRow).estimate, 12);
			expect(row.binary).toBeNull();
			expect(row.auc.ciLower).toBeLessThan(row.auc.auc);
		});
	});

	it('reproduces MRMCaov per-reader sensitivity and specificity for the binary data set', () => {
		const table = readerPerformance(parseLongCsv(read('binary.csv')));
		expect(table.callsSource).toBe('binary-ratings');
		const sensitivity = fomTable('binary.sensitivity.jackknife.expected.json');
		const specificity = fomTable('binary.specificity.jackknife.expected.json');
		table.rows.forEach((row, index) => {
			expect(row.binary?.sensitivity?.estimate).toBeCloseTo(
				(sensitivity[index] as FomRow).estimate,
				12
			);
			expect(row.binary?.specificity?.estimate).toBeCloseTo(
				(specificity[index] as FomRow).estimate,
				12
			);
			const matrix = row.binary?.matrix;
			expect((matrix?.truePositive ?? 0) + (matrix?.falseNegative ?? 0)).toBe(80);
			expect((matrix?.falsePositive ?? 0) + (matrix?.trueNegative ?? 0)).toBe(120);
		});
	});

	it('prefers the decision column when there is one', () => {
		const csv = [
			'reader,modality,case,truth,rating,decision',
			'r1,AI,c1,1,0.9,1',
			'r1,AI,c2,1,0.4,0',
			'r1,AI,c3,0,0.3,0',
			'r1,AI,c4,0,0.6,1'
		].join('\n');
		const [row] = readerPerformance(parseLongCsv(csv)).rows;
		expect(row?.binary?.matrix).toEqual({
			truePositive: 1,
			falseNegative: 1,
			falsePositive: 1,
			trueNegative: 1
		});
		// Pairs (diseased, non-diseased): 0.9>0.3, 0.9>0.6, 0.4>0.3, 0.4<0.6 → 3/4.
		expect(row?.auc.auc).toBe(0.75);
	});
});

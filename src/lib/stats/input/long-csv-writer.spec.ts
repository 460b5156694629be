import { describe, expect, it } from 'vitest';
import { longCsvText } from './long-csv-writer';
import { parseLongCsv } from './long-csv';
import { referenceRows, referenceText } from '$fixtures/stats/reference-reads.fixture';

describe('longCsvText', () => {
	it('writes the reference Van Dyke table back byte for byte', () => {
		expect(longCsvText(referenceRows('vandyke.csv'))).toBe(
			referenceText('vandyke.csv').replace(/\r\n/g, '\n')
		);
	});

	it('adds only the optional columns present and quotes what needs quoting', () => {
		const text = longCsvText([
			{
				reader: 'R,1',
				modality: 'A',
				case: 'c"1',
				truth: 1,
				rating: 0.5,
				decision: 1,
				timeMs: 1200,
				period: 1,
				sequence: 'A>B'
			},
			{
				reader: 'R,1',
				modality: 'A',
				case: 'c2',
				truth: 0,
				rating: 3,
				decision: 0,
				timeMs: 800,
				period: 2,
				sequence: 'A>B'
			}
		]);
		expect(text).toBe(
			'reader,modality,case,truth,rating,decision,time_ms,period,sequence\n"R,1",A,"c""1",1,0.5,1,1200,1,A>B\n"R,1",A,c2,0,3,0,800,2,A>B\n'
		);
	});

	it('is read back by the parser with decision and time, ignoring period and sequence', () => {
		const rows = referenceRows('vandyke.csv').map((row, index) => ({
			...row,
			decision: row.rating >= 3 ? (1 as const) : (0 as const),
			timeMs: 1000 + index,
			period: 1,
			sequence: 'x'
		}));
		const study = parseLongCsv(longCsvText(rows));
		expect(study.readers).toEqual(['1', '2', '3', '4', '5']);
		expect(study.decision?.[0]?.[0]?.[0]).toBe(rows[0]!.decision);
		expect(study.timeMs?.[0]?.[0]?.[0]).toBe(1000);
	});

	it('writes every version of a corrected read, marked; the parser keeps the current one only', () => {
		const rows = referenceRows('vandyke.csv');
		const [first] = rows;
		const versioned = [
			{ ...first!, rating: 99, version: 1, superseded: 1 as const, correctedBy: null },
			...rows.map((row, index) => ({
				...row,
				version: index === 0 ? 2 : 1,
				superseded: 0 as const,
				correctedBy: index === 0 ? ('coordinator' as const) : null
			}))
		];
		const text = longCsvText(versioned);
		const lines = text.split('\n');
		expect(lines[0]).toBe('reader,modality,case,truth,rating,read_version,superseded,corrected_by');
		expect(lines[1]).toBe(
			`${first!.reader},${first!.modality},${first!.case},${first!.truth},99,1,1,`
		);
		expect(lines[2]).toMatch(/,2,0,coordinator$/);
		const study = parseLongCsv(text);
		expect(study.rating[0]![0]![0]).toBe(first!.rating);
		expect(parseLongCsv(longCsvText(rows)).rating).toEqual(study.rating);
		expect(() => parseLongCsv(text.replace(',99,1,1,\n', ',99,1,yes,\n'))).toThrow(
			"line 2, field 'superseded': 'yes' must be 0 or 1"
		);
	});
});

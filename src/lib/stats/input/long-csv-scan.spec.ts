// The scanner of plain reads CSVs (long-csv-scan.ts) against the general CSV reader: a plain
// text is read by the scanner; the same text with its header's first name quoted (e.g. "reader")
// means the same thing but is read by the general reader (csv-text.ts). Both must give the same
// study, value for value, or the same error, word for word. The values expected are read off
// the inputs by hand.
import { describe, expect, it } from 'vitest';
import { parseLongCsv } from './long-csv';
import { isPlainCsv } from './long-csv-scan';
import type { ReadingStudy } from '../study';

/** The same text with its first column name quoted, so the general reader reads it. */
function quotedHeader(text: string): string {
	const quoted = text.replace(/^(\uFEFF?)([^,\r\n]+)/, '$1"$2"');
	expect(quoted).not.toBe(text);
	return quoted;
}

type Outcome = { study: ReadingStudy } | { error: string };

function outcome(text: string): Outcome {
	try {
		return { study: parseLongCsv(text) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** Reads `text` both ways, expects the same outcome, and returns it. */
function bothWays(text: string): Outcome {
	expect(isPlainCsv(text)).toBe(true);
	const scanned = outcome(text);
	expect(outcome(quotedHeader(text))).toEqual(scanned);
	return scanned;
}

function study(text: string): ReadingStudy {
	const result = bothWays(text);
	if ('error' in result) throw new Error(`expected a study, got: ${result.error}`);
	return result.study;
}

function error(text: string): string {
	const result = bothWays(text);
	if (!('error' in result)) throw new Error('expected an error');
	return result.error;
}

/** rating[m][j] as plain arrays, for readable expectations. */
const grid = (values: Float64Array[][] | undefined) =>
	values?.map((byReader) => byReader.map((series) => Array.from(series)));

// 2 readers × 2 modalities × 2 cases (c1 diseased, c2 not).
const header = 'reader,modality,case,truth,rating,time_ms';
const rows = [
	'r1,A,c1,1,7,1200',
	'r1,A,c2,0,3,800',
	'r2,A,c1,1,6,900',
	'r2,A,c2,0,4,1000',
	'r1,B,c1,1,8,1100',
	'r1,B,c2,0,2,700',
	'r2,B,c1,1,9,950',
	'r2,B,c2,0,1,650'
];
const plain = [header, ...rows].join('\n') + '\n';

describe('plain reads CSV: scanner and general reader agree', () => {
	it('reads a plain file into the study read off by hand', () => {
		const result = study(plain);
		expect(result.readers).toEqual(['r1', 'r2']);
		expect(result.modalities).toEqual(['A', 'B']);
		expect(result.cases).toEqual(['c1', 'c2']);
		expect(Array.from(result.truth)).toEqual([1, 0]);
		expect(grid(result.rating)).toEqual([
			[
				[7, 3],
				[6, 4]
			],
			[
				[8, 2],
				[9, 1]
			]
		]);
		expect(grid(result.timeMs)?.[1]?.[1]).toEqual([950, 650]);
	});

	it('drops a byte-order mark, reads CRLF line ends, skips blank lines and a blank last line', () => {
		const text =
			'\uFEFF' + [header, '', ...rows.slice(0, 4), '   ', ...rows.slice(4), ''].join('\r\n');
		expect(study(text)).toEqual(study(plain));
		expect(study(plain + '\n\n')).toEqual(study(plain));
	});

	it('ignores extra columns, and reads the columns in any order', () => {
		const text = [
			'site,rating,case,reader,truth,modality,time_ms,notes',
			...rows.map((row) => {
				const [reader, modality, kase, truth, rating, time] = row.split(',');
				return `s1,${rating},${kase},${reader},${truth},${modality},${time},ok`;
			})
		].join('\n');
		expect(study(text)).toEqual(study(plain));
	});

	it('reads an empty time_ms as not recorded, and a file without time_ms as having no times', () => {
		const missing = study(plain.replace('r2,B,c1,1,9,950', 'r2,B,c1,1,9,'));
		expect(grid(missing.timeMs)?.[1]?.[1]).toEqual([NaN, 650]);
		const untimed = study(plain.replace(/,\d+\n/g, '\n').replace(',time_ms', ''));
		expect(untimed.timeMs).toBeUndefined();
		expect(grid(untimed.rating)).toEqual(grid(study(plain).rating));
	});

	it('reads decimal, signed, zero-padded, exponent and long ratings as Number() does', () => {
		const ratings = ['0.35', '-2', '+3', '007', '1e-3', ' 5 ', '1234567890123456', '-0'];
		const text = [
			header,
			...rows.map((row, i) => row.replace(/,\d+,(\d+)$/, `,${ratings[i]},$1`))
		].join('\n');
		expect(grid(study(text).rating)).toEqual([
			[
				[0.35, -2],
				[3, 7]
			],
			[
				[0.001, 5],
				[1234567890123456, -0]
			]
		]);
	});

	it('trims spaces around ids and cells, and follows cases given in another order per reader', () => {
		const text = [
			header,
			' r1 ,A, c2 ,0,3,800',
			'r1,A,c1,1,7,1200',
			'r2,A,c1,1,6,900',
			'r2,A,c2, 0 ,4, 1000 ',
			...rows.slice(4)
		].join('\n');
		expect(study(text)).toEqual({ ...study(plain), cases: ['c2', 'c1'], ...reordered() });
	});

	it('leaves out superseded rows', () => {
		const text = [
			`${header},superseded`,
			'r1,A,c1,1,99,1,1',
			...rows.map((row) => `${row},`),
			'r2,B,c2,0,77,5,1'
		].join('\n');
		expect(study(text)).toEqual(study(plain));
	});

	it.each([
		['a short row', 'r1,A,c1,1,7', "line 2, field 'row': has 5 fields, the header has 6"],
		['a long row', 'r1,A,c1,1,7,1,1', "line 2, field 'row': has 7 fields, the header has 6"],
		['an empty id', 'r1, ,c1,1,7,1200', "line 2, field 'modality': is empty"],
		['a bad truth', 'r1,A,c1,2,7,1200', "line 2, field 'truth': '2' must be 0 or 1"],
		[
			'a rating that is no number',
			'r1,A,c1,1,0x10,1200',
			"line 2, field 'rating': '0x10' is not a finite number"
		],
		['a zero time', 'r1,A,c1,1,7,0', "line 2, field 'time_ms': 0 must be greater than 0"],
		['a negative time', 'r1,A,c1,1,7,-5', "line 2, field 'time_ms': -5 must be greater than 0"],
		[
			'a time that is no number',
			'r1,A,c1,1,7,soon',
			"line 2, field 'time_ms': 'soon' is not a finite number"
		]
	])('names the line and field of %s', (_, row, message) => {
		expect(error([header, row, ...rows].join('\n'))).toContain(message);
	});

	it('names the line of a case whose truth changes, of a duplicate read and of a bad superseded', () => {
		expect(error([header, ...rows, 'r3,A,c1,0,5,100'].join('\n'))).toBe(
			"line 10, field 'truth': case 'c1' has truth 0 here but 1 on line 2"
		);
		expect(error([header, ...rows, rows[3]].join('\n'))).toBe(
			"line 10, field 'row': duplicate read: reader 'r2', modality 'A', case 'c2' already appears on line 5"
		);
		expect(error([`${header},superseded`, `${rows[0]},2`].join('\n'))).toBe(
			"line 2, field 'superseded': '2' must be 0 or 1"
		);
	});

	it('refuses an unbalanced design and a file without reads as the general reader does', () => {
		expect(error([header, ...rows.slice(0, 7)].join('\n'))).toMatch(/^unbalanced design: /);
		expect(error(`${header}\n\n`)).toBe('the reads CSV has a header but no reads');
	});

	it('leaves quoted text and lone CR line ends to the general reader', () => {
		expect(isPlainCsv(quotedHeader(plain))).toBe(false);
		expect(isPlainCsv(plain.replace(/\n/g, '\r'))).toBe(false);
		expect(parseLongCsv(plain.replace(/\n/g, '\r'))).toEqual(study(plain));
	});
});

/** The plain study's values with case c2 first (cases in first-seen order). */
function reordered(): Pick<ReadingStudy, 'truth' | 'rating' | 'timeMs'> {
	const base = study(plain);
	const swap = (values: Float64Array[][] | undefined) =>
		values?.map((byReader) =>
			byReader.map((series) => Float64Array.from([series[1]!, series[0]!]))
		);
	return {
		truth: Uint8Array.from([0, 1]),
		rating: swap(base.rating)!,
		timeMs: swap(base.timeMs)
	};
}

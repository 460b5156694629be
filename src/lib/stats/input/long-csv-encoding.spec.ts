// The reads CSV is decoded strictly from its bytes and its numbers are read strictly as
// decimals: nothing is silently replaced (U+FFFD) or read in another base.
import { describe, expect, it } from 'vitest';
import { parseLongCsv, parseLongCsvBytes } from './long-csv';

const HEADER = 'reader,modality,case,truth,rating';
const ROWS = [
	'1,A,c1,1,3',
	'1,A,c2,0,1',
	'1,B,c1,1,4',
	'1,B,c2,0,2',
	'2,A,c1,1,5',
	'2,A,c2,0,2',
	'2,B,c1,1,3',
	'2,B,c2,0,1'
];
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16le(text: string, bom: boolean): Uint8Array {
	const bytes: number[] = bom ? [0xff, 0xfe] : [];
	for (const char of text) bytes.push(char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8);
	return Uint8Array.from(bytes);
}

describe('parseLongCsvBytes', () => {
	it('reads UTF-8, with or without a byte-order mark, like the text', () => {
		const text = [
			HEADER,
			'Jörg,A,c1,1,3',
			...ROWS.slice(1).map((row) => row.replace(/^1,/, 'Jörg,'))
		].join('\n');
		const expected = parseLongCsv(text);
		expect(parseLongCsvBytes(utf8(text))).toEqual(expected);
		expect(parseLongCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual(expected);
		expect(expected.readers).toContain('Jörg');
	});

	it('refuses bytes that are not UTF-8, naming the line and the byte', () => {
		const latin1 = Uint8Array.from([
			...utf8(`${HEADER}\n1,A,c1,1,3\nJ`),
			0xf6,
			...utf8('rg,A,c2,0,1\n')
		]);
		expect(() => parseLongCsvBytes(latin1)).toThrow(
			'line 3: the file is not valid UTF-8 (byte 0xF6): save it as UTF-8'
		);
	});

	it('refuses UTF-16 with a byte-order mark, and without one (NUL bytes), saying so', () => {
		const text = [HEADER, ...ROWS].join('\n');
		expect(() => parseLongCsvBytes(utf16le(text, true))).toThrow(
			'the file is UTF-16 (it starts with the byte-order mark FF FE): save it as UTF-8'
		);
		expect(() => parseLongCsvBytes(utf16le(text, false))).toThrow(
			'line 1: the file holds NUL bytes, as UTF-16 text or a binary file does: save it as UTF-8'
		);
	});
});

describe('parseLongCsv line endings and numbers', () => {
	it('takes CR-only (old Mac) and mixed line endings as line ends', () => {
		const expected = parseLongCsv([HEADER, ...ROWS].join('\n'));
		expect(parseLongCsv([HEADER, ...ROWS].join('\r'))).toEqual(expected);
		expect(
			parseLongCsv(`${HEADER}\r\n${ROWS.slice(0, 4).join('\r')}\n${ROWS.slice(4).join('\r\n')}`)
		).toEqual(expected);
		expect(() => parseLongCsv([HEADER, '1,A,c1,1,3', '1,A,c2,0,x'].join('\r'))).toThrow(
			"line 3, field 'rating': 'x' is not a finite number"
		);
	});

	it('reads ratings and times as decimal numbers only', () => {
		const withRating = (rating: string) =>
			[HEADER, ...ROWS.slice(0, 7), `2,B,c2,0,${rating}`].join('\n');
		for (const good of ['3', '-0.5', '.5', '5.', '1e-3', '+2', '1E+2', ' 7 ']) {
			const study = parseLongCsv(withRating(good));
			expect(study.rating[1]![1]![1]).toBe(Number(good));
		}
		for (const bad of [
			'0x10',
			'0b11',
			'0o7',
			'Infinity',
			'-Infinity',
			'NaN',
			'1_000',
			'1e999',
			'٣',
			'1,5'.replace(',', ';')
		]) {
			expect(() => parseLongCsv(withRating(bad))).toThrow(
				`line 9, field 'rating': '${bad}' is not a finite number (write a decimal number, e.g. 3, -0.5 or 1e-3)`
			);
		}
		const withTime = [`${HEADER},time_ms`, ...ROWS.map((row) => `${row},0x10`)].join('\n');
		expect(() => parseLongCsv(withTime)).toThrow(
			"line 2, field 'time_ms': '0x10' is not a finite number"
		);
	});
});

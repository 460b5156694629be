import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsvRecords } from './csv-text';

describe('parseCsvRecords (RFC 4180)', () => {
	it('splits plain records and keeps their line numbers, skipping blank lines', () => {
		expect(parseCsvRecords('a,b\n1,2\n\n3,4\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2'] },
			{ line: 4, fields: ['3', '4'] }
		]);
	});

	it('accepts CRLF line ends and a UTF-8 byte-order mark', () => {
		expect(parseCsvRecords('\uFEFFa,b\r\n1,2\r\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2'] }
		]);
	});

	it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180 §2.6–2.7)', () => {
		const records = parseCsvRecords('id,note\n"r,1","say ""hi"""\n"multi\nline",x\nlast,y');
		expect(records).toEqual([
			{ line: 1, fields: ['id', 'note'] },
			{ line: 2, fields: ['r,1', 'say "hi"'] },
			{ line: 3, fields: ['multi\nline', 'x'] },
			{ line: 5, fields: ['last', 'y'] }
		]);
	});

	it('reports an unclosed quote with the line it starts on', () => {
		expect(() => parseCsvRecords('a,b\n1,"open\n2,3\n')).toThrowError(
			new CsvSyntaxError('a quoted field is never closed', 2)
		);
	});

	it('reports text after a closing quote', () => {
		expect(() => parseCsvRecords('a,b\n"x"y,1\n')).toThrow('line 2: text after a closing quote');
	});
});

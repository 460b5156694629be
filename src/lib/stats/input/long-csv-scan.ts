// One pass over a plain reads CSV — no quote characters, lines ended by LF or CRLF, an optional
// byte-order mark — straight into the row builder's typed arrays, without a string per field:
// an id is compared in place with the id the row before predicts (same reader, same modality,
// the next case), an integer is read from its digits (exact below 10^15, as Number() reads it),
// a 0/1 cell from its one character. Any other cell (a decimal, spaces to trim, a new id, an
// error) is cut out and handed to the same validator the general reader uses, so both readers
// give the same values and the same located errors. Text that is not plain is left to the
// general reader (csv-text.ts).
import {
	isSuperseded,
	readBinary,
	readId,
	readNumber,
	readTime,
	type IdCodes,
	type RowBuilder
} from './long-csv-rows';

const COMMA = 44;
const CARRIAGE_RETURN = 13;
const DIGIT_0 = 48;
const MINUS = 45;
/** Up to 15 digits an integer is exact in a double at every step of value · 10 + digit. */
const MAX_DIGITS = 15;

/** Whether the scanner reads this text (else the general reader must). */
export function isPlainCsv(text: string): boolean {
	if (text.includes('"')) return false;
	return !text.includes('\r') || !/\r(?!\n)/.test(text);
}

/**
 * Read the plain CSV `text`: the first non-blank line is the header, given to `start`, which
 * returns the builder every later non-blank line is added to. Returns that builder, or
 * undefined when the text holds no header.
 */
export function scanPlainCsv(
	text: string,
	start: (header: string[], line: number) => RowBuilder
): RowBuilder | undefined {
	const length = text.length;
	let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 0;
	let scanner: RowScanner | undefined;
	while (position < length) {
		let end = text.indexOf('\n', position);
		if (end < 0) end = length;
		line++;
		const stop = end > position && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
		if (scanner) scanner.row(position, stop, line);
		else {
			const fields = text.slice(position, stop).split(',');
			if (!isBlank(fields)) scanner = new RowScanner(text, start(fields, line));
		}
		position = end + 1;
	}
	return scanner?.builder;
}

/** A record the CSV reader skips: one field holding nothing but spaces. */
function isBlank(fields: string[]): boolean {
	return fields.length === 1 && (fields[0] as string).trim() === '';
}

class RowScanner {
	private readonly starts: Int32Array;
	private readonly ends: Int32Array;
	private reader = 0;
	private modality = 0;
	private case = -1;

	constructor(
		private readonly text: string,
		readonly builder: RowBuilder
	) {
		this.starts = new Int32Array(builder.width);
		this.ends = new Int32Array(builder.width);
	}

	/** The record on `line`, text[from, to). */
	row(from: number, to: number, line: number): void {
		const { text, builder, starts, ends } = this;
		const width = builder.width;
		let field = 0;
		starts[0] = from;
		for (let i = from; i < to; i++) {
			if (text.charCodeAt(i) !== COMMA) continue;
			if (field + 1 >= width) return this.general(from, to, line);
			ends[field++] = i;
			starts[field] = i + 1;
		}
		if (field + 1 !== width) return this.general(from, to, line);
		ends[field] = to;
		const columns = builder.columns;
		if (columns.superseded !== undefined && this.superseded(columns.superseded, line)) return;
		const row = builder.count++;
		builder.line[row] = line;
		this.reader = this.id(builder.readers, this.reader, columns.reader, line, 'reader');
		builder.reader[row] = this.reader;
		this.modality = this.id(builder.modalities, this.modality, columns.modality, line, 'modality');
		builder.modality[row] = this.modality;
		const nextCase = this.case + 1 < builder.cases.ids.length ? this.case + 1 : 0;
		this.case = this.id(builder.cases, nextCase, columns.case, line, 'case');
		builder.case[row] = this.case;
		builder.checkTruth(this.case, this.binary(columns.truth, line, 'truth'), line);
		builder.rating[row] = this.number(columns.rating, line);
		if (builder.decision)
			builder.decision[row] = this.binary(columns.decision as number, line, 'decision');
		if (builder.timeMs) builder.timeMs[row] = this.time(columns.time_ms as number, line);
	}

	/** A line whose field count differs from the header's (or a blank line): the general path. */
	private general(from: number, to: number, line: number): void {
		const fields = this.text.slice(from, to).split(',');
		if (!isBlank(fields)) this.builder.add(fields, line);
	}

	private cell(index: number): string {
		return this.text.slice(this.starts[index], this.ends[index]);
	}

	/** The code of the id in field `index`: `predicted`'s when the cell is that id exactly. */
	private id(codes: IdCodes, predicted: number, index: number, line: number, name: string): number {
		const expected = codes.ids[predicted];
		if (expected !== undefined && this.holds(index, expected)) return predicted;
		return codes.code(readId(this.cell(index), line, name));
	}

	/** Whether field `index` is `expected`, character for character. */
	private holds(index: number, expected: string): boolean {
		const from = this.starts[index] as number;
		if ((this.ends[index] as number) - from !== expected.length) return false;
		for (let i = 0; i < expected.length; i++)
			if (this.text.charCodeAt(from + i) !== expected.charCodeAt(i)) return false;
		return true;
	}

	private binary(index: number, line: number, name: string): number {
		const from = this.starts[index] as number;
		if ((this.ends[index] as number) - from === 1) {
			const digit = this.text.charCodeAt(from) - DIGIT_0;
			if (digit === 0 || digit === 1) return digit;
		}
		return readBinary(this.cell(index), line, name);
	}

	private superseded(index: number, line: number): boolean {
		if (this.starts[index] === this.ends[index]) return false;
		return isSuperseded(this.cell(index), line);
	}

	private number(index: number, line: number): number {
		const value = this.integer(index);
		return Number.isNaN(value) ? readNumber(this.cell(index), line, 'rating') : value;
	}

	private time(index: number, line: number): number {
		if (this.starts[index] === this.ends[index]) return NaN;
		const value = this.integer(index);
		return value > 0 ? value : readTime(this.cell(index), line);
	}

	/** The cell as an optionally signed integer of 1–15 digits, or NaN for anything else. */
	private integer(index: number): number {
		const { text } = this;
		let from = this.starts[index] as number;
		const to = this.ends[index] as number;
		const negative = from < to && text.charCodeAt(from) === MINUS;
		if (negative) from++;
		if (from === to || to - from > MAX_DIGITS) return NaN;
		let value = 0;
		for (let i = from; i < to; i++) {
			const digit = text.charCodeAt(i) - DIGIT_0;
			if (digit < 0 || digit > 9) return NaN;
			value = value * 10 + digit;
		}
		return negative ? -value : value;
	}
}

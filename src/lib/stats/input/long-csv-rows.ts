// The rows of the long-format reads CSV, validated one field at a time into typed arrays: ids
// become integer codes (first-seen order), numbers are checked as decimals. Every problem names
// the line and the field. Both readers of the file feed this builder — the general one
// (csv-text.ts records) and the scanner of plain files (long-csv-scan.ts) — so they accept and
// refuse exactly the same input with exactly the same messages.

export class ReadsInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReadsInputError';
	}
}

/** Where each known column is in a row (index of its field). */
export interface Columns {
	reader: number;
	modality: number;
	case: number;
	truth: number;
	rating: number;
	decision?: number;
	time_ms?: number;
	superseded?: number;
}

export interface ParsedRows {
	line: Int32Array;
	reader: Int32Array;
	modality: Int32Array;
	case: Int32Array;
	rating: Float64Array;
	decision?: Float64Array;
	timeMs?: Float64Array;
	readerIds: string[];
	modalityIds: string[];
	caseIds: string[];
	truth: Uint8Array;
}

export function fail(line: number, field: string, message: string): never {
	throw new ReadsInputError(`line ${line}, field '${field}': ${message}`);
}

/** An id: the trimmed cell, which must not be empty. */
export function readId(raw: string, line: number, field: string): string {
	const value = raw.trim();
	if (value === '') fail(line, field, 'is empty');
	return value;
}

/** A decimal number: no hex/binary/octal, Infinity, NaN, separators or empty cell. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function readNumber(cell: string, line: number, field: string): number {
	const raw = cell.trim();
	const value = DECIMAL.test(raw) ? Number(raw) : NaN;
	if (!Number.isFinite(value))
		fail(
			line,
			field,
			`'${raw}' is not a finite number (write a decimal number, e.g. 3, -0.5 or 1e-3)`
		);
	return value;
}

/** A reading time in ms, greater than 0, or NaN when the cell is empty (not recorded). */
export function readTime(cell: string, line: number): number {
	if (cell.trim() === '') return NaN;
	const time = readNumber(cell, line, 'time_ms');
	if (!(time > 0)) fail(line, 'time_ms', `${time} must be greater than 0`);
	return time;
}

export function readBinary(cell: string, line: number, field: string): number {
	const raw = cell.trim();
	if (raw !== '0' && raw !== '1') fail(line, field, `'${raw}' must be 0 or 1`);
	return raw === '1' ? 1 : 0;
}

/** An earlier version of a corrected read: 1; a current read: 0 or empty. */
export function isSuperseded(cell: string, line: number): boolean {
	const raw = cell.trim();
	if (raw === '' || raw === '0') return false;
	if (raw === '1') return true;
	fail(line, 'superseded', `'${raw}' must be 0 or 1`);
}

/** Integer codes for ids in first-seen order. */
export class IdCodes {
	readonly ids: string[] = [];
	private readonly codes = new Map<string, number>();

	code(id: string): number {
		let code = this.codes.get(id);
		if (code === undefined) {
			code = this.ids.length;
			this.ids.push(id);
			this.codes.set(id, code);
		}
		return code;
	}
}

/** Accumulates validated rows into typed arrays sized by an upper bound of the row count. */
export class RowBuilder {
	count = 0;
	readonly line: Int32Array;
	readonly reader: Int32Array;
	readonly modality: Int32Array;
	readonly case: Int32Array;
	readonly rating: Float64Array;
	readonly decision?: Float64Array;
	readonly timeMs?: Float64Array;
	readonly readers = new IdCodes();
	readonly modalities = new IdCodes();
	readonly cases = new IdCodes();
	private truthByCase = new Uint8Array(1024);
	private truthLine = new Int32Array(1024);

	constructor(
		readonly columns: Columns,
		readonly width: number,
		capacity: number
	) {
		this.line = new Int32Array(capacity);
		this.reader = new Int32Array(capacity);
		this.modality = new Int32Array(capacity);
		this.case = new Int32Array(capacity);
		this.rating = new Float64Array(capacity);
		if (columns.decision !== undefined) this.decision = new Float64Array(capacity);
		if (columns.time_ms !== undefined) this.timeMs = new Float64Array(capacity);
	}

	/** One record of the general CSV reader (its fields, the line it starts on). */
	add(fields: string[], line: number): void {
		const { columns } = this;
		const cell = (index: number) => fields[index] ?? '';
		if (fields.length !== this.width)
			fail(line, 'row', `has ${fields.length} fields, the header has ${this.width}`);
		if (columns.superseded !== undefined && isSuperseded(cell(columns.superseded), line)) return;
		const row = this.count++;
		this.line[row] = line;
		this.reader[row] = this.readers.code(readId(cell(columns.reader), line, 'reader'));
		this.modality[row] = this.modalities.code(readId(cell(columns.modality), line, 'modality'));
		const caseCode = this.cases.code(readId(cell(columns.case), line, 'case'));
		this.case[row] = caseCode;
		this.checkTruth(caseCode, readBinary(cell(columns.truth), line, 'truth'), line);
		this.rating[row] = readNumber(cell(columns.rating), line, 'rating');
		if (this.decision)
			this.decision[row] = readBinary(cell(columns.decision as number), line, 'decision');
		if (this.timeMs) this.timeMs[row] = readTime(cell(columns.time_ms as number), line);
	}

	/** Case `caseCode` has `truth` on `line`: the same truth as on its first line, or an error. */
	checkTruth(caseCode: number, truth: number, line: number): void {
		if (caseCode >= this.truthLine.length) this.growTruth();
		const firstLine = this.truthLine[caseCode] as number;
		if (firstLine === 0) {
			this.truthByCase[caseCode] = truth;
			this.truthLine[caseCode] = line;
		} else if (this.truthByCase[caseCode] !== truth) {
			const id = this.cases.ids[caseCode];
			fail(
				line,
				'truth',
				`case '${id}' has truth ${truth} here but ${this.truthByCase[caseCode]} on line ${firstLine}`
			);
		}
	}

	private growTruth(): void {
		const truth = new Uint8Array(this.truthByCase.length * 2);
		truth.set(this.truthByCase);
		const lines = new Int32Array(this.truthLine.length * 2);
		lines.set(this.truthLine);
		this.truthByCase = truth;
		this.truthLine = lines;
	}

	finish(): ParsedRows {
		const { count } = this;
		const truth = this.truthByCase.slice(0, this.cases.ids.length);
		checkBothTruthClasses(truth);
		return {
			line: this.line.subarray(0, count),
			reader: this.reader.subarray(0, count),
			modality: this.modality.subarray(0, count),
			case: this.case.subarray(0, count),
			rating: this.rating.subarray(0, count),
			decision: this.decision?.subarray(0, count),
			timeMs: this.timeMs?.subarray(0, count),
			readerIds: this.readers.ids,
			modalityIds: this.modalities.ids,
			caseIds: this.cases.ids,
			truth
		};
	}
}

function checkBothTruthClasses(truth: Uint8Array): void {
	let positive = 0;
	for (let k = 0; k < truth.length; k++) positive += truth[k] as number;
	if (positive === 0 || positive === truth.length) {
		const only = positive === 0 ? 'non-diseased (truth 0)' : 'diseased (truth 1)';
		throw new ReadsInputError(
			`field 'truth': every case is ${only}; at least one diseased and one non-diseased case are needed`
		);
	}
}

// Parse the long-format reads CSV (header reader,modality,case,truth,rating; optional
// decision and time_ms) into a fully crossed ReadingStudy. A row marked superseded = 1 (an earlier
// version of a corrected read, kept in a blind export) is left out: only current reads count. Every problem is reported with
// the line number and the field, so no malformed input reaches an estimator as a NaN. The one
// exception: an empty time_ms is a reading time not recorded, kept as NaN, which the
// reading-time analysis alone leaves out (fom/reading-time.ts).
import { compareNatural } from '../natural-order';
import type { ReadingStudy } from '../study';
import { CsvEncodingError, decodeCsvBytes } from './csv-bytes';
import { CsvSyntaxError, forEachCsvRecord, type CsvRecord } from './csv-text';
import { assertFullyCrossed } from './design-balance';

const REQUIRED_COLUMNS = ['reader', 'modality', 'case', 'truth', 'rating'] as const;

export class ReadsInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReadsInputError';
	}
}

interface Columns {
	reader: number;
	modality: number;
	case: number;
	truth: number;
	rating: number;
	decision?: number;
	time_ms?: number;
	superseded?: number;
}

interface ParsedRows {
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

/** Parse the reads CSV file's bytes, decoded strictly as UTF-8 (see csv-bytes.ts). */
export function parseLongCsvBytes(bytes: Uint8Array): ReadingStudy {
	let text: string;
	try {
		text = decodeCsvBytes(bytes);
	} catch (error) {
		if (error instanceof CsvEncodingError) throw new ReadsInputError(error.message);
		throw error;
	}
	return parseLongCsv(text);
}

/** Parse the reads CSV text; throws ReadsInputError naming the line and field on bad input. */
export function parseLongCsv(text: string): ReadingStudy {
	let builder: RowBuilder | undefined;
	try {
		forEachCsvRecord(text, (fields, line) => {
			if (builder) builder.add(fields, line);
			else builder = new RowBuilder(readHeader({ fields, line }), fields.length, lineCount(text));
		});
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new ReadsInputError(error.message);
		throw error;
	}
	if (!builder) throw new ReadsInputError('the reads CSV is empty (expected a header line)');
	if (builder.count === 0) throw new ReadsInputError('the reads CSV has a header but no reads');
	return assembleStudy(builder.finish());
}

/** An upper bound of the records: every LF and every CR (a CRLF counts twice) starts a line. */
function lineCount(text: string): number {
	let count = 1;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 10 || code === 13) count++;
	}
	return count;
}

function readHeader(header: CsvRecord): Columns {
	const names = header.fields.map((name) => name.trim().toLowerCase());
	const seen = new Map<string, number>();
	names.forEach((name, index) => {
		if (name === '')
			throw new ReadsInputError(`line ${header.line}: column ${index + 1} has an empty name`);
		if (seen.has(name))
			throw new ReadsInputError(`line ${header.line}: column '${name}' appears twice`);
		seen.set(name, index);
	});
	const missing = REQUIRED_COLUMNS.filter((name) => !seen.has(name));
	if (missing.length > 0) {
		throw new ReadsInputError(
			`line ${header.line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (header must include ${REQUIRED_COLUMNS.join(',')})`
		);
	}
	const column = (name: string) => seen.get(name) as number;
	return {
		reader: column('reader'),
		modality: column('modality'),
		case: column('case'),
		truth: column('truth'),
		rating: column('rating'),
		decision: seen.get('decision'),
		time_ms: seen.get('time_ms'),
		superseded: seen.get('superseded')
	};
}

function fail(line: number, field: string, message: string): never {
	throw new ReadsInputError(`line ${line}, field '${field}': ${message}`);
}

function readId(record: CsvRecord, index: number, field: string): string {
	const value = (record.fields[index] ?? '').trim();
	if (value === '') fail(record.line, field, 'is empty');
	return value;
}

/** A decimal number: no hex/binary/octal, Infinity, NaN, separators or empty cell. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readNumber(record: CsvRecord, index: number, field: string): number {
	const raw = (record.fields[index] ?? '').trim();
	const value = DECIMAL.test(raw) ? Number(raw) : NaN;
	if (!Number.isFinite(value))
		fail(
			record.line,
			field,
			`'${raw}' is not a finite number (write a decimal number, e.g. 3, -0.5 or 1e-3)`
		);
	return value;
}

/** A reading time in ms, greater than 0, or NaN when the cell is empty (not recorded). */
function readTime(record: CsvRecord, index: number): number {
	if ((record.fields[index] ?? '').trim() === '') return NaN;
	const time = readNumber(record, index, 'time_ms');
	if (!(time > 0)) fail(record.line, 'time_ms', `${time} must be greater than 0`);
	return time;
}

function readBinary(record: CsvRecord, index: number, field: string): number {
	const raw = (record.fields[index] ?? '').trim();
	if (raw !== '0' && raw !== '1') fail(record.line, field, `'${raw}' must be 0 or 1`);
	return raw === '1' ? 1 : 0;
}

/** An earlier version of a corrected read: 1; a current read: 0 or empty. */
function isSuperseded(record: CsvRecord, index: number): boolean {
	const raw = (record.fields[index] ?? '').trim();
	if (raw === '' || raw === '0') return false;
	if (raw === '1') return true;
	fail(record.line, 'superseded', `'${raw}' must be 0 or 1`);
}

function indexer(ids: string[]): Map<string, number> & { add(id: string): number } {
	const map = new Map<string, number>() as Map<string, number> & { add(id: string): number };
	map.add = (id: string) => {
		let index = map.get(id);
		if (index === undefined) {
			index = ids.length;
			ids.push(id);
			map.set(id, index);
		}
		return index;
	};
	return map;
}

// Accumulates validated rows into typed arrays sized by the text's line count.
class RowBuilder {
	count = 0;
	private readonly rows: ParsedRows;
	private readonly readers: ReturnType<typeof indexer>;
	private readonly modalities: ReturnType<typeof indexer>;
	private readonly cases: ReturnType<typeof indexer>;
	private readonly truthByCase: number[] = [];
	private readonly truthLine: number[] = [];

	constructor(
		private readonly columns: Columns,
		private readonly width: number,
		capacity: number
	) {
		this.rows = {
			line: new Int32Array(capacity),
			reader: new Int32Array(capacity),
			modality: new Int32Array(capacity),
			case: new Int32Array(capacity),
			rating: new Float64Array(capacity),
			decision: columns.decision === undefined ? undefined : new Float64Array(capacity),
			timeMs: columns.time_ms === undefined ? undefined : new Float64Array(capacity),
			readerIds: [],
			modalityIds: [],
			caseIds: [],
			truth: new Uint8Array(0)
		};
		this.readers = indexer(this.rows.readerIds);
		this.modalities = indexer(this.rows.modalityIds);
		this.cases = indexer(this.rows.caseIds);
	}

	add(fields: string[], line: number): void {
		const { rows, columns } = this;
		const record: CsvRecord = { fields, line };
		if (fields.length !== this.width)
			fail(line, 'row', `has ${fields.length} fields, the header has ${this.width}`);
		if (columns.superseded !== undefined && isSuperseded(record, columns.superseded)) return;
		const row = this.count++;
		rows.line[row] = line;
		rows.reader[row] = this.readers.add(readId(record, columns.reader, 'reader'));
		rows.modality[row] = this.modalities.add(readId(record, columns.modality, 'modality'));
		const caseIndex = this.cases.add(readId(record, columns.case, 'case'));
		rows.case[row] = caseIndex;
		this.checkTruth(caseIndex, readBinary(record, columns.truth, 'truth'), line);
		rows.rating[row] = readNumber(record, columns.rating, 'rating');
		if (rows.decision)
			rows.decision[row] = readBinary(record, columns.decision as number, 'decision');
		if (rows.timeMs) rows.timeMs[row] = readTime(record, columns.time_ms as number);
	}

	private checkTruth(caseIndex: number, truth: number, line: number): void {
		const earlier = this.truthByCase[caseIndex];
		if (earlier === undefined) {
			this.truthByCase[caseIndex] = truth;
			this.truthLine[caseIndex] = line;
		} else if (earlier !== truth) {
			const id = this.rows.caseIds[caseIndex];
			fail(
				line,
				'truth',
				`case '${id}' has truth ${truth} here but ${earlier} on line ${this.truthLine[caseIndex]}`
			);
		}
	}

	finish(): ParsedRows {
		const { rows, count } = this;
		rows.truth = Uint8Array.from(this.truthByCase);
		checkBothTruthClasses(rows.truth);
		return {
			...rows,
			line: rows.line.subarray(0, count),
			reader: rows.reader.subarray(0, count),
			modality: rows.modality.subarray(0, count),
			case: rows.case.subarray(0, count),
			rating: rows.rating.subarray(0, count),
			decision: rows.decision?.subarray(0, count),
			timeMs: rows.timeMs?.subarray(0, count)
		};
	}
}

function checkBothTruthClasses(truth: Uint8Array): void {
	const positive = truth.reduce((sum, value) => sum + value, 0);
	if (positive === 0 || positive === truth.length) {
		const only = positive === 0 ? 'non-diseased (truth 0)' : 'diseased (truth 1)';
		throw new ReadsInputError(
			`field 'truth': every case is ${only}; at least one diseased and one non-diseased case are needed`
		);
	}
}

function naturalPermutation(ids: string[]): { sorted: string[]; newIndex: Int32Array } {
	const sorted = [...ids].sort(compareNatural);
	const position = new Map(sorted.map((id, index) => [id, index]));
	return { sorted, newIndex: Int32Array.from(ids, (id) => position.get(id) as number) };
}

function emptyGrid(modalities: number, readers: number, cases: number): Float64Array[][] {
	return Array.from({ length: modalities }, () =>
		Array.from({ length: readers }, () => new Float64Array(cases))
	);
}

function assembleStudy(rows: ParsedRows): ReadingStudy {
	const readerOrder = naturalPermutation(rows.readerIds);
	const modalityOrder = naturalPermutation(rows.modalityIds);
	const [t, r, n] = [modalityOrder.sorted.length, readerOrder.sorted.length, rows.caseIds.length];
	const reads = {
		line: rows.line,
		modality: rows.modality.map((index) => modalityOrder.newIndex[index] as number),
		reader: rows.reader.map((index) => readerOrder.newIndex[index] as number),
		case: rows.case
	};
	assertFullyCrossed(
		reads,
		{ modalities: modalityOrder.sorted, readers: readerOrder.sorted, cases: rows.caseIds },
		(message, line) => {
			if (line === undefined) throw new ReadsInputError(message);
			fail(line, 'row', message);
		}
	);
	// Balanced and free of duplicates: the grid holds exactly one cell per row.
	const rating = emptyGrid(t, r, n);
	const decision = rows.decision ? emptyGrid(t, r, n) : undefined;
	const timeMs = rows.timeMs ? emptyGrid(t, r, n) : undefined;
	for (let row = 0; row < rows.line.length; row++) {
		const [m, j, k] = [reads.modality[row], reads.reader[row], reads.case[row]] as number[];
		const cell = (grid: Float64Array[][]) => (grid[m as number] as Float64Array[])[j as number]!;
		cell(rating)[k as number] = rows.rating[row] as number;
		if (decision && rows.decision) cell(decision)[k as number] = rows.decision[row] as number;
		if (timeMs && rows.timeMs) cell(timeMs)[k as number] = rows.timeMs[row] as number;
	}
	return {
		readers: readerOrder.sorted,
		modalities: modalityOrder.sorted,
		cases: rows.caseIds,
		truth: rows.truth,
		rating,
		decision,
		timeMs
	};
}

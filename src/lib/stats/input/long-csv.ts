// Parse the long-format reads CSV (header reader,modality,case,truth,rating; optional
// decision and time_ms) into a fully crossed ReadingStudy, in one pass into typed arrays:
// long-csv-scan.ts reads plain files, the general CSV reader (csv-text.ts) quoted ones, and
// long-csv-rows.ts validates every field for both. A row marked superseded = 1 (an earlier
// version of a corrected read, kept in a blind export) is left out: only current reads count.
// Every problem is reported with the line number and the field, so no malformed input reaches
// an estimator as a NaN. The one exception: an empty time_ms is a reading time not recorded,
// kept as NaN, which the reading-time analysis alone leaves out (fom/reading-time.ts).
import { compareNatural } from '../natural-order';
import type { ReadingStudy } from '../study';
import { CsvEncodingError, decodeCsvBytes } from './csv-bytes';
import { CsvSyntaxError, forEachCsvRecord, type CsvRecord } from './csv-text';
import { assertFullyCrossed } from './design-balance';
import { isPlainCsv, scanPlainCsv } from './long-csv-scan';
import { fail, ReadsInputError, RowBuilder, type Columns, type ParsedRows } from './long-csv-rows';

const REQUIRED_COLUMNS = ['reader', 'modality', 'case', 'truth', 'rating'] as const;

export { ReadsInputError };

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
	const start = (header: string[], line: number) =>
		new RowBuilder(readHeader({ fields: header, line }), header.length, lineCount(text));
	const builder = isPlainCsv(text) ? scanPlainCsv(text, start) : readRecords(text, start);
	if (!builder) throw new ReadsInputError('the reads CSV is empty (expected a header line)');
	if (builder.count === 0) throw new ReadsInputError('the reads CSV has a header but no reads');
	return assembleStudy(builder.finish());
}

/** The general reader: any RFC 4180 text, one record (a fields array) at a time. */
function readRecords(
	text: string,
	start: (header: string[], line: number) => RowBuilder
): RowBuilder | undefined {
	let builder: RowBuilder | undefined;
	try {
		forEachCsvRecord(text, (fields, line) => {
			if (builder) builder.add(fields, line);
			else builder = start([...fields], line);
		});
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new ReadsInputError(error.message);
		throw error;
	}
	return builder;
}

/** An upper bound of the records: every LF and every CR (a CRLF counts twice) starts a line. */
function lineCount(text: string): number {
	let count = 1;
	for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
	if (text.includes('\r'))
		for (let index = text.indexOf('\r'); index >= 0; index = text.indexOf('\r', index + 1)) count++;
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

function naturalPermutation(ids: string[]): { sorted: string[]; newIndex: Int32Array } {
	const sorted = [...ids].sort(compareNatural);
	const position = new Map(sorted.map((id, index) => [id, index]));
	return { sorted, newIndex: Int32Array.from(ids, (id) => position.get(id) as number) };
}

/** Views of one buffer: grid[m][j] holds modality m, reader j over the cases (its cell m·r + j). */
function gridOver(values: Float64Array, modalities: number, readers: number, cases: number) {
	return Array.from({ length: modalities }, (_, m) =>
		Array.from({ length: readers }, (_, j) =>
			values.subarray((m * readers + j) * cases, (m * readers + j + 1) * cases)
		)
	);
}

function recoded(codes: Int32Array, newIndex: Int32Array): Int32Array {
	const out = new Int32Array(codes.length);
	for (let row = 0; row < codes.length; row++) out[row] = newIndex[codes[row] as number] as number;
	return out;
}

function assembleStudy(rows: ParsedRows): ReadingStudy {
	const readerOrder = naturalPermutation(rows.readerIds);
	const modalityOrder = naturalPermutation(rows.modalityIds);
	const [t, r, n] = [modalityOrder.sorted.length, readerOrder.sorted.length, rows.caseIds.length];
	const reads = {
		line: rows.line,
		modality: recoded(rows.modality, modalityOrder.newIndex),
		reader: recoded(rows.reader, readerOrder.newIndex),
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
	const rating = new Float64Array(t * r * n);
	const decision = rows.decision ? new Float64Array(t * r * n) : undefined;
	const timeMs = rows.timeMs ? new Float64Array(t * r * n) : undefined;
	for (let row = 0; row < rows.line.length; row++) {
		const cell =
			((reads.modality[row] as number) * r + (reads.reader[row] as number)) * n +
			(reads.case[row] as number);
		rating[cell] = rows.rating[row] as number;
		if (decision) decision[cell] = rows.decision?.[row] as number;
		if (timeMs) timeMs[cell] = rows.timeMs?.[row] as number;
	}
	return {
		readers: readerOrder.sorted,
		modalities: modalityOrder.sorted,
		cases: rows.caseIds,
		truth: rows.truth,
		rating: gridOver(rating, t, r, n),
		decision: decision && gridOver(decision, t, r, n),
		timeMs: timeMs && gridOver(timeMs, t, r, n)
	};
}

// The lesion-level pair of CSVs (the content of the JAFROC workbook's Truth / NL / LL sheets):
//   truth: case,lesion,weight — one row per lesion of a diseased case (weights of a case sum to
//          1; an empty weight column means equal weights), and one row `case,0,0` per
//          non-diseased case; further columns (type, size_mm, …) are lesion attributes.
//   marks: reader,modality,case,lesion,rating — one row per mark after matching: the lesion it
//          localises (LL), or 0 for a non-lesion localisation (NL). No row: not marked (−∞).
//          Further columns are ignored, but for `superseded`: the blind export's marks.csv lists
//          the marks of every stored read version, and a row with superseded = 1 (an earlier
//          version of a corrected read) is left out, as `tandem analyze` leaves out such reads.
// Every problem names the file, the line and the field; nothing malformed reaches a figure.
import { sortNatural } from '../natural-order';
import type { LesionMarks, LesionStudy, LesionTruth } from '../lesion/lesion-study';
import { CsvSyntaxError, forEachCsvRecord, type CsvRecord } from './csv-text';

export class LesionInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LesionInputError';
	}
}

/** How far a case's weights may sum from 1 (they are often written as 0.333333333333333). */
const WEIGHT_TOLERANCE = 1e-6;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Table {
	file: string;
	column: Map<string, number>;
}

/** Calls `visit` for every row after the header (the record is reused between calls). */
function eachRow(
	text: string,
	file: string,
	required: readonly string[],
	visit: (table: Table, record: CsvRecord) => void
): void {
	let table: Table | undefined;
	let rows = 0;
	const record: CsvRecord = { line: 0, fields: [] };
	try {
		forEachCsvRecord(text, (fields, line) => {
			if (!table) {
				table = readHeader(fields, line, file, required);
				return;
			}
			rows++;
			record.line = line;
			record.fields = fields;
			visit(table, record);
		});
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new LesionInputError(`${file}: ${error.message}`);
		throw error;
	}
	if (!table) throw new LesionInputError(`${file}: the file is empty (expected a header line)`);
	if (rows === 0) throw new LesionInputError(`${file}: a header but no rows`);
}

function readHeader(
	fields: string[],
	line: number,
	file: string,
	required: readonly string[]
): Table {
	const column = new Map<string, number>();
	fields.forEach((name, index) => {
		const key = name.trim().toLowerCase();
		if (key === '')
			throw new LesionInputError(`${file} line ${line}: column ${index + 1} has no name`);
		if (column.has(key))
			throw new LesionInputError(`${file} line ${line}: column '${key}' appears twice`);
		column.set(key, index);
	});
	const missing = required.filter((name) => !column.has(name));
	if (missing.length > 0)
		throw new LesionInputError(
			`${file} line ${line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')} (the header must include ${required.join(',')})`
		);
	return { file, column };
}

function failAt(table: Table, record: CsvRecord, field: string, message: string): never {
	throw new LesionInputError(`${table.file} line ${record.line}, field '${field}': ${message}`);
}

function cell(table: Table, record: CsvRecord, field: string): string {
	const index = table.column.get(field);
	return index === undefined ? '' : (record.fields[index] ?? '').trim();
}

function idCell(table: Table, record: CsvRecord, field: string): string {
	const value = cell(table, record, field);
	if (value === '') failAt(table, record, field, 'is empty');
	return value;
}

function numberCell(table: Table, record: CsvRecord, field: string): number {
	const raw = cell(table, record, field);
	const value = DECIMAL.test(raw) ? Number(raw) : NaN;
	if (!Number.isFinite(value))
		failAt(table, record, field, `'${raw}' is not a finite number (e.g. 3, 0.5 or 1e-3)`);
	return value;
}

interface CaseRows {
	line: number;
	lesions: Array<{ id: string; weight: number | null; line: number; attributes: string[] }>;
	normal: boolean;
}

/** The attribute columns of the truth (all but case, lesion, weight) and each lesion's cells. */
export interface LesionAttributes {
	columns: string[];
	/** values[l][c]: lesion l's cell in column c (lesions in the truth's order). */
	values: string[][];
}

const TRUTH_COLUMNS = new Set(['case', 'lesion', 'weight']);

/** Parse the truth CSV (file named `file` in errors). */
export function parseLesionTruthCsv(text: string, file = 'truth CSV'): LesionTruth {
	return parseLesionTruthTable(text, file).truth;
}

/** Parse the truth CSV with its lesions' attribute columns (type, size_mm, …). */
export function parseLesionTruthTable(
	text: string,
	file = 'truth CSV'
): { truth: LesionTruth; attributes: LesionAttributes } {
	const byCase = new Map<string, CaseRows>();
	let columns: string[] | undefined;
	eachRow(text, file, ['case', 'lesion'], (table, record) => {
		columns ??= [...table.column.keys()].filter((name) => !TRUTH_COLUMNS.has(name));
		const id = idCell(table, record, 'case');
		const lesion = idCell(table, record, 'lesion');
		const rawWeight = cell(table, record, 'weight');
		const weight = rawWeight === '' ? null : numberCell(table, record, 'weight');
		const rows = byCase.get(id) ?? { line: record.line, lesions: [], normal: false };
		byCase.set(id, rows);
		if (lesion === '0') {
			if (weight !== null && weight !== 0)
				failAt(
					table,
					record,
					'weight',
					`a non-diseased case (lesion 0) has weight 0, not ${rawWeight}`
				);
			if (rows.normal || rows.lesions.length > 0)
				failAt(
					table,
					record,
					'lesion',
					`case ${id} is listed as non-diseased (lesion 0) besides line ${rows.line}`
				);
			rows.normal = true;
			return;
		}
		if (rows.normal)
			failAt(
				table,
				record,
				'lesion',
				`case ${id} was listed as non-diseased (lesion 0) on line ${rows.line}`
			);
		if (rows.lesions.some((other) => other.id === lesion))
			failAt(table, record, 'lesion', `lesion ${lesion} of case ${id} appears twice`);
		if (weight !== null && !(weight > 0 && weight <= 1))
			failAt(table, record, 'weight', `a lesion's weight lies in (0, 1], got ${rawWeight}`);
		rows.lesions.push({
			id: lesion,
			weight,
			line: record.line,
			attributes: (columns as string[]).map((name) => cell(table, record, name))
		});
	});
	const cases = [...byCase.keys()];
	const truth = new Uint8Array(cases.length);
	const lesionStart = new Int32Array(cases.length + 1);
	const lesionCase: number[] = [];
	const lesionIds: string[] = [];
	const weights: number[] = [];
	const values: string[][] = [];
	cases.forEach((id, k) => {
		const rows = byCase.get(id) as CaseRows;
		lesionStart[k] = lesionIds.length;
		truth[k] = rows.lesions.length > 0 ? 1 : 0;
		const declared = rows.lesions.filter((lesion) => lesion.weight !== null).length;
		if (declared > 0 && declared < rows.lesions.length)
			throw new LesionInputError(
				`${file} line ${rows.lesions.find((lesion) => lesion.weight === null)?.line}, field 'weight': case ${id} gives weights for some lesions only (give all, or none for equal weights)`
			);
		const sum = rows.lesions.reduce((total, lesion) => total + (lesion.weight ?? 0), 0);
		if (declared > 0 && Math.abs(sum - 1) > WEIGHT_TOLERANCE)
			throw new LesionInputError(
				`${file} line ${rows.line}, field 'weight': the weights of case ${id}'s lesions sum to ${sum}, not 1`
			);
		for (const lesion of rows.lesions) {
			lesionCase.push(k);
			lesionIds.push(lesion.id);
			weights.push(lesion.weight ?? 1 / rows.lesions.length);
			values.push(lesion.attributes);
		}
	});
	lesionStart[cases.length] = lesionIds.length;
	return {
		truth: {
			cases,
			truth,
			lesionStart,
			lesionCase: Int32Array.from(lesionCase),
			lesionIds,
			weights: Float64Array.from(weights)
		},
		attributes: { columns: columns ?? [], values }
	};
}

/** The marks of one reader in one modality, as read (before they are sorted into arrays). */
interface Group {
	caseOf: number[];
	lesionOf: number[];
	rating: number[];
	line: number[];
}

/** Parse the marks CSV against its truth (file named `file` in errors). */
export function parseLesionMarksCsv(
	text: string,
	truth: LesionTruth,
	file = 'marks CSV'
): LesionStudy {
	const caseIndex = new Map(truth.cases.map((id, k) => [id, k]));
	const groups = new Map<string, Map<string, Group>>();
	let columns: Table | undefined;
	eachRow(text, file, ['reader', 'modality', 'case', 'lesion', 'rating'], (table, record) => {
		columns = table;
		if (supersededRow(table, record)) return;
		const caseId = idCell(table, record, 'case');
		const k = caseIndex.get(caseId);
		if (k === undefined) failAt(table, record, 'case', `case ${caseId} is not in the truth`);
		const lesion = idCell(table, record, 'lesion');
		const l = lesion === '0' ? -1 : lesionOfCase(truth, k, lesion);
		if (l === -2)
			failAt(
				table,
				record,
				'lesion',
				truth.truth[k] === 0
					? `case ${caseId} is non-diseased: a mark on it is an NL (lesion 0), not lesion ${lesion}`
					: `lesion ${lesion} is not a lesion of case ${caseId} in the truth`
			);
		const reader = idCell(table, record, 'reader');
		const modality = idCell(table, record, 'modality');
		const rating = numberCell(table, record, 'rating');
		let byReader = groups.get(modality);
		if (!byReader) groups.set(modality, (byReader = new Map()));
		let group = byReader.get(reader);
		if (!group) byReader.set(reader, (group = { caseOf: [], lesionOf: [], rating: [], line: [] }));
		group.caseOf.push(k);
		group.lesionOf.push(l);
		group.rating.push(rating);
		group.line.push(record.line);
	});
	const table = columns as Table;
	const readers = sortNatural(
		new Set([...groups.values()].flatMap((byReader) => [...byReader.keys()]))
	);
	const modalities = sortNatural(groups.keys());
	const marks: LesionMarks[][] = modalities.map((modality) =>
		readers.map((reader) => {
			const group = groups.get(modality)?.get(reader);
			return group
				? marksOf(group, truth, `reader ${reader} in modality ${modality}`, (index, message) =>
						failAt(table, { line: group.line[index] as number, fields: [] }, 'lesion', message)
					)
				: emptyMarks(truth);
		})
	);
	return { ...truth, readers, modalities, marks };
}

/** True for the mark of an earlier version of a corrected read (superseded = 1). */
function supersededRow(table: Table, record: CsvRecord): boolean {
	if (!table.column.has('superseded')) return false;
	const raw = cell(table, record, 'superseded');
	if (raw === '1') return true;
	if (raw === '0') return false;
	return failAt(table, record, 'superseded', `'${raw}' must be 0 or 1`);
}

/** The index of lesion `id` of case k, or −2 when the case has no such lesion. */
function lesionOfCase(truth: LesionTruth, k: number, id: string): number {
	for (let l = truth.lesionStart[k] as number; l < (truth.lesionStart[k + 1] as number); l++)
		if (truth.lesionIds[l] === id) return l;
	return -2;
}

/** A reader × modality without a single mark: every lesion unmarked (−∞), no NLs. */
export function emptyMarks(truth: LesionTruth): LesionMarks {
	return {
		nlStart: new Int32Array(truth.cases.length + 1),
		nl: new Float64Array(0),
		ll: new Float64Array(truth.weights.length).fill(-Infinity)
	};
}

/** One reader's marks in one modality as arrays: NLs case by case (highest first), LL per lesion. */
function marksOf(
	group: Group,
	truth: LesionTruth,
	who: string,
	fail: (index: number, message: string) => never
): LesionMarks {
	const cases = truth.cases.length;
	const ll = new Float64Array(truth.weights.length).fill(-Infinity);
	const llMark = new Int32Array(truth.weights.length).fill(-1);
	const nlCount = new Int32Array(cases);
	group.lesionOf.forEach((l, index) => {
		if (l < 0) {
			nlCount[group.caseOf[index] as number]! += 1;
			return;
		}
		const earlier = llMark[l] as number;
		if (earlier >= 0) {
			const k = group.caseOf[index] as number;
			fail(
				index,
				`lesion ${truth.lesionIds[l]} of case ${truth.cases[k]} is localised twice by ${who} (also line ${group.line[earlier]}); after matching a lesion has one LL, the other marks are NLs`
			);
		}
		ll[l] = group.rating[index] as number;
		llMark[l] = index;
	});
	const nlStart = new Int32Array(cases + 1);
	for (let k = 0; k < cases; k++) nlStart[k + 1] = (nlStart[k] as number) + (nlCount[k] as number);
	const nl = new Float64Array(nlStart[cases] as number);
	const next = nlStart.slice(0, cases);
	group.lesionOf.forEach((l, index) => {
		if (l >= 0) return;
		const k = group.caseOf[index] as number;
		nl[next[k]!++] = group.rating[index] as number;
	});
	for (let k = 0; k < cases; k++)
		nl.subarray(nlStart[k], nlStart[k + 1])
			.sort()
			.reverse();
	return { nlStart, nl, ll };
}

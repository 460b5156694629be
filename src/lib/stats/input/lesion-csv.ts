// The lesion-level pair of CSVs (the content of the JAFROC workbook's Truth / NL / LL sheets):
//   truth: case,lesion,weight — one row per lesion of a diseased case (weights of a case sum to
//          1; an empty weight column means equal weights), and one row `case,0,0` per
//          non-diseased case; further columns (type, size_mm, …) are lesion attributes.
//   marks: reader,modality,case,lesion,rating — one row per mark after matching: the lesion it
//          localises (LL), or 0 for a non-lesion localisation (NL). No row: not marked (−∞).
// Every problem names the file, the line and the field; nothing malformed reaches a figure.
import { sortNatural } from '../natural-order';
import type { LesionMarks, LesionStudy, LesionTruth } from '../lesion/lesion-study';
import { CsvSyntaxError, parseCsvRecords, type CsvRecord } from './csv-text';

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
	records: CsvRecord[];
	column: Map<string, number>;
}

function readTable(text: string, file: string, required: readonly string[]): Table {
	let records: CsvRecord[];
	try {
		records = parseCsvRecords(text);
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new LesionInputError(`${file}: ${error.message}`);
		throw error;
	}
	const [header, ...rows] = records;
	if (!header) throw new LesionInputError(`${file}: the file is empty (expected a header line)`);
	const column = new Map<string, number>();
	header.fields.forEach((name, index) => {
		const key = name.trim().toLowerCase();
		if (key === '')
			throw new LesionInputError(`${file} line ${header.line}: column ${index + 1} has no name`);
		if (column.has(key))
			throw new LesionInputError(`${file} line ${header.line}: column '${key}' appears twice`);
		column.set(key, index);
	});
	const missing = required.filter((name) => !column.has(name));
	if (missing.length > 0)
		throw new LesionInputError(
			`${file} line ${header.line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')} (the header must include ${required.join(',')})`
		);
	if (rows.length === 0) throw new LesionInputError(`${file}: a header but no rows`);
	return { file, records: rows, column };
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
	lesions: Array<{ id: string; weight: number | null; line: number }>;
	normal: boolean;
}

/** Parse the truth CSV (file named `file` in errors). */
export function parseLesionTruthCsv(text: string, file = 'truth CSV'): LesionTruth {
	const table = readTable(text, file, ['case', 'lesion']);
	const byCase = new Map<string, CaseRows>();
	for (const record of table.records) {
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
			continue;
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
		rows.lesions.push({ id: lesion, weight, line: record.line });
	}
	const cases = [...byCase.keys()];
	const truth = new Uint8Array(cases.length);
	const lesionStart = new Int32Array(cases.length + 1);
	const lesionCase: number[] = [];
	const lesionIds: string[] = [];
	const weights: number[] = [];
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
		}
	});
	lesionStart[cases.length] = lesionIds.length;
	return {
		cases,
		truth,
		lesionStart,
		lesionCase: Int32Array.from(lesionCase),
		lesionIds,
		weights: Float64Array.from(weights)
	};
}

/** Parse the marks CSV against its truth (file named `file` in errors). */
export function parseLesionMarksCsv(
	text: string,
	truth: LesionTruth,
	file = 'marks CSV'
): LesionStudy {
	const table = readTable(text, file, ['reader', 'modality', 'case', 'lesion', 'rating']);
	const caseIndex = new Map(truth.cases.map((id, k) => [id, k]));
	const rows = table.records.map((record) => {
		const caseId = idCell(table, record, 'case');
		const k = caseIndex.get(caseId);
		if (k === undefined) failAt(table, record, 'case', `case ${caseId} is not in the truth`);
		const lesion = idCell(table, record, 'lesion');
		let l = -1;
		if (lesion !== '0') {
			for (let i = truth.lesionStart[k] as number; i < (truth.lesionStart[k + 1] as number); i++)
				if (truth.lesionIds[i] === lesion) l = i;
			if (l < 0)
				failAt(
					table,
					record,
					'lesion',
					truth.truth[k] === 0
						? `case ${caseId} is non-diseased: a mark on it is an NL (lesion 0), not lesion ${lesion}`
						: `lesion ${lesion} is not a lesion of case ${caseId} in the truth`
				);
		}
		return {
			record,
			reader: idCell(table, record, 'reader'),
			modality: idCell(table, record, 'modality'),
			k,
			l,
			rating: numberCell(table, record, 'rating')
		};
	});
	const readers = sortNatural(new Set(rows.map((row) => row.reader)));
	const modalities = sortNatural(new Set(rows.map((row) => row.modality)));
	const cases = truth.cases.length;
	const byReading = new Map<string, typeof rows>();
	for (const row of rows) {
		const key = JSON.stringify([row.modality, row.reader]);
		const list = byReading.get(key);
		if (list) list.push(row);
		else byReading.set(key, [row]);
	}
	const marks: LesionMarks[][] = modalities.map((modality) =>
		readers.map((reader) => {
			const mine = byReading.get(JSON.stringify([modality, reader])) ?? [];
			const ll = new Float64Array(truth.weights.length).fill(-Infinity);
			const llLine = new Int32Array(truth.weights.length);
			const nlByCase: number[][] = Array.from({ length: cases }, () => []);
			for (const row of mine) {
				if (row.l < 0) {
					(nlByCase[row.k] as number[]).push(row.rating);
					continue;
				}
				if (llLine[row.l] !== 0)
					failAt(
						table,
						row.record,
						'lesion',
						`lesion ${truth.lesionIds[row.l]} of case ${truth.cases[row.k]} is localised twice by reader ${reader} in modality ${modality} (also line ${llLine[row.l]}); after matching a lesion has one LL, the other marks are NLs`
					);
				ll[row.l] = row.rating;
				llLine[row.l] = row.record.line;
			}
			const nlStart = new Int32Array(cases + 1);
			const nl: number[] = [];
			nlByCase.forEach((ratings, k) => {
				nlStart[k] = nl.length;
				nl.push(...ratings.sort((a, b) => b - a));
			});
			nlStart[cases] = nl.length;
			return { nlStart, nl: Float64Array.from(nl), ll };
		})
	);
	return { ...truth, readers, modalities, marks };
}

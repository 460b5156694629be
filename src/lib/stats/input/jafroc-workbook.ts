// Read a JAFROC FROC workbook (the Truth / FP / TP sheets formats/jafroc-froc.ts writes and
// RJafroc reads) into a lesion-level study, every problem located by sheet, row and column:
//   - the mark sheets may be named FP / TP (RJafroc 2.x) or NL / LL, their rating columns
//     FP_Rating or NL_Rating, TP_Rating or LL_Rating; sheet and column names ignore case;
//   - Truth: CaseID, LesionID (0 = a non-diseased case), Weight; ReaderID, ModalityID and
//     Paradigm (FROC, then FCTRL or crossed) are read when present (RJafroc's older three-column
//     Truth sheet is accepted); a reader or modality in the mark sheets must then be listed;
//   - weights: a diseased case's weights sum to 1 (within 1e-6, as the lesion CSV; RJafroc
//     rescales sums within 1 %, Tandem refuses them), or are all 0 for equal weights;
//   - the optional "Truth IDs" sheet maps workbook ids back to Tandem's (see jafroc-froc.ts).
// Readers and modalities are those with marks, in natural order (as the CSV pair and RJafroc);
// cases keep the Truth sheet's order.
import { sortNatural } from '../natural-order';
import type { LesionMarks, LesionStudy, LesionTruth } from '../lesion/lesion-study';
import { type IdMap, readIdMap } from './jafroc-ids';
import { LesionInputError } from './lesion-csv';
import { type RawSheet, SheetTable } from './workbook-table';

export type { RawSheet, SheetCell } from './workbook-table';

const WEIGHT_TOLERANCE = 1e-6;

function findSheet(sheets: readonly RawSheet[], file: string, names: string[]): RawSheet {
	const found = sheets.filter((sheet) => names.includes(sheet.name.trim().toUpperCase()));
	const wanted = names.map((name) => `'${name === 'TRUTH' ? 'Truth' : name}'`).join(' or ');
	if (found.length === 0)
		throw new LesionInputError(
			`${file}: no sheet ${wanted} (the workbook has ${sheets.map((sheet) => `'${sheet.name}'`).join(', ') || 'no sheets'})`
		);
	if (found.length > 1)
		throw new LesionInputError(
			`${file}: both sheets ${found.map((sheet) => `'${sheet.name}'`).join(' and ')}: keep one`
		);
	return found[0] as RawSheet;
}

interface CaseRows {
	row: number;
	normal: boolean;
	lesions: Array<{ number: string; weight: number; row: number }>;
}

function readTruth(table: SheetTable, ids: IdMap): { truth: LesionTruth; listed: Listed } {
	table.require(['CaseID', 'LesionID', 'Weight']);
	const listed: Listed = { reader: new Set(), modality: new Set(), paradigm: [] };
	const byCase = new Map<string, CaseRows>();
	const rows = table.dataRows();
	if (rows.length === 0)
		throw new LesionInputError(`${table.where(2)}: the Truth sheet lists no case`);
	for (const row of rows) {
		const caseId = table.id(row, 'CaseID');
		const lesion = table.wholeNumber(row, 'LesionID');
		const weight = table.number(row, 'Weight');
		for (const kind of ['reader', 'modality'] as const)
			for (const id of table
				.text(row, kind === 'reader' ? 'ReaderID' : 'ModalityID')
				.split(/[,\s]+/))
				if (id !== '') listed[kind].add(id);
		const paradigm = table.text(row, 'Paradigm');
		if (paradigm !== '') listed.paradigm.push({ row, value: paradigm.toUpperCase() });
		const entry = byCase.get(caseId) ?? { row, normal: false, lesions: [] };
		byCase.set(caseId, entry);
		if (lesion === 0) {
			if (weight !== 0)
				table.fail(row, 'Weight', `a non-diseased case (LesionID 0) has weight 0, not ${weight}`);
			if (entry.normal || entry.lesions.length > 0)
				table.fail(
					row,
					'LesionID',
					`case ${caseId} is listed as non-diseased (LesionID 0) besides row ${entry.row}`
				);
			entry.normal = true;
			continue;
		}
		if (entry.normal)
			table.fail(
				row,
				'LesionID',
				`case ${caseId} was listed as non-diseased (LesionID 0) on row ${entry.row}`
			);
		if (entry.lesions.some((other) => other.number === String(lesion)))
			table.fail(row, 'LesionID', `lesion ${lesion} of case ${caseId} appears twice`);
		if (weight < 0 || weight > 1)
			table.fail(row, 'Weight', `a lesion's weight lies in [0, 1], got ${weight}`);
		entry.lesions.push({ number: String(lesion), weight, row });
	}
	checkParadigm(table, listed.paradigm);
	const cases = [...byCase.keys()];
	const lesionStart = new Int32Array(cases.length + 1);
	const lesionCase: number[] = [];
	const lesionIds: string[] = [];
	const weights: number[] = [];
	cases.forEach((caseId, k) => {
		const entry = byCase.get(caseId) as CaseRows;
		lesionStart[k] = lesionIds.length;
		const sum = entry.lesions.reduce((total, lesion) => total + lesion.weight, 0);
		const equal = entry.lesions.every((lesion) => lesion.weight === 0);
		const zero = entry.lesions.find((lesion) => lesion.weight === 0);
		if (!equal && zero)
			table.fail(
				zero.row,
				'Weight',
				`case ${caseId} gives weight 0 to lesion ${zero.number} but not to all its lesions (all 0 means equal weights)`
			);
		if (!equal && Math.abs(sum - 1) > WEIGHT_TOLERANCE)
			table.fail(
				entry.row,
				'Weight',
				`the weights of case ${caseId}'s lesions sum to ${sum}, not 1`
			);
		for (const lesion of entry.lesions) {
			lesionCase.push(k);
			lesionIds.push(ids.lesion.get(`${caseId}\u0000${lesion.number}`) ?? lesion.number);
			weights.push(equal ? 1 / entry.lesions.length : lesion.weight);
		}
	});
	lesionStart[cases.length] = lesionIds.length;
	const truth: LesionTruth = {
		cases,
		truth: Uint8Array.from(cases, (caseId) => ((byCase.get(caseId) as CaseRows).normal ? 0 : 1)),
		lesionStart,
		lesionCase: Int32Array.from(lesionCase),
		lesionIds,
		weights: Float64Array.from(weights)
	};
	return { truth, listed };
}

interface Listed {
	reader: Set<string>;
	modality: Set<string>;
	paradigm: Array<{ row: number; value: string }>;
}

function checkParadigm(table: SheetTable, cells: Listed['paradigm']): void {
	const [type, design] = cells;
	if (type && type.value !== 'FROC')
		table.fail(
			type.row,
			'Paradigm',
			`the paradigm is ${type.value}; lesion-level analysis reads FROC workbooks`
		);
	if (design && design.value !== 'FCTRL' && design.value !== 'CROSSED')
		table.fail(
			design.row,
			'Paradigm',
			`the design is ${design.value}; only factorial (FCTRL or crossed) workbooks are read`
		);
}

interface Group {
	nl: number[][];
	ll: Float64Array;
	llRow: Int32Array;
}

/** Parse a FROC workbook's sheets (the file named `file` in errors). */
export function parseJafrocWorkbook(sheets: readonly RawSheet[], file = 'workbook'): LesionStudy {
	const ids = readIdMap(sheets, file);
	const truthTable: SheetTable = new SheetTable(file, findSheet(sheets, file, ['TRUTH']));
	const { truth, listed } = readTruth(truthTable, ids);
	const caseIndex = new Map(truth.cases.map((id, k) => [id, k]));
	const groups = new Map<string, Map<string, Group>>();
	const groupOf = (table: SheetTable, row: number): Group => {
		const reader = table.id(row, 'ReaderID');
		const modality = table.id(row, 'ModalityID');
		if (listed.reader.size > 0 && !listed.reader.has(reader))
			table.fail(
				row,
				'ReaderID',
				`reader ${reader} is not listed in the Truth sheet's ReaderID column`
			);
		if (listed.modality.size > 0 && !listed.modality.has(modality))
			table.fail(
				row,
				'ModalityID',
				`modality ${modality} is not listed in the Truth sheet's ModalityID column`
			);
		let byReader = groups.get(modality);
		if (!byReader) groups.set(modality, (byReader = new Map()));
		let group = byReader.get(reader);
		if (!group) {
			group = {
				nl: truth.cases.map(() => []),
				ll: new Float64Array(truth.weights.length).fill(-Infinity),
				llRow: new Int32Array(truth.weights.length)
			};
			byReader.set(reader, group);
		}
		return group;
	};
	const caseOf = (table: SheetTable, row: number): number => {
		const caseId = table.id(row, 'CaseID');
		const k = caseIndex.get(caseId);
		if (k === undefined) table.fail(row, 'CaseID', `case ${caseId} is not in the Truth sheet`);
		return k;
	};

	const nlTable: SheetTable = new SheetTable(file, findSheet(sheets, file, ['FP', 'NL']));
	const nlRating = nlTable.require(
		['ReaderID', 'ModalityID', 'CaseID'],
		['FP_Rating', 'NL_Rating']
	) as string;
	for (const row of nlTable.dataRows()) {
		const k = caseOf(nlTable, row);
		const rating = nlTable.number(row, nlRating);
		groupOf(nlTable, row).nl[k]?.push(rating);
	}
	const llTable: SheetTable = new SheetTable(file, findSheet(sheets, file, ['TP', 'LL']));
	const llRating = llTable.require(
		['ReaderID', 'ModalityID', 'CaseID', 'LesionID'],
		['TP_Rating', 'LL_Rating']
	) as string;
	for (const row of llTable.dataRows()) {
		const k = caseOf(llTable, row);
		const caseId = truth.cases[k] as string;
		const lesion = String(llTable.wholeNumber(row, 'LesionID'));
		if (truth.truth[k] === 0)
			llTable.fail(
				row,
				'LesionID',
				`case ${caseId} is non-diseased in the Truth sheet: a mark on it is an NL (its row goes in the ${nlTable.sheet.name} sheet)`
			);
		const l = lesionIndex(truth, k, ids.lesion.get(`${caseId}\u0000${lesion}`) ?? lesion);
		if (l < 0)
			llTable.fail(row, 'LesionID', `lesion ${lesion} of case ${caseId} is not in the Truth sheet`);
		const rating = llTable.number(row, llRating);
		const group = groupOf(llTable, row);
		if (group.ll[l] !== -Infinity)
			llTable.fail(
				row,
				'LesionID',
				`lesion ${lesion} of case ${caseId} has a second rating from reader ${llTable.id(row, 'ReaderID')} in modality ${llTable.id(row, 'ModalityID')} (first on row ${group.llRow[l]}); a lesion has one LL`
			);
		group.ll[l] = rating;
		group.llRow[l] = row;
	}
	return assemble(truth, groups, ids, file);
}

function lesionIndex(truth: LesionTruth, k: number, id: string): number {
	for (let l = truth.lesionStart[k] as number; l < (truth.lesionStart[k + 1] as number); l++)
		if (truth.lesionIds[l] === id) return l;
	return -1;
}

function assemble(
	truth: LesionTruth,
	groups: Map<string, Map<string, Group>>,
	ids: IdMap,
	file: string
): LesionStudy {
	const rename = (map: Map<string, string>, id: string) => map.get(id) ?? id;
	const readerNames = new Map<string, string>();
	for (const byReader of groups.values())
		for (const reader of byReader.keys()) readerNames.set(rename(ids.reader, reader), reader);
	const modalityNames = new Map([...groups.keys()].map((m) => [rename(ids.modality, m), m]));
	const readers = sortNatural(readerNames.keys());
	const modalities = sortNatural(modalityNames.keys());
	const cases = truth.cases.map((id) => rename(ids.case, id));
	const seen = new Map<string, string>();
	truth.cases.forEach((id, k) => {
		const other = seen.get(cases[k] as string);
		if (other !== undefined)
			throw new LesionInputError(
				`${file}: sheet Truth IDs maps cases ${other} and ${id} both to ${cases[k]}`
			);
		seen.set(cases[k] as string, id);
	});
	const marks: LesionMarks[][] = modalities.map((modality) =>
		readers.map((reader) => {
			const group = groups
				.get(modalityNames.get(modality) as string)
				?.get(readerNames.get(reader) as string);
			const nlStart = new Int32Array(cases.length + 1);
			const nl: number[] = [];
			cases.forEach((_, k) => {
				nl.push(...(group?.nl[k] ?? []).sort((a, b) => b - a));
				nlStart[k + 1] = nl.length;
			});
			const ll = group?.ll ?? new Float64Array(truth.weights.length).fill(-Infinity);
			return { nlStart, nl: Float64Array.from(nl), ll };
		})
	);
	return { ...truth, cases, readers, modalities, marks };
}

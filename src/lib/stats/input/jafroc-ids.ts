// The "Truth IDs" sheet of a JAFROC workbook Tandem wrote (formats/jafroc-froc.ts): the ids
// RJafroc could not take (text case ids, lesion ids other than 1…n, reader or modality ids with
// commas or spaces) by their workbook number, so a study reads back under its own ids.
import { type RawSheet, SheetTable } from './workbook-table';

export interface IdMap {
	reader: Map<string, string>;
	modality: Map<string, string>;
	case: Map<string, string>;
	/** `case name` + '\u0000' + lesion number → Tandem lesion id. */
	lesion: Map<string, string>;
}

export function readIdMap(sheets: readonly RawSheet[], file: string): IdMap {
	const map: IdMap = { reader: new Map(), modality: new Map(), case: new Map(), lesion: new Map() };
	const sheet = sheets.find((candidate) => candidate.name.trim().toUpperCase() === 'TRUTH IDS');
	if (!sheet) return map;
	const table: SheetTable = new SheetTable(file, sheet);
	table.require(['Kind', 'ID', 'TandemID']);
	for (const row of table.dataRows()) {
		const kind = table.id(row, 'Kind');
		if (kind !== 'reader' && kind !== 'modality' && kind !== 'case' && kind !== 'lesion')
			table.fail(row, 'Kind', `'${kind}' is not one of reader, modality, case, lesion`);
		const key =
			kind === 'lesion'
				? `${table.id(row, 'CaseID')}\u0000${table.id(row, 'ID')}`
				: table.id(row, 'ID');
		if (map[kind].has(key))
			table.fail(row, 'ID', `${kind} ${key.replace('\u0000', ' lesion ')} is mapped twice`);
		map[kind].set(key, table.id(row, 'TandemID'));
	}
	return map;
}

// Which case an incoming image belongs to, by a declared key: the accession number, the study
// instance UID or the patient ID in its header — compared with the case id itself, or looked up
// in a mapping CSV (case_id + the key's column) that stays with the site, outside the protocol.
import type { ElementMap } from 'dcmjs';
import { TAG, text } from '../dicom/dicom-file';
import { sha256Hex } from '../crypto/hash';
import { csvInputError, readCsvTable, type CsvProblem } from './csv-table';

export const MATCH_KEYS = ['accession', 'study-uid', 'patient-id'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

const KEY_TAG: Record<MatchKey, string> = {
	accession: TAG.accessionNumber,
	'study-uid': TAG.studyInstanceUid,
	'patient-id': TAG.patientId
};
/** The mapping CSV's column for each key. */
export const MAPPING_COLUMN: Record<MatchKey, string> = {
	accession: 'accession_number',
	'study-uid': 'study_instance_uid',
	'patient-id': 'patient_id'
};
/** The header attribute (and DICOMweb query parameter) of each key. */
export const KEY_ATTRIBUTE: Record<MatchKey, string> = {
	accession: 'AccessionNumber',
	'study-uid': 'StudyInstanceUID',
	'patient-id': 'PatientID'
};

export interface CaseMatcher {
	key: MatchKey;
	/** SHA-256 of the mapping file, or null when the case id is the key. */
	mappingSha256: string | null;
	/** The case an original key value belongs to. */
	caseFor(value: string): string | undefined;
	/** Every original key value of a case (what to ask a PACS for). */
	valuesFor(caseKey: string): string[];
	/** The key's value in a data set (before de-identification). */
	valueIn(dict: ElementMap): string | null;
}

function matcherFrom(
	key: MatchKey,
	pairs: Array<[value: string, caseKey: string]>,
	mappingSha256: string | null
): CaseMatcher {
	const byValue = new Map(pairs);
	const byCase = new Map<string, string[]>();
	for (const [value, caseKey] of pairs)
		byCase.set(caseKey, [...(byCase.get(caseKey) ?? []), value]);
	return {
		key,
		mappingSha256,
		caseFor: (value) => byValue.get(value.trim()),
		valuesFor: (caseKey) => byCase.get(caseKey) ?? [],
		valueIn: (dict) => text(dict, KEY_TAG[key])
	};
}

/** The case id is the key value itself (e.g. cases named by accession number). */
export function caseIdMatcher(key: MatchKey, caseKeys: readonly string[]): CaseMatcher {
	return matcherFrom(
		key,
		caseKeys.map((caseKey) => [caseKey, caseKey]),
		null
	);
}

/**
 * A mapping CSV: `case_id` and the key's column (accession_number, study_instance_uid or
 * patient_id). A case may have several rows (e.g. a baseline and a follow-up accession); a
 * value may belong to one case only. Every problem is reported with its line.
 */
export function mappingMatcher(
	key: MatchKey,
	file: string,
	text: string,
	caseKeys: readonly string[]
): CaseMatcher {
	const column = MAPPING_COLUMN[key];
	const rows = readCsvTable(file, text, ['case_id', column]);
	const known = new Set(caseKeys);
	const problems: CsvProblem[] = [];
	const firstLine = new Map<string, { line: number; caseKey: string }>();
	const pairs: Array<[string, string]> = [];
	for (const row of rows) {
		const caseKey = row.fields['case_id'] ?? '';
		const value = row.fields[column] ?? '';
		if (!known.has(caseKey))
			problems.push({
				file,
				line: row.line,
				field: 'case_id',
				message: `"${caseKey}" is not a case of this study`
			});
		if (value === '') {
			problems.push({ file, line: row.line, field: column, message: 'empty value' });
			continue;
		}
		const earlier = firstLine.get(value);
		if (earlier && earlier.caseKey !== caseKey) {
			problems.push({
				file,
				line: row.line,
				field: column,
				message: `this value is already mapped to case "${earlier.caseKey}" (line ${earlier.line})`
			});
			continue;
		}
		if (!earlier) {
			firstLine.set(value, { line: row.line, caseKey });
			pairs.push([value, caseKey]);
		}
	}
	if (rows.length === 0) problems.push({ file, line: 1, message: 'no mapping rows' });
	if (problems.length > 0) throw csvInputError('mapping', problems);
	return matcherFrom(key, pairs, sha256Hex(text));
}

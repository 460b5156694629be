// Checks on the case manifest (cases.csv) and reference truth (truth.csv) rows, against the
// protocol. Pure: rows come in already split into fields, each with its line number in the file.

import type { Protocol } from './protocol.schema';

export interface TableRow {
	/** 1-based line number in the file (the header is line 1). */
	line: number;
	fields: Record<string, string>;
}

export interface TableProblem {
	line: number;
	field?: string;
	message: string;
}

export interface CaseRecord {
	caseKey: string;
	imageFolder: string;
	siteCode: string | null;
	strata: Record<string, string>;
	line: number;
}

export interface TruthRecord {
	caseKey: string;
	truth: 0 | 1;
	details: Record<string, string>;
	line: number;
}

const CASE_ID = 'case_id';
const CASE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The most cases a study folder may list. */
export const MAX_CASES = 100_000;
/** The longest stratum value, truth detail or image folder path, in characters. */
export const MAX_CELL_LENGTH = 1_000;

/** What the case checks need from the protocol; taken from a partly valid protocol too, so
 * a bad field in study.yaml does not hide the problems in cases.csv. */
export interface CaseTableContext {
	siteCodes: readonly string[];
	strata: readonly string[];
}

export function caseTableContext(protocol: Protocol): CaseTableContext {
	return { siteCodes: protocol.sites.map((site) => site.code), strata: protocol.cases.strata };
}

export function requiredCaseColumns(context: CaseTableContext): string[] {
	return [CASE_ID, 'images', ...context.strata];
}

/** Header problems: a missing required column is reported on line 1, naming it. */
export function checkHeader(
	header: readonly string[],
	required: readonly string[]
): TableProblem[] {
	const problems: TableProblem[] = [];
	for (const column of required) {
		if (!header.includes(column))
			problems.push({ line: 1, field: column, message: `missing column "${column}"` });
	}
	const seen = new Set<string>();
	for (const column of header) {
		if (seen.has(column))
			problems.push({ line: 1, field: column, message: `column "${column}" appears twice` });
		seen.add(column);
	}
	return problems;
}

export function checkCaseRows(
	context: CaseTableContext,
	rows: readonly TableRow[]
): { records: CaseRecord[]; problems: TableProblem[] } {
	if (rows.length > MAX_CASES) {
		const line = rows[MAX_CASES]!.line;
		return {
			records: [],
			problems: [{ line, message: `more than ${MAX_CASES.toLocaleString('en-US')} cases` }]
		};
	}
	const problems: TableProblem[] = [];
	const records: CaseRecord[] = [];
	const siteCodes = new Set(context.siteCodes);
	// Case ids and image folders are compared ignoring letter case: they are file names too.
	const firstCase = new Map<string, { caseKey: string; line: number }>();
	const folderOwner = new Map<string, { caseKey: string; line: number }>();
	const hasSiteColumn = context.strata.includes('site');

	for (const row of rows) {
		const caseKey = row.fields[CASE_ID] ?? '';
		const rowProblems: TableProblem[] = [];
		const at = (field: string, message: string) =>
			rowProblems.push({ line: row.line, field, message });
		const first = firstCase.get(caseKey.toLowerCase());
		if (!CASE_KEY_PATTERN.test(caseKey)) {
			at(CASE_ID, `"${clip(caseKey)}" is not a valid case id (letters, digits, . _ -)`);
		} else if (first?.caseKey === caseKey) {
			at(CASE_ID, `duplicate case id "${caseKey}" (first on line ${first.line})`);
		} else if (first) {
			at(
				CASE_ID,
				`case id "${caseKey}" differs only in case from "${first.caseKey}" (line ${first.line})`
			);
		} else {
			firstCase.set(caseKey.toLowerCase(), { caseKey, line: row.line });
		}
		const imageFolder = row.fields['images'] ?? '';
		if (!isSafeRelativePath(imageFolder)) {
			at('images', `"${clip(imageFolder)}" must be a folder inside the study folder`);
		} else if (rowProblems.length === 0) {
			const folderKey = folderIdentity(imageFolder);
			const owner = folderOwner.get(folderKey);
			if (owner)
				at(
					'images',
					`case ${caseKey} uses the image folder "${imageFolder}" of case ${owner.caseKey} (line ${owner.line}): each case needs its own folder`
				);
			else folderOwner.set(folderKey, { caseKey, line: row.line });
		}
		for (const stratum of context.strata) {
			const value = row.fields[stratum] ?? '';
			if (value === '') at(stratum, 'empty stratum value');
			else if (value.length > MAX_CELL_LENGTH)
				at(stratum, `longer than ${MAX_CELL_LENGTH.toLocaleString('en-US')} characters`);
		}
		const siteCode = hasSiteColumn ? (row.fields['site'] ?? '') : null;
		if (siteCode !== null && siteCode !== '' && !siteCodes.has(siteCode)) {
			at('site', `"${clip(siteCode)}" is not a site declared in study.yaml`);
		}
		problems.push(...rowProblems);
		if (rowProblems.length === 0) {
			const strata = Object.fromEntries(
				context.strata.map((name) => [name, row.fields[name] ?? ''])
			);
			records.push({ caseKey, imageFolder, siteCode, strata, line: row.line });
		}
	}
	if (rows.length === 0) problems.push({ line: 1, message: 'no cases' });
	return { records, problems };
}

export function checkTruthRows(
	caseKeys: ReadonlySet<string>,
	rows: readonly TableRow[],
	/**
	 * everyCase: the file is the study's whole truth (every case once, both classes); false where
	 * the truth is made in Tandem and a file brings some cases' truth from another source.
	 */
	{ everyCase = true }: { everyCase?: boolean } = {}
): { records: TruthRecord[]; problems: TableProblem[] } {
	const problems: TableProblem[] = [];
	const records: TruthRecord[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		const caseKey = row.fields[CASE_ID] ?? '';
		const truthText = row.fields['truth'] ?? '';
		const before = problems.length;
		if (!caseKeys.has(caseKey)) {
			problems.push({
				line: row.line,
				field: CASE_ID,
				message: `case "${clip(caseKey)}" is not in the case manifest`
			});
		} else if (seen.has(caseKey)) {
			problems.push({
				line: row.line,
				field: CASE_ID,
				message: `second truth row for "${caseKey}" (first on line ${seen.get(caseKey)})`
			});
		}
		seen.set(caseKey, seen.get(caseKey) ?? row.line);
		if (truthText !== '0' && truthText !== '1') {
			problems.push({
				line: row.line,
				field: 'truth',
				message: `"${clip(truthText)}" is not 0 (non-diseased) or 1 (diseased)`
			});
		}
		for (const [field, value] of Object.entries(row.fields)) {
			if (value.length > MAX_CELL_LENGTH)
				problems.push({
					line: row.line,
					field,
					message: `longer than ${MAX_CELL_LENGTH.toLocaleString('en-US')} characters`
				});
		}
		if (problems.length === before) {
			const details = Object.fromEntries(
				Object.entries(row.fields).filter(([key]) => key !== CASE_ID && key !== 'truth')
			);
			records.push({ caseKey, truth: truthText === '1' ? 1 : 0, details, line: row.line });
		}
	}
	if (!everyCase) return { records, problems };
	const missing = [...caseKeys].filter((key) => !seen.has(key));
	if (missing.length > 0) {
		const shown =
			missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
		problems.push({ line: 1, field: CASE_ID, message: `no truth for case(s) ${shown}` });
	}
	const classes = new Set(records.map((record) => record.truth));
	if (records.length > 0 && classes.size < 2) {
		problems.push({
			line: 1,
			field: 'truth',
			message: 'all cases have the same truth: an ROC study needs both classes'
		});
	}
	return { records, problems };
}

/** A value quoted in a message, cut to a readable length. */
function clip(value: string): string {
	return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** Two spellings of one folder ("a/./B", "a/b") compare equal. */
function folderIdentity(path: string): string {
	return path
		.split('/')
		.filter((part) => part !== '.')
		.join('/')
		.toLowerCase();
}

function isSafeRelativePath(path: string): boolean {
	if (path.length > MAX_CELL_LENGTH) return false;
	if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path))
		return false;
	return path.split('/').every((part) => part !== '..' && part !== '');
}

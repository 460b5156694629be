// A small CSV table reader for the import's side files (mapping, reference truth): rows with
// their line numbers, and every problem as { file, line, field, message } (SEC-4).
import { parse as parseCsv } from 'csv-parse/sync';
import { checkHeader, type TableRow } from '../../design/protocol/case-table';
import { InputError } from '../errors';

export interface CsvProblem {
	file: string;
	line?: number;
	field?: string;
	message: string;
}

export function formatCsvProblem(problem: CsvProblem): string {
	const place = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
	return `${place}:${problem.field ? ` ${problem.field}:` : ''} ${problem.message}`;
}

/** An InputError listing every problem, one per line; `details.problems` holds them as data. */
export function csvInputError(what: string, problems: CsvProblem[]): InputError {
	return new InputError(
		`${problems.map(formatCsvProblem).join('\n')}\n${problems.length} problem(s) in the ${what}; nothing was changed`,
		problems[0]?.field,
		{ problems }
	);
}

/** A CSV text that csv-parse cannot read, with the line it stopped at. */
export class CsvTextError extends Error {
	constructor(
		message: string,
		readonly line: number | undefined
	) {
		super(message);
	}
}

/**
 * Header (trimmed names) and rows with their line numbers; throws CsvTextError on a syntax error.
 * `shortRows`: a row may leave out its last fields (they are then absent).
 */
export function parseCsvTable(
	text: string,
	options: { shortRows?: boolean } = {}
): { header: string[]; rows: TableRow[] } {
	let header: string[] = [];
	try {
		const records: Array<{ record: Record<string, string>; info: { lines: number } }> = parseCsv(
			text,
			{
				columns: (names: string[]) => (header = names.map((name) => name.trim())),
				info: true,
				skip_empty_lines: true,
				relax_column_count_less: options.shortRows === true,
				trim: true,
				bom: true
			}
		);
		return {
			header,
			rows: records.map(({ record, info }) => ({ line: info.lines, fields: record }))
		};
	} catch (error) {
		throw new CsvTextError(`CSV: ${(error as Error).message}`, (error as { lines?: number }).lines);
	}
}

/** Rows of a CSV text with a header line; throws an InputError naming the file and line. */
export function readCsvTable(file: string, text: string, required: readonly string[]): TableRow[] {
	let table: { header: string[]; rows: TableRow[] };
	try {
		table = parseCsvTable(text);
	} catch (error) {
		if (!(error instanceof CsvTextError)) throw error;
		throw csvInputError('file', [{ file, line: error.line, message: error.message }]);
	}
	const headerProblems = checkHeader(table.header, required);
	if (headerProblems.length > 0)
		throw csvInputError(
			'file',
			headerProblems.map((problem) => ({ file, ...problem }))
		);
	return table.rows;
}

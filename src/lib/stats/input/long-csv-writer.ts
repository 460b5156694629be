// Write reads in the long CSV format parseLongCsv reads (header reader,modality,case,truth,
// rating, then each optional column some row has a value for; the version columns of corrected
// reads come last). The blind export writes its reads.csv
// with this, and the in-app analysis parses the very same text, so both see identical data.
import type { ReadRow } from './read-row';

export type { ReadRow } from './read-row';

const OPTIONAL = [
	'decision',
	'time_ms',
	'period',
	'sequence',
	'read_version',
	'superseded',
	'corrected_by'
] as const;

function field(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text (LF line ends, trailing newline) of the reads, in the order given. */
export function longCsvText(rows: readonly ReadRow[]): string {
	const optional = OPTIONAL.filter((name) => rows.some((row) => valueOf(row, name) != null));
	const header = ['reader', 'modality', 'case', 'truth', 'rating', ...optional];
	const lines = rows.map((row) =>
		[
			row.reader,
			row.modality,
			row.case,
			row.truth,
			row.rating,
			...optional.map((name) => valueOf(row, name))
		]
			.map(field)
			.join(',')
	);
	return `${[header.join(','), ...lines].join('\n')}\n`;
}

function valueOf(
	row: ReadRow,
	name: (typeof OPTIONAL)[number]
): string | number | null | undefined {
	if (name === 'decision') return row.decision;
	if (name === 'time_ms') return row.timeMs;
	if (name === 'read_version') return row.version;
	if (name === 'corrected_by') return row.correctedBy;
	return row[name];
}

// The schedule as flat rows for export, in one canonical order: readers in enrolment order, then
// period, session and position. Appending a reader therefore only appends rows.
import type { ReaderSchedule, Schedule, ScheduleRow } from './schedule.types';

export const SCHEDULE_ROW_COLUMNS = [
	'reader',
	'site',
	'sequence',
	'period',
	'session',
	'arm',
	'case',
	'position'
] as const satisfies readonly (keyof ScheduleRow)[];

/** 'AB' / 'BA'; in split-plot the group comes first: 'G2/BA'. */
export function sequenceLabel(reader: Pick<ReaderSchedule, 'sequence' | 'group'>): string {
	return reader.group === null ? reader.sequence : `${reader.group}/${reader.sequence}`;
}

export function scheduleToRows(schedule: Schedule): ScheduleRow[] {
	return schedule.readers.flatMap((reader) =>
		[...reader.assignments]
			.sort(
				(left, right) =>
					left.period - right.period ||
					left.session - right.session ||
					left.position - right.position
			)
			.map((assignment) => ({
				reader: reader.readerId,
				site: reader.site,
				sequence: sequenceLabel(reader),
				period: assignment.period,
				session: assignment.session,
				arm: assignment.arm,
				case: assignment.caseId,
				position: assignment.position
			}))
	);
}

// CSV per RFC 4180 field quoting (quote a field holding a comma, quote, CR or LF; double inner quotes),
// lines ended by "\n", header first.
function csvField(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function scheduleToCsv(schedule: Schedule): string {
	return scheduleRowsToCsv(scheduleToRows(schedule));
}

/** Rows (e.g. read back from storage) as CSV, header first. */
export function scheduleRowsToCsv(rows: readonly ScheduleRow[]): string {
	const lines = [SCHEDULE_ROW_COLUMNS.join(',')];
	for (const row of rows) {
		lines.push(SCHEDULE_ROW_COLUMNS.map((column) => csvField(row[column])).join(','));
	}
	return `${lines.join('\n')}\n`;
}

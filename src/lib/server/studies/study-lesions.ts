// The truth lesions file of a study folder checked against its cases: each case's truth, and the
// number of images of each case where the folder holds them (imported images are not known yet).
import type { TableRow, TruthRecord } from '../../design/protocol/case-table';
import { checkLesionRows, type TruthLesionRecord } from '../../design/protocol/lesion-table';
import type { FolderProblem } from './folder-problem';
import type { StudyImage } from './study-images';

export function checkStudyLesions(
	file: string,
	table: { header: string[]; rows: TableRow[] },
	truth: readonly TruthRecord[],
	images: ReadonlyMap<string, StudyImage[]> | null,
	problems: FolderProblem[]
): TruthLesionRecord[] {
	const imageCounts = images
		? new Map(truth.map((record) => [record.caseKey, images.get(record.caseKey)?.length ?? 0]))
		: undefined;
	const checked = checkLesionRows(
		{ truth: new Map(truth.map((record) => [record.caseKey, record.truth])), imageCounts },
		table.header,
		table.rows
	);
	problems.push(
		...checked.problems.map((problem): FolderProblem => ({ severity: 'error', file, ...problem }))
	);
	return checked.records;
}

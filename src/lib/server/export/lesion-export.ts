// The lesion-level files of a blind export: lesions.csv and lesion-regions.csv when the protocol
// has truth lesions (truth.lesions), marks.csv when the study asks for marks (asksForMarks), each
// read's raw marks matched to the truth lesions by the protocol's matching rule, distances in mm
// through each image's pixel spacing as the measurements are calibrated (PixelSpacing, else
// ImagerPixelSpacing).
import { eq } from 'drizzle-orm';
import { cases } from '../db/schema';
import type { DbOrTx } from '../db/client';
import {
	asksForMarks,
	hasTruthLesions,
	type Protocol
} from '../../design/protocol/protocol.schema';
import type { MatchRule, Spacing } from '../../stats/lesion/match-marks';
import type { StudyRead } from '../reads/study-reads';
import { caseImageFiles, type CaseImageFile } from '../reads/case-image-files';
import { imageCalibration } from '../dicom/image-calibration';
import { truthLesionsByCase } from '../cases/truth-lesions';
import { LESION_REGIONS_HEADER, lesionRegionRows, lesionTruthTable } from './lesion-truth-csv';
import { MARKS_HEADER, markRows, type MarkCodes } from './marks-csv';

type Cell = string | number | null;
type Csv = (header: string[], rows: Cell[][]) => string;

export function matchRuleOf(protocol: Protocol): MatchRule {
	const { criterion, acceptance_mm, iou } = protocol.matching;
	return { criterion, acceptanceMm: acceptance_mm, iou };
}

export async function lesionExportFiles(
	db: DbOrTx,
	studyId: number,
	protocol: Protocol,
	reads: readonly StudyRead[],
	caseRows: ReadonlyArray<{ key: string; truth: number }>,
	codes: MarkCodes,
	csv: Csv
): Promise<Record<string, string>> {
	const hasLesions = hasTruthLesions(protocol);
	const lesions = hasLesions ? await truthLesionsByCase(db, studyId) : null;
	const files: Record<string, string> = {};
	if (lesions) {
		const table = lesionTruthTable(caseRows, lesions, codes.cases);
		files['lesions.csv'] = csv(table.header, table.rows);
		files['lesion-regions.csv'] = csv(
			LESION_REGIONS_HEADER,
			lesionRegionRows(caseRows, lesions, codes.cases)
		);
	}
	if (asksForMarks(protocol.rating))
		files['marks.csv'] = csv(
			MARKS_HEADER,
			markRows(reads, lesions, matchRuleOf(protocol), await spacingLookup(db, studyId), codes)
		);
	return files;
}

/**
 * Each image's pixel spacing (column = x, row = y), read from its header once, on demand. The
 * image files are listed first: the lookup itself is synchronous (the marks' scoring calls it).
 */
export async function spacingLookup(db: DbOrTx, studyId: number) {
	const caseFiles = new Map<string, CaseImageFile[]>();
	const studyCases = await db
		.select({ id: cases.id, key: cases.caseKey })
		.from(cases)
		.where(eq(cases.studyId, studyId));
	for (const row of studyCases) caseFiles.set(row.key, await caseImageFiles(db, row.id));
	const known = new Map<string, Array<Spacing | null>>();
	return (caseKey: string, image: number): Spacing | null => {
		let spacings = known.get(caseKey);
		if (!spacings) {
			spacings = (caseFiles.get(caseKey) ?? []).map((file) => {
				const spacing = imageCalibration(file.path, file.sha256).spacing;
				return spacing ? { x: spacing.column, y: spacing.row } : null;
			});
			known.set(caseKey, spacings);
		}
		return spacings[image - 1] ?? null;
	};
}

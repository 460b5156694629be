// The lesion-level files of a study's blind export (lesions.csv and marks.csv, coded like
// reads.csv), rebuilt from the locked database with the export's code key — as reads.csv is —
// so the lesion-level endpoints are analysed for an export made in the app or with
// `tandem export blind --out DIR` alike. A study without truth lesions, or without marks,
// leaves those endpoints not analysable, saying why.
import type { Db } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { LesionFiles } from '../../stats/trial/trial-input';
import { csv, lockedCases, lockedReads, type codesOf } from '../export/blind-export.service';
import { lesionExportFiles } from '../export/lesion-export';

export const LESION_FILES = { truth: 'lesions.csv', marks: 'marks.csv' } as const;

/** The export's lesions.csv and marks.csv as its code key writes them, or what is missing. */
export async function exportLesionFiles(
	db: Db,
	studyId: number,
	protocol: Protocol,
	codes: ReturnType<typeof codesOf>
): Promise<LesionFiles> {
	const files = await lesionExportFiles(
		db,
		studyId,
		protocol,
		await lockedReads(db, studyId),
		await lockedCases(db, studyId),
		codes,
		csv
	);
	const truthCsv = files[LESION_FILES.truth];
	const marksCsv = files[LESION_FILES.marks];
	if (truthCsv === undefined)
		return {
			missing:
				'the protocol names no truth lesions (truth.lesions): lesion-level endpoints need them'
		};
	if (marksCsv === undefined)
		return { missing: 'the study records no marks: lesion-level endpoints need them' };
	return { truthCsv, marksCsv };
}

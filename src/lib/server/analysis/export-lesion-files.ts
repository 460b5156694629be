// The lesion-level files of a blind export made in the app (lesions.csv and marks.csv, coded
// like reads.csv), read from its folder for the lesion-level endpoints of the trial analysis.
// An export without them (made before the study recorded marks, or outside the app with
// `tandem export blind --out DIR`) leaves those endpoints not analysable, saying why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LesionFiles } from '../../stats/trial/trial-input';

export const LESION_FILES = { truth: 'lesions.csv', marks: 'marks.csv' } as const;

/** The export's lesions.csv and marks.csv in `folder`, or what is missing. */
export function exportLesionFiles(folder: string, exportId: number): LesionFiles {
	const absent = Object.values(LESION_FILES).filter((name) => !existsSync(join(folder, name)));
	if (absent.length > 0)
		return {
			missing: `export ${exportId} has no ${absent.join(' and ')} in the app's exports folder: lesion-level endpoints are analysed on the lesion files of a blind export made in the app`
		};
	const read = (name: string) => readFileSync(join(folder, name), 'utf8');
	return { truthCsv: read(LESION_FILES.truth), marksCsv: read(LESION_FILES.marks) };
}

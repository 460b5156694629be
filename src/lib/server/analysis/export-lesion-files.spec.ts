// The lesion files of an app-made export: read when both are there, otherwise the reason that
// the lesion-level endpoints will show.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLesionFiles } from './export-lesion-files';

describe('exportLesionFiles', () => {
	it('reads lesions.csv and marks.csv of the export folder', () => {
		const folder = mkdtempSync(join(tmpdir(), 'tandem-lesion-files-'));
		writeFileSync(join(folder, 'lesions.csv'), 'case,lesion,weight\nCASE-000001,0,0\n');
		expect(exportLesionFiles(folder, 4)).toEqual({
			missing: expect.stringMatching(/^export 4 has no marks\.csv in the app's exports folder/)
		});
		writeFileSync(join(folder, 'marks.csv'), 'reader,modality,case,lesion,rating\n');
		expect(exportLesionFiles(folder, 4)).toEqual({
			truthCsv: 'case,lesion,weight\nCASE-000001,0,0\n',
			marksCsv: 'reader,modality,case,lesion,rating\n'
		});
	});

	it('names both files when the export has neither', () => {
		const folder = mkdtempSync(join(tmpdir(), 'tandem-lesion-files-'));
		expect(exportLesionFiles(folder, 2)).toEqual({
			missing: expect.stringContaining('export 2 has no lesions.csv and marks.csv')
		});
	});
});

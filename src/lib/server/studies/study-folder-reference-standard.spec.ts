// A study folder whose truth is made in Tandem (reference_standard): truth.csv may be absent, but
// then a truth lesions file has no truth to stand on and is refused rather than ignored.
import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStudyFolder } from './study-folder';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { referenceStandardYaml } from '$fixtures/reference-standard-study.fixture';

describe('a study folder with a reference standard', () => {
	it('reads without truth.csv: no truth records, truth.csv not among the files', () => {
		const dir = makeStudyFolder({ yaml: referenceStandardYaml() });
		rmSync(join(dir, 'truth.csv'));
		const result = readStudyFolder(dir);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.folder.truth).toEqual([]);
		expect(Object.keys(result.folder.files).sort()).toEqual(['cases.csv', 'study.yaml']);
	});

	it('still needs truth.csv without a reference standard', () => {
		const dir = makeStudyFolder();
		rmSync(join(dir, 'truth.csv'));
		expect(readStudyFolder(dir).ok).toBe(false);
	});

	it('refuses a lesions file without truth.csv, naming the field', () => {
		const yaml = referenceStandardYaml().replace(
			'  source: test truth\n',
			'  source: test truth\n  lesions: lesions.csv\n'
		);
		const dir = makeStudyFolder({ yaml });
		rmSync(join(dir, 'truth.csv'));
		writeFileSync(
			join(dir, 'lesions.csv'),
			'case_id,lesion_id,image,x,y,radius_mm\nK1,1,1,1,1,1\n'
		);
		const result = readStudyFolder(dir);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems).toContainEqual(
			expect.objectContaining({
				file: 'study.yaml',
				field: 'truth.lesions',
				message: expect.stringContaining('needs truth.csv')
			})
		);
	});
});

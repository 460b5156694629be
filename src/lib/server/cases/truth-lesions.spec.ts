// Truth lesions loaded with the study folder: located errors before anything is written, stored
// per case, part of the protocol's and the dataset's fingerprints, reloaded only when changed.
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStudyFolder, type StudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { datasetFingerprint, freezeDataset } from './dataset-freeze.service';
import { StudyLoadRefused } from '../studies/study-load.service';
import { signer } from '$fixtures/signer.fixture';
import { truthLesionsByCase } from './truth-lesions';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';

const YAML = FIXTURE_YAML.replace(
	'  file: truth.csv\n',
	'  file: truth.csv\n  lesions: lesions.csv\n'
);
const LESIONS = [
	'case_id,lesion_id,image,x,y,radius_mm,x0,y0,x1,y1,weight,type',
	'K1,1,1,10,20,3,,,,,,mass',
	'K1,1,1,40,50,3,,,,,,',
	'K1,2,1,,,,5,6,7,8,,calcification',
	'K4,A,1,1,2,,,,,,,mass'
];

function folderWith(lesions: string[]): string {
	const dir = makeStudyFolder({ yaml: YAML });
	writeFileSync(join(dir, 'lesions.csv'), lesions.join('\n') + '\n');
	return dir;
}

function folderOf(dir: string): StudyFolder {
	const result = readStudyFolder(dir);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.folder;
}

describe('truth lesions of a study folder', () => {
	it('stores each lesion with its regions, weights and attributes, readable by case', async () => {
		const db = await testDatabase();
		const folder = folderOf(folderWith(LESIONS));
		expect(Object.keys(folder.files).sort()).toEqual([
			'cases.csv',
			'lesions.csv',
			'study.yaml',
			'truth.csv'
		]);
		const { studyId } = await loadStudy(db, operatorPrincipal(), folder);
		const byCase = await truthLesionsByCase(db, studyId);
		expect([...byCase.keys()]).toEqual(['K1', 'K4']);
		expect(byCase.get('K1')).toEqual([
			{
				id: '1',
				weight: 0.5,
				attributes: { type: 'mass' },
				regions: [
					{
						id: '1',
						firstImage: 1,
						lastImage: 1,
						region: { kind: 'point', x: 10, y: 20, radiusMm: 3 }
					},
					{
						id: '1',
						firstImage: 1,
						lastImage: 1,
						region: { kind: 'point', x: 40, y: 50, radiusMm: 3 }
					}
				]
			},
			{
				id: '2',
				weight: 0.5,
				attributes: { type: 'calcification' },
				regions: [
					{
						id: '2',
						firstImage: 1,
						lastImage: 1,
						region: { kind: 'box', box: { x0: 5, y0: 6, x1: 7, y1: 8 } }
					}
				]
			}
		]);
		expect(byCase.get('K4')).toEqual([
			{
				id: 'A',
				weight: 1,
				attributes: { type: 'mass' },
				regions: [
					{
						id: 'A',
						firstImage: 1,
						lastImage: 1,
						region: { kind: 'point', x: 1, y: 2, radiusMm: 0 }
					}
				]
			}
		]);
	});

	it('refuses a folder whose lesions file is wrong, naming file, line and field (so nothing is loaded)', () => {
		const dir = folderWith([
			...LESIONS.slice(0, 4),
			'K2,1,1,1,2,,,,,,,mass', // K2 is non-diseased
			'K4,A,2,1,2,,,,,,,mass' // K4 has one image
		]);
		const result = readStudyFolder(dir);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.filter((p) => p.severity === 'error')).toEqual([
			{
				severity: 'error',
				file: 'lesions.csv',
				line: 5,
				field: 'case_id',
				message: 'case K2 is non-diseased in the truth file: it has no lesions'
			},
			{
				severity: 'error',
				file: 'lesions.csv',
				line: 6,
				field: 'image',
				message: "image 2 is beyond the case's 1 image"
			}
		]);
	});

	it('reports a lesions file named in study.yaml but absent', () => {
		const result = readStudyFolder(makeStudyFolder({ yaml: YAML }));
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.problems).toContainEqual(
				expect.objectContaining({ file: 'study.yaml', field: 'truth.lesions' })
			);
	});

	it('changes the protocol and dataset fingerprints with the lesions, and reloads them', async () => {
		const db = await testDatabase();
		const dir = folderWith(LESIONS);
		const first = folderOf(dir);
		const { studyId } = await loadStudy(db, operatorPrincipal(), first);
		const before = (await datasetFingerprint(db, studyId)).fingerprint;
		expect((await loadStudy(db, operatorPrincipal(), folderOf(dir))).status).toBe('unchanged');

		writeFileSync(
			join(dir, 'lesions.csv'),
			[...LESIONS.slice(0, 4), 'K4,A,1,1,3,,,,,,,mass'].join('\n') + '\n'
		);
		const second = folderOf(dir);
		expect(second.sha256).not.toBe(first.sha256);
		expect((await loadStudy(db, operatorPrincipal(), second)).status).toBe('updated');
		expect((await datasetFingerprint(db, studyId)).fingerprint).not.toBe(before);
		expect((await truthLesionsByCase(db, studyId)).get('K4')![0]!.regions[0]!.region).toEqual({
			kind: 'point',
			x: 1,
			y: 3,
			radiusMm: 0
		});
		const stored = (await sqlRow(db, 'SELECT count(*) AS n FROM truth_lesions')) as {
			n: number;
		};
		expect(stored.n).toBe(3);
	});

	it('leaves the dataset fingerprint of a study without lesions as it was', async () => {
		const db = await testDatabase();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folderOf(makeStudyFolder()));
		expect((await truthLesionsByCase(db, studyId)).size).toBe(0);
		expect((await datasetFingerprint(db, studyId)).fingerprint).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses a change of the lesions while the dataset is frozen, in the service and the database', async () => {
		const db = await testDatabase();
		const dir = folderWith(LESIONS);
		await loadStudy(db, operatorPrincipal(), folderOf(dir));
		const admin = await signer(db);
		await freezeDataset(db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true
		});
		writeFileSync(
			join(dir, 'lesions.csv'),
			[...LESIONS.slice(0, 4), 'K4,A,1,1,3,,,,,,,mass'].join('\n') + '\n'
		);
		await expect(loadStudy(db, operatorPrincipal(), folderOf(dir))).rejects.toThrow(
			StudyLoadRefused
		);
		await expect(loadStudy(db, operatorPrincipal(), folderOf(dir))).rejects.toThrow(
			/change case\(s\) K4\./
		);
		await expect(sqlRun(db, 'UPDATE truth_lesions SET weight = 0.3')).rejects.toThrow(
			'the dataset is frozen: reopen it for a new version to change the truth lesions'
		);
		await expect(sqlRun(db, 'DELETE FROM truth_lesions')).rejects.toThrow(/dataset is frozen/);
	});
});

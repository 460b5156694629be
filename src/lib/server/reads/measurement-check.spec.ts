// Measurements are stored with the read, its draft and its corrections, checked against the case's
// images as they are served: the length's mm from the stored header's PixelSpacing.
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { submitRead } from './read.service';
import { saveDraft } from './reading.service';
import { correctRead } from './correction.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import type { Measurement } from '../../domain/measurement';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';

/** The fixture study, each case one 20 × 16 CT image with 0.7 mm pixels; `froc` counts ROIs as marks. */
async function measuredStudy(froc = false) {
	const rating = froc ? '  lesion_marks: true\n  measurement_marks: true\n' : '';
	const options = twelveCaseOptions(
		FIXTURE_YAML.replace('  confidence: percent\n', `  confidence: percent\n${rating}`)
	);
	const dir = makeStudyFolder(options);
	for (const key of options.imageFolders ?? [])
		writeFileSync(
			join(dir, 'images', key, '001.dcm'),
			tinyDicom({
				rows: 16,
				columns: 20,
				values: new Array(320).fill(1000),
				rescaleSlope: 1,
				rescaleIntercept: -1024,
				extra: { PixelSpacing: [0.7, 0.7] }
			})
		);
	const folder = readStudyFolder(dir);
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	const db = await testDatabase();
	await loadStudy(db, operatorPrincipal(), folder.folder);
	const email = 'measurer@site-a.org';
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: 'Measurer',
		role: 'reader',
		study: 'mini-study',
		site: 'site-a',
		password: 'long enough password'
	});
	const reader: UserPrincipal = { kind: 'user', userId, email, name: 'Measurer' };
	return { db, reader, assignments: await readerAssignmentIds(db, email, { period: 1 }) };
}

const length = (value: number, calibration = 'PixelSpacing'): Measurement =>
	({
		kind: 'length',
		image: 1,
		calibration,
		points: [
			[10, 10],
			[13, 14]
		],
		length: { value, unit: 'mm' }
	}) as Measurement;

const box = (extra: Partial<Measurement> = {}): Measurement =>
	({
		kind: 'rectangle',
		image: 1,
		calibration: 'PixelSpacing',
		points: [
			[2, 2],
			[4, 3]
		],
		// 2 × 1 pixels of 0.7 mm → 1.4 × 0.7 = 0.98 mm²
		area: { value: 0.98, unit: 'mm2' },
		mean: { value: -24, unit: 'HU' },
		sd: { value: 0, unit: 'HU' },
		pixels: 6,
		...extra
	}) as Measurement;

describe('measurements with a read', () => {
	it('stores a length whose mm match the image’s PixelSpacing, and refuses one that does not', async () => {
		const { db, reader, assignments } = await measuredStudy();
		const read = (clientId: string, measurements: Measurement[]) => ({
			assignment: assignments[0]!,
			clientId,
			decision: 1 as const,
			confidence: 70,
			measurements
		});
		await expect(submitRead(db, reader, read('measure-01', [length(9)]))).rejects.toThrow(
			'measurements.0: length: 9 mm does not match its points (3.5 mm)'
		);
		await expect(
			submitRead(db, reader, read('measure-02', [length(3.5, 'ImagerPixelSpacing')]))
		).rejects.toThrow(
			'measurements.0: calibration: the image gives PixelSpacing, not ImagerPixelSpacing'
		);
		await expect(
			submitRead(db, reader, read('measure-03', [{ ...length(3.5), image: 2 }]))
		).rejects.toThrow('measurements.0.image: this case has 1 image');
		const outside = {
			...length(3.5),
			points: [
				[10, 10],
				[25, 10]
			]
		} as Measurement;
		await expect(submitRead(db, reader, read('measure-04', [outside]))).rejects.toThrow(
			'measurements.0: (25, 10) is outside image 1 (20 × 16 pixels)'
		);
		await expect(
			submitRead(
				db,
				reader,
				read('measure-05', [
					box({ mean: { value: -24, unit: 'modality' }, sd: { value: 0, unit: 'modality' } })
				])
			)
		).rejects.toThrow('measurements.0.mean.unit: must be HU on this image, not modality');
		await expect(
			submitRead(db, reader, read('measure-06', [box({ confidence: 50 })]))
		).rejects.toThrow('measurements.0.confidence: this study does not count ROIs as lesion marks');
		await expect(
			saveDraft(db, reader, assignments[1]!, { measurements: [length(9)] })
		).rejects.toThrow('draft: measurements.0: length: 9 mm does not match its points (3.5 mm)');
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 0 });

		await saveDraft(db, reader, assignments[0]!, { measurements: [length(3.5)] });
		await submitRead(db, reader, read('measure-07', [length(3.5), box()]));
		const row = (await sqlRow(db, 'SELECT id, measurements_json AS m FROM reads')) as {
			id: number;
			m: string;
		};
		expect(JSON.parse(row.m)).toEqual([length(3.5), box()]);
		await expect(sqlRun(db, "UPDATE reads SET measurements_json = '[]'")).rejects.toThrow(
			'a submitted read is immutable'
		);

		// A correction keeps the measurements it is given (here: the ROI only).
		const corrected = await correctRead(db, reader, {
			read: row.id,
			decision: 1,
			confidence: 70,
			measurements: [box()],
			reason: 'the length was drawn on the wrong vessel'
		});
		const stored = (await sqlRow(
			db,
			'SELECT measurements_json AS m FROM reads WHERE id = ?',
			corrected.readId
		)) as { m: string };
		expect(JSON.parse(stored.m)).toEqual([box()]);
	});

	it('asks each ROI for a mark confidence when the protocol counts ROIs as lesion marks', async () => {
		const { db, reader, assignments } = await measuredStudy(true);
		const read = (clientId: string, measurements: Measurement[]) => ({
			assignment: assignments[0]!,
			clientId,
			decision: 1 as const,
			confidence: 70,
			measurements
		});
		await expect(submitRead(db, reader, read('froc-0001', [box()]))).rejects.toThrow(
			'measurements.0.confidence: this study counts each ROI as a lesion mark: give its confidence'
		);
		await submitRead(db, reader, read('froc-0002', [box({ confidence: 80 }), length(3.5)]));
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 1 });
	});
});

// The header values a measurement is checked with, read from the stored file as the reader gets it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageCalibration } from './image-calibration';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';

const dir = mkdtempSync(join(tmpdir(), 'calibration-'));
let serial = 0;
function stored(extra: Record<string, unknown>, modality = 'CT') {
	const path = join(dir, `${++serial}.dcm`);
	writeFileSync(
		path,
		tinyDicom({
			rows: 4,
			columns: 6,
			values: new Array(24).fill(0),
			extra: { Modality: modality, ...extra }
		})
	);
	return imageCalibration(path, `sha-${serial}`);
}

describe('imageCalibration', () => {
	it('reads PixelSpacing as rows, then columns, and CT as HU', () => {
		expect(stored({ PixelSpacing: [0.5, 0.8], ImagerPixelSpacing: [0.1, 0.1] })).toEqual({
			rows: 4,
			columns: 6,
			spacing: { row: 0.5, column: 0.8, calibration: 'PixelSpacing' },
			hounsfield: true
		});
	});

	it('falls back to ImagerPixelSpacing, and to none', () => {
		const mammogram = stored({ ImagerPixelSpacing: [0.085, 0.085] }, 'MG');
		expect(mammogram.spacing).toEqual({
			row: 0.085,
			column: 0.085,
			calibration: 'ImagerPixelSpacing'
		});
		expect(mammogram.hounsfield).toBe(false);
		expect(stored({}, 'OT').spacing).toBeNull();
	});

	it('takes a RescaleType over the modality', () => {
		expect(stored({ RescaleType: 'US' }).hounsfield).toBe(false);
		expect(stored({ RescaleType: 'HU' }, 'OT').hounsfield).toBe(true);
	});
});

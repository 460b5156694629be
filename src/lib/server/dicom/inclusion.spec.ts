import { describe, expect, it } from 'vitest';
import { inclusionFindings } from './inclusion';
import { readDicomFile } from './dicom-file';
import {
	SECONDARY_CAPTURE,
	US_IMAGE_STORAGE,
	identifiedDicom
} from '$fixtures/identified-dicom.fixture';

const findingsOf = (options: Parameters<typeof identifiedDicom>[0]) =>
	inclusionFindings(readDicomFile(identifiedDicom(options)));

describe('inclusionFindings', () => {
	it('finds nothing to say about a complete, uncompressed CT slice', () => {
		expect(findingsOf({})).toEqual({ modality: 'CT', missingTags: [], lossy: null, burnedIn: [] });
	});

	it('lists the required attributes a CT slice lacks', () => {
		expect(
			findingsOf({ omit: ['PixelSpacing', 'SliceThickness', 'Manufacturer'] }).missingTags
		).toEqual(['Manufacturer', 'PixelSpacing', 'SliceThickness']);
	});

	it('asks a projection image for PixelSpacing or ImagerPixelSpacing', () => {
		expect(findingsOf({ modality: 'DX', omit: ['PixelSpacing'] }).missingTags).toEqual([
			'PixelSpacing|ImagerPixelSpacing'
		]);
	});

	it('flags a lossy transfer syntax by name', () => {
		// The header says JPEG Baseline (the pixels of this small file are not a JPEG stream, so it is
		// not read as one: real JPEG files are in case-import.compressed.spec.ts).
		const file = readDicomFile(identifiedDicom({}));
		file.meta['00020010'] = { vr: 'UI', Value: ['1.2.840.10008.1.2.4.50'] };
		expect(inclusionFindings(file).lossy).toBe(
			'transfer syntax 1.2.840.10008.1.2.4.50: JPEG Baseline (lossy)'
		);
	});

	it('flags burned-in annotation: the tag, ultrasound, and secondary captures', () => {
		expect(findingsOf({ burnedIn: 'YES' }).burnedIn).toEqual([
			'BurnedInAnnotation (0028,0301) is YES'
		]);
		expect(findingsOf({ modality: 'US', sopClassUid: US_IMAGE_STORAGE }).burnedIn).toEqual([
			'modality US: pixels often carry burned-in text'
		]);
		expect(findingsOf({ modality: 'OT', sopClassUid: SECONDARY_CAPTURE }).burnedIn).toEqual([
			'a secondary capture: pixels may be a screenshot with text'
		]);
	});
});

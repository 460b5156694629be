import { describe, expect, it } from 'vitest';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';
import { readStoredPixels } from './dicom-pixels';

const base = { rows: 2, columns: 2, values: [0, 1, 2, 3] };

describe('readStoredPixels', () => {
	it('reads size, values and the Modality LUT (defaults slope 1, intercept 0)', () => {
		const pixels = readStoredPixels(tinyDicom(base));
		expect(pixels).toMatchObject({ rows: 2, columns: 2, rescaleSlope: 1, rescaleIntercept: 0 });
		expect(Array.from(pixels.values)).toEqual([0, 1, 2, 3]);
	});

	it('keeps only BitsStored bits of unsigned values (overlay bits above are dropped)', () => {
		const pixels = readStoredPixels(
			tinyDicom({ ...base, values: [0xf000 | 1024, 4095, 0x1000, 7], bitsStored: 12 })
		);
		expect(Array.from(pixels.values)).toEqual([1024, 4095, 0, 7]);
	});

	it('sign-extends signed values from BitsStored', () => {
		// 12-bit two's complement 0x0FFF is −1 and 0x0800 is −2048.
		const pixels = readStoredPixels(
			tinyDicom({
				...base,
				values: [0x0fff, 0x0800, 0x07ff, 0],
				bitsStored: 12,
				pixelRepresentation: 1
			})
		);
		expect(Array.from(pixels.values)).toEqual([-1, -2048, 2047, 0]);
	});

	it('reads 8-bit pixels', () => {
		expect(
			Array.from(
				readStoredPixels(tinyDicom({ ...base, values: [0, 100, 200, 255], bitsAllocated: 8 }))
					.values
			)
		).toEqual([0, 100, 200, 255]);
	});

	it('refuses compressed and big-endian transfer syntaxes by name', () => {
		expect(() =>
			readStoredPixels(tinyDicom({ ...base, transferSyntaxUid: '1.2.840.10008.1.2.4.50' }))
		).toThrow(
			/transfer syntax 1\.2\.840\.10008\.1\.2\.4\.50 is not supported: only uncompressed little-endian/
		);
		expect(() =>
			readStoredPixels(tinyDicom({ ...base, transferSyntaxUid: '1.2.840.10008.1.2.2' }))
		).toThrow(/transfer syntax 1\.2\.840\.10008\.1\.2\.2 is not supported/);
	});

	it('refuses colour images and unsupported bit depths as a wrong pixel format', () => {
		expect(() =>
			readStoredPixels(
				tinyDicom({
					...base,
					values: Array(12).fill(0),
					samplesPerPixel: 3,
					photometricInterpretation: 'RGB'
				})
			)
		).toThrow(/wrong pixel format: SamplesPerPixel 3, PhotometricInterpretation RGB/);
	});

	it('refuses a truncated file and a file that is not DICOM, saying so', () => {
		const bytes = tinyDicom({ rows: 64, columns: 64, values: Array(64 * 64).fill(1000) });
		expect(() => readStoredPixels(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
		expect(() => readStoredPixels(bytes.subarray(0, 100))).toThrow(
			/not a readable DICOM Part-10 file/
		);
		expect(() =>
			readStoredPixels(new TextEncoder().encode('case_id,truth\nC001,1\n'.repeat(20)))
		).toThrow(/not a readable DICOM Part-10 file \(.*DICM prefix not found/);
	});
});

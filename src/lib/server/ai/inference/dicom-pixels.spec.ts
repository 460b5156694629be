import { describe, expect, it } from 'vitest';
import { tinyDicom } from '$fixtures/inference/tiny-dicom.fixture';
import { readImages, readStoredPixels } from './dicom-pixels';

const base = { rows: 2, columns: 2, values: [0, 1, 2, 3] };

describe('readStoredPixels', async () => {
	it('reads size, values and the Modality LUT (defaults slope 1, intercept 0)', async () => {
		const pixels = await readStoredPixels(tinyDicom(base));
		expect(pixels).toMatchObject({ rows: 2, columns: 2, rescaleSlope: 1, rescaleIntercept: 0 });
		expect(Array.from(pixels.values)).toEqual([0, 1, 2, 3]);
	});

	it('keeps only BitsStored bits of unsigned values (overlay bits above are dropped)', async () => {
		const pixels = await readStoredPixels(
			tinyDicom({ ...base, values: [0xf000 | 1024, 4095, 0x1000, 7], bitsStored: 12 })
		);
		expect(Array.from(pixels.values)).toEqual([1024, 4095, 0, 7]);
	});

	it('sign-extends signed values from BitsStored', async () => {
		// 12-bit two's complement 0x0FFF is −1 and 0x0800 is −2048.
		const pixels = await readStoredPixels(
			tinyDicom({
				...base,
				values: [0x0fff, 0x0800, 0x07ff, 0],
				bitsStored: 12,
				pixelRepresentation: 1
			})
		);
		expect(Array.from(pixels.values)).toEqual([-1, -2048, 2047, 0]);
	});

	it('reads 8-bit pixels', async () => {
		const pixels = await readStoredPixels(
			tinyDicom({ ...base, values: [0, 100, 200, 255], bitsAllocated: 8 })
		);
		expect(Array.from(pixels.values)).toEqual([0, 100, 200, 255]);
	});

	it('names the transfer syntax it cannot decode, and a compressed frame that is damaged', async () => {
		await expect(
			readStoredPixels(tinyDicom({ ...base, transferSyntaxUid: '1.2.840.10008.1.2.4.100' }))
		).rejects.toThrow(
			/transfer syntax 1\.2\.840\.10008\.1\.2\.4\.100 is not one the server can decode/
		);
		// Native pixel data under a compressed syntax's name: the codec finds no image in it.
		await expect(
			readStoredPixels(tinyDicom({ ...base, transferSyntaxUid: '1.2.840.10008.1.2.4.90' }))
		).rejects.toThrow(
			/JPEG 2000 Lossless \(1\.2\.840\.10008\.1\.2\.4\.90\), frame 1 of 1: size mismatch: OpenJPEG decoded 0 × 0, the header says 2 × 2/
		);
	});

	it('sees a colour image as its luminance (BT.601), slope 1 and intercept 0', async () => {
		const [pixels] = await readImages(
			tinyDicom({
				...base,
				// R, G, B per pixel: white, red, green, blue
				values: [255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255],
				bitsAllocated: 8,
				samplesPerPixel: 3,
				photometricInterpretation: 'RGB'
			})
		);
		expect(pixels).toMatchObject({ rows: 2, columns: 2, rescaleSlope: 1, rescaleIntercept: 0 });
		expect(Array.from(pixels!.values).map((value) => Math.round(value * 1000) / 1000)).toEqual([
			255, 76.245, 149.685, 29.07
		]);
	});

	it('refuses a truncated file and a file that is not DICOM, saying so', async () => {
		const bytes = tinyDicom({ rows: 64, columns: 64, values: Array(64 * 64).fill(1000) });
		await expect(readStoredPixels(bytes.subarray(0, bytes.length - 100))).rejects.toThrow(
			/truncated/
		);
		await expect(readStoredPixels(bytes.subarray(0, 100))).rejects.toThrow(
			/not a DICOM Part-10 file/
		);
		await expect(
			readStoredPixels(new TextEncoder().encode('case_id,truth\nC001,1\n'.repeat(20)))
		).rejects.toThrow(/not a DICOM Part-10 file \(no "DICM" at byte 128\)/);
	});
});

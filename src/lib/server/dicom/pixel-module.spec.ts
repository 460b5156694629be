import { describe, expect, it } from 'vitest';
import dcmjs, { type ElementMap } from 'dcmjs';
import { DicomFileProblem, readDicomFile } from './dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

/** A 4 × 4, 16-bit MONOCHROME2 file with its header (and pixel data) changed. */
function withHeader(change: (dict: ElementMap) => void): Uint8Array {
	const message = dcmjs.data.DicomMessage.readFile(new Uint8Array(identifiedDicom()).buffer);
	change(message.dict);
	const dicom = new dcmjs.data.DicomDict(message.meta);
	dicom.dict = message.dict;
	return new Uint8Array(dicom.write());
}

function problemOf(bytes: Uint8Array): string {
	try {
		readDicomFile(bytes);
	} catch (error) {
		if (error instanceof DicomFileProblem) return error.message;
		throw error;
	}
	return 'accepted';
}

const us = (value: number) => ({ vr: 'US', Value: [value] });

describe('the image pixel module is checked for consistency', () => {
	it.each([
		[
			'Rows 0',
			(d: ElementMap) => (d['00280010'] = us(0)),
			'Rows (0028,0010) is 0: an image has at least one row'
		],
		[
			'Columns 0',
			(d: ElementMap) => (d['00280011'] = us(0)),
			'Columns (0028,0011) is 0: an image has at least one column'
		],
		[
			'BitsAllocated 0',
			(d: ElementMap) => (d['00280100'] = us(0)),
			'BitsAllocated (0028,0100) is 0: it must be 1 or a multiple of 8'
		],
		[
			'BitsAllocated 7',
			(d: ElementMap) => (d['00280100'] = us(7)),
			'BitsAllocated (0028,0100) is 7: it must be 1 or a multiple of 8'
		],
		[
			'BitsStored > BitsAllocated',
			(d: ElementMap) => (d['00280101'] = us(17)),
			'BitsStored (0028,0101) is 17, more than BitsAllocated (16)'
		],
		[
			'BitsStored 0',
			(d: ElementMap) => (d['00280101'] = us(0)),
			'BitsStored (0028,0101) is 0: at least 1 bit is stored'
		],
		[
			'HighBit inconsistent',
			(d: ElementMap) => (d['00280102'] = us(15)),
			'HighBit (0028,0102) is 15: with BitsStored 12 it must be 11'
		],
		[
			'corrupted photometric interpretation',
			(d: ElementMap) => (d['00280004'] = { vr: 'CS', Value: ['MONOCHROMF2'] }),
			'PhotometricInterpretation (0028,0004) "MONOCHROMF2" is not a defined value'
		],
		[
			'RGB with one sample',
			(d: ElementMap) => (d['00280004'] = { vr: 'CS', Value: ['RGB'] }),
			'SamplesPerPixel (0028,0002) is 1, but PhotometricInterpretation RGB has 3 samples per pixel'
		],
		[
			'three samples of MONOCHROME2',
			(d: ElementMap) => (d['00280002'] = us(3)),
			'SamplesPerPixel (0028,0002) is 3, but PhotometricInterpretation MONOCHROME2 has 1 sample per pixel'
		],
		[
			'SamplesPerPixel 0',
			(d: ElementMap) => (d['00280002'] = us(0)),
			'SamplesPerPixel (0028,0002) is 0, but PhotometricInterpretation MONOCHROME2 has 1 sample per pixel'
		],
		[
			'PixelRepresentation 2',
			(d: ElementMap) => (d['00280103'] = us(2)),
			'PixelRepresentation (0028,0103) is 2: it must be 0 (unsigned) or 1 (signed)'
		],
		[
			'Rows missing',
			(d: ElementMap) => delete d['00280010'],
			'Rows (0028,0010) is missing: the pixel data cannot be read without it'
		],
		[
			'more pixel data than declared',
			(d: ElementMap) => (d['7FE00010'] = { vr: 'OW', Value: [new Uint16Array(4 * 4 + 8).buffer] }),
			'pixel data has 48 bytes, but its header declares 32 (4 × 4 pixels, 1 sample, 16 bits, 1 frame)'
		],
		[
			'less pixel data than declared',
			(d: ElementMap) => (d['7FE00010'] = { vr: 'OW', Value: [new Uint16Array(4 * 3).buffer] }),
			'truncated: pixel data has 24 of the 32 bytes its header declares'
		]
	])('refuses %s, saying which attribute is wrong', (_, change, reason) => {
		expect(problemOf(withHeader(change))).toBe(reason);
	});

	it('accepts consistent headers: 8-bit RGB, 1-bit, several frames, an odd length padded to even', () => {
		expect(
			problemOf(
				withHeader((d) => {
					d['00280004'] = { vr: 'CS', Value: ['RGB'] };
					d['00280002'] = us(3);
					d['00280006'] = us(0);
					d['00280100'] = us(8);
					d['00280101'] = us(8);
					d['00280102'] = us(7);
					d['7FE00010'] = { vr: 'OB', Value: [new Uint8Array(4 * 4 * 3).buffer] };
				})
			)
		).toBe('accepted');
		expect(
			problemOf(
				withHeader((d) => {
					d['00280010'] = us(3);
					d['00280011'] = us(3);
					d['00280100'] = us(1);
					d['00280101'] = us(1);
					d['00280102'] = us(0);
					d['7FE00010'] = { vr: 'OB', Value: [new Uint8Array(2).buffer] };
				})
			)
		).toBe('accepted');
		expect(
			problemOf(
				withHeader((d) => {
					d['00280008'] = { vr: 'IS', Value: ['2'] };
					d['7FE00010'] = { vr: 'OW', Value: [new Uint16Array(4 * 4 * 2).buffer] };
				})
			)
		).toBe('accepted');
		expect(
			problemOf(
				withHeader((d) => {
					d['00280010'] = us(3);
					d['00280011'] = us(3);
					d['00280100'] = us(8);
					d['00280101'] = us(8);
					d['00280102'] = us(7);
					d['7FE00010'] = { vr: 'OB', Value: [new Uint8Array(10).buffer] };
				})
			)
		).toBe('accepted');
	});
});

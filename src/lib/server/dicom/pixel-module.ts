// The image pixel module (PS3.3 §C.7.6.3) checked for consistency before an image is imported:
// a size of zero, bit depths that cannot be, a photometric interpretation that is not defined or
// does not fit the samples per pixel, or native pixel data longer or shorter than the header
// declares. Each problem is one sentence naming the attribute (SEC-4).
import type { ElementMap } from 'dcmjs';
import { TAG, number, text } from './dicom-file';
import {
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
	EXPLICIT_VR_BIG_ENDIAN,
	EXPLICIT_VR_LITTLE_ENDIAN,
	IMPLICIT_VR_LITTLE_ENDIAN
} from '../../domain/transfer-syntax-uid';

/** Samples per pixel of each defined photometric interpretation (PS3.3 §C.7.6.3.1.2). */
const SAMPLES: Readonly<Record<string, number>> = {
	MONOCHROME1: 1,
	MONOCHROME2: 1,
	'PALETTE COLOR': 1,
	RGB: 3,
	HSV: 3,
	YBR_FULL: 3,
	YBR_FULL_422: 3,
	YBR_PARTIAL_422: 3,
	YBR_PARTIAL_420: 3,
	YBR_ICT: 3,
	YBR_RCT: 3,
	XYB: 3,
	ARGB: 4,
	CMYK: 4
};

/** Transfer syntaxes whose pixel data is native (not encapsulated). */
const NATIVE = new Set([
	IMPLICIT_VR_LITTLE_ENDIAN,
	EXPLICIT_VR_LITTLE_ENDIAN,
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
	EXPLICIT_VR_BIG_ENDIAN
]);
/** Encapsulated syntaxes: JPEG family, JPEG 2000, HTJ2K, JPEG XL, MPEG, RLE, encapsulated uncompressed. */
const ENCAPSULATED = /^1\.2\.840\.10008\.1\.2\.(4\.\d{2,3}|5|1\.98)$/;

const BITS_STORED = '00280101';
const HIGH_BIT = '00280102';
const PIXEL_REPRESENTATION = '00280103';
const PLANAR_CONFIGURATION = '00280006';

export interface PixelDataInfo {
	/** Bytes of the pixel data element's value (native), or of all its fragments. */
	length: number;
	encapsulated: boolean;
}

const formatTag = (tag: string) => `(${tag.slice(0, 4)},${tag.slice(4)})`;

/** Why the file's pixel module is impossible, or null when it is consistent. */
export function pixelModuleProblem(
	dict: ElementMap,
	transferSyntax: string,
	pixels: PixelDataInfo
): string | null {
	const required = (tag: string, keyword: string): number | string => {
		const value = number(dict, tag);
		if (value === null)
			return `${keyword} ${formatTag(tag)} is missing: the pixel data cannot be read without it`;
		return value;
	};
	const rows = required(TAG.rows, 'Rows');
	if (typeof rows === 'string') return rows;
	if (rows < 1) return `Rows ${formatTag(TAG.rows)} is ${rows}: an image has at least one row`;
	const columns = required(TAG.columns, 'Columns');
	if (typeof columns === 'string') return columns;
	if (columns < 1)
		return `Columns ${formatTag(TAG.columns)} is ${columns}: an image has at least one column`;
	const bitsAllocated = required(TAG.bitsAllocated, 'BitsAllocated');
	if (typeof bitsAllocated === 'string') return bitsAllocated;
	if (!(
		bitsAllocated === 1 ||
		(bitsAllocated > 0 && bitsAllocated <= 64 && bitsAllocated % 8 === 0)
	))
		return `BitsAllocated ${formatTag(TAG.bitsAllocated)} is ${bitsAllocated}: it must be 1 or a multiple of 8`;
	const bitsStored = number(dict, BITS_STORED);
	if (bitsStored !== null && bitsStored < 1)
		return `BitsStored ${formatTag(BITS_STORED)} is ${bitsStored}: at least 1 bit is stored`;
	if (bitsStored !== null && bitsStored > bitsAllocated)
		return `BitsStored ${formatTag(BITS_STORED)} is ${bitsStored}, more than BitsAllocated (${bitsAllocated})`;
	const highBit = number(dict, HIGH_BIT);
	if (bitsStored !== null && highBit !== null && highBit !== bitsStored - 1)
		return `HighBit ${formatTag(HIGH_BIT)} is ${highBit}: with BitsStored ${bitsStored} it must be ${bitsStored - 1}`;
	if (highBit !== null && (highBit < 0 || highBit >= bitsAllocated))
		return `HighBit ${formatTag(HIGH_BIT)} is ${highBit}: it must lie within BitsAllocated (${bitsAllocated})`;
	const representation = number(dict, PIXEL_REPRESENTATION);
	if (representation !== null && representation !== 0 && representation !== 1)
		return `PixelRepresentation ${formatTag(PIXEL_REPRESENTATION)} is ${representation}: it must be 0 (unsigned) or 1 (signed)`;
	const photometric = text(dict, TAG.photometricInterpretation);
	if (photometric === null)
		return `PhotometricInterpretation ${formatTag(TAG.photometricInterpretation)} is missing: the pixels cannot be shown without it`;
	const expectedSamples = SAMPLES[photometric];
	if (expectedSamples === undefined)
		return `PhotometricInterpretation ${formatTag(TAG.photometricInterpretation)} ${JSON.stringify(photometric)} is not a defined value`;
	const samples = number(dict, TAG.samplesPerPixel);
	if (samples !== expectedSamples)
		return `SamplesPerPixel ${formatTag(TAG.samplesPerPixel)} is ${samples ?? 'missing'}, but PhotometricInterpretation ${photometric} has ${expectedSamples} sample${expectedSamples === 1 ? '' : 's'} per pixel`;
	const planar = number(dict, PLANAR_CONFIGURATION);
	if (samples > 1 && planar !== null && planar !== 0 && planar !== 1)
		return `PlanarConfiguration ${formatTag(PLANAR_CONFIGURATION)} is ${planar}: it must be 0 or 1`;
	const frames = number(dict, TAG.numberOfFrames) ?? 1;
	if (!Number.isInteger(frames) || frames < 1)
		return `NumberOfFrames ${formatTag(TAG.numberOfFrames)} is ${frames}: an image has at least one frame`;

	if (NATIVE.has(transferSyntax)) {
		if (pixels.encapsulated)
			return `pixel data is encapsulated (compressed fragments), but the transfer syntax ${transferSyntax} is uncompressed`;
		// YBR_FULL_422 keeps two values per pixel in native form (PS3.3 §C.7.6.3.1.2).
		const values = photometric === 'YBR_FULL_422' ? 2 : samples;
		const expected = Math.ceil((rows * columns * frames * values * bitsAllocated) / 8);
		if (pixels.length < expected)
			return `truncated: pixel data has ${pixels.length} of the ${expected} bytes its header declares`;
		if (pixels.length > expected + (expected % 2))
			return `pixel data has ${pixels.length} bytes, but its header declares ${expected} (${rows} × ${columns} pixels, ${samples} sample${samples === 1 ? '' : 's'}, ${bitsAllocated} bits, ${frames} frame${frames === 1 ? '' : 's'})`;
	} else if (ENCAPSULATED.test(transferSyntax)) {
		if (!pixels.encapsulated)
			return `pixel data is not encapsulated, but the transfer syntax ${transferSyntax} is a compressed one`;
	} else {
		return `transfer syntax ${JSON.stringify(transferSyntax)} is not one Tandem can read`;
	}
	return null;
}

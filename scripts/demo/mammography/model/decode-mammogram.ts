// Reads a demo mammogram's stored pixels with the very codecs its generator used (OpenJPEG and
// CharLS from Cornerstone, and the generator's RLE decoder), for the detector's calibration and
// evaluation scripts. The AI worker has its own decoder; this one serves only the demo's files.
import dicomParser from 'dicom-parser';
import type { StoredPixels } from '../../../../src/lib/server/ai/inference/dicom-pixels';
import {
	decodeFrame,
	decodeRle,
	JPEG_2000_LOSSLESS,
	JPEG_LS_LOSSLESS,
	RLE_LOSSLESS
} from '../encode-pixels';

/** The stored values of a single-frame JPEG 2000 / JPEG-LS / RLE Lossless demo mammogram. */
export async function decodeDemoMammogram(bytes: Uint8Array): Promise<StoredPixels> {
	const dataSet = dicomParser.parseDicom(bytes);
	const syntax = dataSet.string('x00020010');
	const rows = dataSet.uint16('x00280010') as number;
	const columns = dataSet.uint16('x00280011') as number;
	const element = dataSet.elements['x7fe00010'];
	const fragment = element?.fragments?.[0];
	if (!element?.encapsulatedPixelData || !fragment || element.fragments!.length !== 1)
		throw new Error('expected encapsulated pixel data in one fragment');
	const frame = bytes.subarray(fragment.position, fragment.position + fragment.length);
	let decoded: Uint16Array;
	if (syntax === RLE_LOSSLESS) {
		decoded = decodeRle(frame, { width: columns, height: rows, bitsPerSample: 12 });
	} else if (syntax === JPEG_2000_LOSSLESS || syntax === JPEG_LS_LOSSLESS) {
		decoded = await decodeFrame(syntax, frame);
	} else {
		throw new Error(`transfer syntax ${syntax} is not one the demo generator writes`);
	}
	if (decoded.length !== rows * columns)
		throw new Error(`decoded ${decoded.length} pixels, expected ${rows} × ${columns}`);
	return {
		rows,
		columns,
		values: Int32Array.from(decoded),
		rescaleSlope: Number(dataSet.string('x00281053') ?? 1),
		rescaleIntercept: Number(dataSet.string('x00281052') ?? 0)
	};
}

// What a measurement on an image depends on, read from the header of the stored DICOM file the
// reader is served (the pixels are not read): its size, its pixel spacing (PixelSpacing, else
// ImagerPixelSpacing) and whether its Modality LUT gives Hounsfield units. Kept per SHA-256, as
// files are content-addressed.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { isHounsfield, spacingFrom, type Spacing } from '../../domain/measurement-math';

export interface ImageCalibration {
	rows: number | null;
	columns: number | null;
	spacing: Spacing | null;
	/** CT, or a RescaleType of HU: the Modality LUT's output is in HU. */
	hounsfield: boolean;
}

const HEAD_BYTES = 256 * 1024;
const known = new Map<string, ImageCalibration>();

export function imageCalibration(path: string, sha256: string): ImageCalibration {
	let found = known.get(sha256);
	if (!found) {
		found = calibrationIn(readHeader(path));
		known.set(sha256, found);
	}
	return found;
}

function readHeader(path: string): DataSet | null {
	const file = openSync(path, 'r');
	try {
		const total = fstatSync(file).size;
		const bytes = new Uint8Array(Math.min(total, HEAD_BYTES));
		readSync(file, bytes, 0, bytes.length, 0);
		const header = parse(bytes);
		if (header?.elements['x00280010'] || bytes.length === total) return header;
		const whole = new Uint8Array(total);
		readSync(file, whole, 0, total, 0);
		return parse(whole);
	} finally {
		closeSync(file);
	}
}

function parse(bytes: Uint8Array): DataSet | null {
	try {
		return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
	} catch (thrown) {
		return (thrown as { dataSet?: DataSet } | null)?.dataSet ?? null;
	}
}

/** A multi-valued decimal string (e.g. `0.7\0.7`) as numbers. */
function decimals(header: DataSet | null, tag: string): number[] | null {
	const text = header?.string(tag);
	return text ? text.split('\\').map((part) => Number(part.trim())) : null;
}

export function calibrationIn(header: DataSet | null): ImageCalibration {
	return {
		rows: header?.uint16('x00280010') ?? null,
		columns: header?.uint16('x00280011') ?? null,
		spacing: spacingFrom({
			pixelSpacing: decimals(header, 'x00280030'),
			imagerPixelSpacing: decimals(header, 'x00181164')
		}),
		hounsfield: isHounsfield(header?.string('x00080060'), header?.string('x00281054'))
	};
}

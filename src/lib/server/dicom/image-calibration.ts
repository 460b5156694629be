// What a measurement on an image depends on, read from the header of the stored DICOM file the
// reader is served (the pixels are not read): its size, its pixel spacing (PixelSpacing, else
// ImagerPixelSpacing) and whether its Modality LUT gives Hounsfield units. Kept per SHA-256, as
// files are content-addressed.
import type { DataSet } from 'dicom-parser';
import { readHeader } from './image-size';
import { isHounsfield, spacingFrom, type Spacing } from '../../domain/measurement-math';

export interface ImageCalibration {
	rows: number | null;
	columns: number | null;
	spacing: Spacing | null;
	/** CT, or a RescaleType of HU: the Modality LUT's output is in HU. */
	hounsfield: boolean;
}

const known = new Map<string, ImageCalibration>();

export function imageCalibration(path: string, sha256: string): ImageCalibration {
	let found = known.get(sha256);
	if (!found) {
		found = calibrationIn(readHeader(path));
		known.set(sha256, found);
	}
	return found;
}

/** Keeps what a header (read from the image store) says of the image with this SHA-256. */
export function rememberCalibration(sha256: string, header: DataSet | null): void {
	known.set(sha256, calibrationIn(header));
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

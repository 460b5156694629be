// The header values a hanging protocol looks at (Modality, laterality, view, series, orientation,
// study and its date), read from a Part-10 file's bytes up to the pixel data. A value a file does
// not have, or a file that cannot be read, gives null: hanging then falls back to one stack.
import dicomParser from 'dicom-parser';
import { inflateHead } from './image-size';
import type { HangingImage } from '../../design/protocol/hanging-layout';

export type HangingTags = Omit<HangingImage, 'position'>;

export const NO_HANGING_TAGS: HangingTags = {
	modality: null,
	laterality: null,
	view: null,
	seriesDescription: null,
	seriesNumber: null,
	patientOrientation: null,
	study: null,
	studyDateTime: null
};

export function readHangingTags(bytes: Uint8Array): HangingTags {
	let data: dicomParser.DataSet;
	try {
		data = dicomParser.parseDicom(bytes, {
			untilTag: 'x7fe00010',
			inflater: inflateHead
		} as dicomParser.ParseDicomOptions);
	} catch {
		return NO_HANGING_TAGS;
	}
	const text = (tag: string, max = 64): string | null => {
		try {
			const value = data.string(tag)?.trim();
			return value ? value.slice(0, max) : null;
		} catch {
			return null;
		}
	};
	const seriesNumber = Number.parseInt(text('x00200011') ?? '', 10);
	const date = text('x00080020');
	const time = text('x00080030');
	return {
		modality: text('x00080060', 16)?.toUpperCase() ?? null,
		laterality: (text('x00200062', 16) ?? text('x00200060', 16))?.toUpperCase() ?? null,
		view: text('x00185101', 16)?.toUpperCase() ?? null,
		seriesDescription: text('x0008103e'),
		seriesNumber: Number.isFinite(seriesNumber) ? seriesNumber : null,
		// string() gives the first value only; the orientation keeps both (row\column).
		patientOrientation: rawText(data, 'x00200020'),
		study: text('x0020000d'),
		studyDateTime: date && /^\d{8}$/.test(date) ? `${date}${normalTime(time)}` : null
	};
}

function rawText(data: dicomParser.DataSet, tag: string): string | null {
	const element = data.elements[tag];
	if (!element || element.length === 0 || element.length > 64) return null;
	const value = dicomParser
		.readFixedString(data.byteArray, element.dataOffset, element.length)
		.trim();
	return value || null;
}

/** "HHMMSS.FFFFFF" padded so that times compare as text; midnight when absent. */
function normalTime(time: string | null): string {
	const match = /^(\d{2})(\d{2})?(\d{2})?(?:\.(\d{1,6}))?/.exec(time ?? '');
	if (!match) return '000000.000000';
	const [, hh, mm = '00', ss = '00', fraction = ''] = match;
	return `${hh}${mm}${ss}.${fraction.padEnd(6, '0')}`;
}

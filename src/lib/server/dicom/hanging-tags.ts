// The header values a hanging protocol looks at (Modality, laterality, view, series, orientation,
// study and its date), read from a Part-10 file's bytes up to the pixel data. A value a file does
// not have, or a file that cannot be read, gives null: hanging then falls back to one stack.
// The view is ViewPosition, else the View Code Sequence (a mammogram must have the sequence,
// PS3.3 §C.8.11.7; ViewPosition is optional); the laterality ImageLaterality, else the series'.
import dicomParser from 'dicom-parser';
import { inflateHead } from './image-size';
import { NO_HANGING_VALUES, type HangingImage } from '../../design/protocol/hanging-layout';

export type HangingTags = Omit<HangingImage, 'position'>;

export const NO_HANGING_TAGS: HangingTags = NO_HANGING_VALUES;

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
		view: text('x00185101', 16)?.toUpperCase() ?? codedView(data),
		seriesDescription: text('x0008103e'),
		seriesNumber: Number.isFinite(seriesNumber) ? seriesNumber : null,
		// string() gives the first value only; the orientation keeps both (row\column).
		patientOrientation: rawText(data, 'x00200020'),
		study: text('x0020000d'),
		studyDateTime: date && /^\d{8}$/.test(date) ? `${date}${normalTime(time)}` : null
	};
}

/** The views for mammography (CID 4014) by code value, SNOMED CT and the SNOMED RT it replaced. */
const MAMMOGRAPHY_VIEWS: Readonly<Record<string, string>> = {
	'399260004': 'ML',
	'R-10224': 'ML',
	'399368009': 'MLO',
	'R-10226': 'MLO',
	'399352003': 'LM',
	'R-10228': 'LM',
	'399099002': 'LMO',
	'R-10230': 'LMO',
	'399162004': 'CC',
	'R-10242': 'CC',
	'399196006': 'FB',
	'R-10244': 'FB',
	'399188001': 'SIO',
	'R-102D0': 'SIO',
	'441555000': 'ISO',
	'R-40AAA': 'ISO',
	'399192008': 'XCCL',
	'R-1024A': 'XCCL',
	'399101009': 'XCCM',
	'R-1024B': 'XCCM'
};

/** The view the first item of the View Code Sequence (0054,0220) codes, or null. */
function codedView(data: dicomParser.DataSet): string | null {
	try {
		const code = data.elements['x00540220']?.items?.[0]?.dataSet?.string('x00080100')?.trim();
		return (code && Object.hasOwn(MAMMOGRAPHY_VIEWS, code) && MAMMOGRAPHY_VIEWS[code]) || null;
	} catch {
		return null;
	}
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

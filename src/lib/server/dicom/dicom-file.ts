// Reading and writing DICOM Part-10 files for the case import. dcmjs reads and writes the data
// set; dicom-parser checks the framing first, because dcmjs reads a file cut short without a
// complaint (it zero-fills), and a truncated image must be refused with its reason (SEC-4).
import dcmjs, { type DicomElement, type ElementMap } from 'dcmjs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { littleEndianValues } from './big-endian';
import { inflateDeflated } from './deflated';
import { encapsulatedElementBytes, encapsulatedProblem } from './encapsulated-pixels';
import { parseFailureSentence } from './parse-failure';
import { pixelModuleProblem } from './pixel-module';
import { EXPLICIT_VR_BIG_ENDIAN } from '../../domain/transfer-syntax-uid';

const { DicomDict, DicomMessage, DicomMetaDictionary } = dcmjs.data;

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

export const TAG = {
	transferSyntaxUid: '00020010',
	mediaStorageSopClassUid: '00020002',
	sopClassUid: '00080016',
	sopInstanceUid: '00080018',
	studyDate: '00080020',
	seriesDate: '00080021',
	acquisitionDate: '00080022',
	contentDate: '00080023',
	accessionNumber: '00080050',
	modality: '00080060',
	manufacturer: '00080070',
	manufacturerModelName: '00081090',
	patientName: '00100010',
	patientId: '00100020',
	patientBirthDate: '00100030',
	patientSex: '00100040',
	patientAge: '00101010',
	burnedInAnnotation: '00280301',
	lossyImageCompression: '00282110',
	sliceThickness: '00180050',
	studyInstanceUid: '0020000D',
	seriesInstanceUid: '0020000E',
	seriesNumber: '00200011',
	instanceNumber: '00200013',
	imagePositionPatient: '00200032',
	imageOrientationPatient: '00200037',
	samplesPerPixel: '00280002',
	photometricInterpretation: '00280004',
	numberOfFrames: '00280008',
	rows: '00280010',
	columns: '00280011',
	pixelSpacing: '00280030',
	imagerPixelSpacing: '00181164',
	bitsAllocated: '00280100',
	pixelData: '7FE00010'
} as const;

/** Why a file could not be imported; the message is the reason shown beside the file's path. */
export class DicomFileProblem extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DicomFileProblem';
	}
}

export interface DicomFile {
	meta: ElementMap;
	dict: ElementMap;
	/** Compressed pixel data: its element's bytes as read, written back unchanged (encapsulated-pixels.ts). */
	encapsulatedPixels?: Uint8Array;
}

/** What a file that is not DICOM Part 10 looks like, from its first bytes. */
export function describeNonDicom(bytes: Uint8Array): string {
	if (bytes.length === 0) return 'empty file';
	const starts = (...signature: number[]) =>
		signature.every((byte, index) => bytes[index] === byte);
	if (starts(0xff, 0xd8, 0xff)) return 'a JPEG image, not a DICOM file';
	if (starts(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image, not a DICOM file';
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document, not a DICOM file';
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive, not a DICOM file (unpack it first)';
	const head = bytes.subarray(0, Math.min(bytes.length, 512));
	const printable = head.every(
		(byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte !== 0x7f)
	);
	if (printable) return 'a text file, not a DICOM file';
	return 'not a DICOM Part-10 file (no "DICM" at byte 128)';
}

/**
 * The file's data set, or a DicomFileProblem saying why not, in a sentence about the file: not
 * DICOM (and what it looks like), truncated or malformed, a DICOMDIR, no pixel data, or an image
 * pixel module that cannot be (see pixel-module.ts). A deflated file is inflated first and read
 * as Explicit VR Little Endian.
 */
export function readDicomFile(input: Uint8Array): DicomFile {
	if (input.length < 132 || String.fromCharCode(...input.subarray(128, 132)) !== 'DICM') {
		throw new DicomFileProblem(describeNonDicom(input));
	}
	const bytes = inflateDeflated(input);
	let framing: DataSet;
	try {
		framing = dicomParser.parseDicom(bytes);
	} catch (thrown) {
		throw new DicomFileProblem(parseFailureSentence(thrown));
	}
	const encapsulatedPixels = checkedEncapsulatedPixels(bytes, framing);
	let file: DicomFile;
	try {
		// A copy that owns its whole ArrayBuffer (a Node Buffer may be a view into a shared pool).
		const copy = new Uint8Array(bytes).buffer;
		const message = DicomMessage.readFile(copy);
		file = { meta: message.meta, dict: message.dict };
		if (text(file.meta, TAG.transferSyntaxUid) === EXPLICIT_VR_BIG_ENDIAN)
			file.dict = littleEndianValues(file.dict);
	} catch (thrown) {
		throw new DicomFileProblem(parseFailureSentence(thrown));
	}
	const sopClass =
		text(file.meta, TAG.mediaStorageSopClassUid) ?? text(file.dict, TAG.sopClassUid) ?? '';
	if (sopClass === MEDIA_STORAGE_DIRECTORY)
		throw new DicomFileProblem('a DICOMDIR (a directory index), not an image');
	const pixels = framing.elements['x7fe00010'];
	if (!pixels || !file.dict[TAG.pixelData]) {
		throw new DicomFileProblem(`no pixel data: not an image (SOP class ${sopClass || 'unknown'})`);
	}
	const syntax = text(file.meta, TAG.transferSyntaxUid) ?? '';
	const problem = pixelModuleProblem(file.dict, syntax, {
		length: pixels.length,
		encapsulated: Boolean(pixels.encapsulatedPixelData)
	});
	if (problem) throw new DicomFileProblem(problem);
	if (encapsulatedPixels) file.encapsulatedPixels = encapsulatedPixels;
	return file;
}

/**
 * Compressed pixel data checked frame by frame (before dcmjs reads it: dcmjs trips over a broken
 * offset table with a message about sequence items), and its element's bytes as read.
 */
function checkedEncapsulatedPixels(bytes: Uint8Array, framing: DataSet): Uint8Array | null {
	const pixels = framing.elements['x7fe00010'];
	if (!pixels?.encapsulatedPixelData) return null;
	const element = encapsulatedElementBytes(bytes, pixels);
	if (typeof element === 'string') throw new DicomFileProblem(element);
	const frames = Number(framing.string('x00280008') ?? '1');
	const problem = encapsulatedProblem(bytes, pixels, framing.string('x00020010') ?? '', {
		frames: Number.isInteger(frames) && frames > 0 ? frames : 1,
		samples: framing.uint16('x00280002') ?? 1,
		bitsAllocated: framing.uint16('x00280100') ?? 8
	});
	if (problem) throw new DicomFileProblem(problem);
	return element;
}

/**
 * Part-10 bytes of a data set with its meta header (dcmjs writes SpecificCharacterSet ISO_IR 192).
 * Compressed pixel data read with the file is appended as it was read (the last element: nothing
 * may follow it).
 */
export function writeDicomFile(file: DicomFile): Uint8Array {
	const dicom = new DicomDict(file.meta);
	if (!file.encapsulatedPixels) {
		dicom.dict = file.dict;
		return new Uint8Array(dicom.write());
	}
	const { [TAG.pixelData]: _pixels, ...header } = file.dict;
	const after = Object.keys(header).filter((tag) => tag.toUpperCase() > TAG.pixelData);
	if (after.length > 0)
		throw new DicomFileProblem(
			`element (${after[0]!.slice(0, 4)},${after[0]!.slice(4)}) follows the pixel data`
		);
	dicom.dict = header;
	const written = new Uint8Array(dicom.write());
	const out = new Uint8Array(written.length + file.encapsulatedPixels.length);
	out.set(written);
	out.set(file.encapsulatedPixels, written.length);
	return out;
}

/** The first value of an element as text (a person name as its alphabetic form), or null. */
export function text(map: ElementMap, tag: string): string | null {
	const value = map[tag]?.Value?.[0];
	if (value === undefined || value === null) return null;
	if (typeof value === 'object' && 'Alphabetic' in (value as object))
		return String((value as { Alphabetic?: string }).Alphabetic ?? '');
	const result = String(value).trim();
	return result === '' ? null : result;
}

export function number(map: ElementMap, tag: string): number | null {
	const value = text(map, tag);
	if (value === null) return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}

/** Every value of an element as text. */
export function texts(element: DicomElement | undefined): string[] {
	return (element?.Value ?? []).flatMap((value) => {
		if (value === null || value === undefined) return [];
		if (typeof value === 'object' && 'Alphabetic' in (value as object)) {
			const name = value as { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
			return [name.Alphabetic, name.Ideographic, name.Phonetic].filter(
				(part): part is string => typeof part === 'string' && part !== ''
			);
		}
		if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return [];
		if (typeof value === 'object') return [];
		return [String(value)];
	});
}

/** "(gggg,eeee)" → its keyword in the data dictionary ("PatientName"), without dcmjs's RETIRED_ prefix. */
export function keywordOf(tag: string): string {
	const entry =
		DicomMetaDictionary.dictionary[`(${tag.slice(0, 4)},${tag.slice(4)})`.toUpperCase()];
	return entry ? entry.name.replace(/^RETIRED_/, '') : '';
}

/** "00100010" → "(0010,0010)". */
export function formatTag(tag: string): string {
	return `(${tag.slice(0, 4)},${tag.slice(4)})`.toUpperCase();
}

// Part-10 bytes → the image header and each frame's bytes (native values or one compressed
// frame), with dicom-parser. Deflated files are inflated first (bounded, ../deflated.ts); big
// endian native pixels are byte-swapped here, so every codec and conversion sees little endian.
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { inflateDeflated } from '../deflated';
import { parseFailureSentence } from '../parse-failure';
import { syntaxInfo, type SyntaxInfo } from './transfer-syntax';
import { DicomDecodeError, type Palette } from './types';

/** At most this many samples per frame (8192 × 8192 grey, or 3328 × 4096 colour, fit). */
export const MAX_FRAME_SAMPLES = 2 ** 26;
export const MAX_FRAMES = 10_000;

export interface ParsedImage {
	transferSyntaxUid: string;
	syntax: SyntaxInfo;
	rows: number;
	columns: number;
	samplesPerPixel: number;
	bitsAllocated: number;
	bitsStored: number;
	signed: boolean;
	photometric: string;
	planarConfiguration: 0 | 1;
	frameCount: number;
	rescaleSlope: number;
	rescaleIntercept: number;
	palette?: Palette;
	/** The bytes of frame `index` (0-based): native little-endian values or one encoded frame. */
	frameBytes(index: number): Uint8Array;
}

function parseDataSet(input: Uint8Array): { dataSet: DataSet; syntax: SyntaxInfo; uid: string } {
	if (input.length < 132 || String.fromCharCode(...input.subarray(128, 132)) !== 'DICM')
		throw new DicomDecodeError('not a DICOM Part-10 file (no "DICM" at byte 128)');
	let uid: string | undefined;
	try {
		uid = dicomParser.readPart10Header(input).string('x00020010')?.trim();
	} catch (thrown) {
		throw new DicomDecodeError(parseFailureSentence(thrown));
	}
	if (!uid) throw new DicomDecodeError('the file meta header has no TransferSyntaxUID (0002,0010)');
	const syntax = syntaxInfo(uid);
	if (typeof syntax === 'string') throw new DicomDecodeError(syntax);
	let bytes: Uint8Array;
	try {
		bytes = syntax.deflated ? inflateDeflated(input) : input;
	} catch (error) {
		throw new DicomDecodeError(`deflated: ${(error as Error).message}`);
	}
	try {
		return { dataSet: dicomParser.parseDicom(bytes), syntax, uid };
	} catch (thrown) {
		throw new DicomDecodeError(parseFailureSentence(thrown));
	}
}

function required(dataSet: DataSet, tag: string, name: string): number {
	const value = dataSet.elements[tag] ? dataSet.uint16(tag) : undefined;
	if (value === undefined)
		throw new DicomDecodeError(`${name} (${tag.slice(1, 5)},${tag.slice(5)}) is missing`);
	return value;
}

function decimal(dataSet: DataSet, tag: string, name: string, fallback: number): number {
	if (!dataSet.elements[tag] || dataSet.elements[tag].length === 0) return fallback;
	const value = dataSet.floatString(tag);
	if (value === undefined || !Number.isFinite(value))
		throw new DicomDecodeError(`${name} "${dataSet.string(tag) ?? ''}" is not a number`);
	return value;
}

function readPalette(dataSet: DataSet): Palette {
	const channel = (descriptorTag: string, dataTag: string, name: string) => {
		const descriptor = dataSet.elements[descriptorTag];
		const data = dataSet.elements[dataTag];
		if (!descriptor || !data)
			throw new DicomDecodeError(`PALETTE COLOR image without its ${name} palette lookup table`);
		const entries = dataSet.uint16(descriptorTag, 0) || 65536;
		const firstMapped = dataSet.uint16(descriptorTag, 1) ?? 0;
		const bits = dataSet.uint16(descriptorTag, 2) === 8 ? 8 : 16;
		const table = new Uint16Array(entries);
		const stored = bits === 16 ? data.length / 2 : data.length;
		if (stored < entries)
			throw new DicomDecodeError(
				`the ${name} palette holds ${stored} of its ${entries} entries (the file is damaged)`
			);
		for (let index = 0; index < entries; index++)
			table[index] =
				bits === 16
					? (dataSet.uint16(dataTag, index) ?? 0)
					: (dataSet.byteArray[data.dataOffset + index] ?? 0);
		return { firstMapped, bits, table } as const;
	};
	const red = channel('x00281101', 'x00281201', 'red');
	const green = channel('x00281102', 'x00281202', 'green');
	const blue = channel('x00281103', 'x00281203', 'blue');
	return {
		firstMapped: red.firstMapped,
		bits: red.bits,
		red: red.table,
		green: green.table,
		blue: blue.table
	};
}

function nativeFrames(
	dataSet: DataSet,
	pixelData: Element,
	image: Omit<ParsedImage, 'frameBytes'>
): (index: number) => Uint8Array {
	const values = image.photometric === 'YBR_FULL_422' ? 2 : image.samplesPerPixel;
	const frameLength = (image.rows * image.columns * values * image.bitsAllocated) / 8;
	const needed = frameLength * image.frameCount;
	if (pixelData.encapsulatedPixelData)
		throw new DicomDecodeError(
			`pixel data is encapsulated, but transfer syntax ${image.transferSyntaxUid} is uncompressed`
		);
	if (pixelData.length < needed || pixelData.dataOffset + needed > dataSet.byteArray.length)
		throw new DicomDecodeError(
			`size mismatch: PixelData holds ${Math.min(pixelData.length, dataSet.byteArray.length - pixelData.dataOffset)} bytes, ` +
				`but ${image.frameCount} frame(s) of ${image.columns} × ${image.rows} × ${values} × ${image.bitsAllocated} bits need ${needed}: the file is truncated`
		);
	// 16-bit words (and 8-bit values kept in OW) are byte-swapped in big endian.
	const swap = image.syntax.bigEndian && (image.bitsAllocated === 16 || pixelData.vr === 'OW');
	return (index) => {
		const start = dataSet.byteArray.byteOffset + pixelData.dataOffset + index * frameLength;
		const frame = new Uint8Array(dataSet.byteArray.buffer, start, frameLength);
		if (!swap) return frame;
		const copy = frame.slice();
		for (let at = 0; at + 1 < copy.length; at += 2) {
			const high = copy[at] as number;
			copy[at] = copy[at + 1] as number;
			copy[at + 1] = high;
		}
		return copy;
	};
}

function encapsulatedFrames(
	dataSet: DataSet,
	pixelData: Element,
	image: Omit<ParsedImage, 'frameBytes'>
): (index: number) => Uint8Array {
	if (!pixelData.encapsulatedPixelData)
		throw new DicomDecodeError(
			`pixel data is not encapsulated, but transfer syntax ${image.syntax.name} (${image.transferSyntaxUid}) is a compressed one`
		);
	const fragments = pixelData.fragments ?? [];
	if (fragments.length === 0)
		throw new DicomDecodeError('encapsulated pixel data has no fragments');
	const table = pixelData.basicOffsetTable ?? [];
	const frames = image.frameCount;
	if (table.length > 0 && table.length !== frames)
		throw new DicomDecodeError(
			`the Basic Offset Table lists ${table.length} frames, but NumberOfFrames is ${frames}`
		);
	if (
		table.length === 0 &&
		frames > 1 &&
		fragments.length !== frames &&
		!image.syntax.name.startsWith('JPEG ')
	)
		throw new DicomDecodeError(
			`${frames} frames in ${fragments.length} fragments without a Basic Offset Table: the frames cannot be told apart`
		);
	return (index) => {
		try {
			if (frames === 1)
				return dicomParser.readEncapsulatedPixelDataFromFragments(
					dataSet,
					pixelData,
					0,
					fragments.length
				);
			if (table.length > 0)
				return dicomParser.readEncapsulatedImageFrame(dataSet, pixelData, index);
			if (fragments.length === frames)
				return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixelData, index, 1);
			const jpegTable = dicomParser.createJPEGBasicOffsetTable(dataSet, pixelData);
			return dicomParser.readEncapsulatedImageFrame(dataSet, pixelData, index, jpegTable);
		} catch (thrown) {
			throw new DicomDecodeError(
				`frame ${index + 1}: its fragments cannot be read (${parseFailureSentence(thrown)})`,
				{ cause: thrown }
			);
		}
	};
}

/** The header and frame access of one Part-10 file; a DicomDecodeError says what is wrong. */
export function parseImage(input: Uint8Array): ParsedImage {
	// A plain Uint8Array view: a Node Buffer's slice() would not copy.
	const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
	const { dataSet, syntax, uid } = parseDataSet(bytes);
	const pixelData = dataSet.elements.x7fe00010;
	if (!pixelData) throw new DicomDecodeError('the file has no PixelData (7FE0,0010)');
	const rows = required(dataSet, 'x00280010', 'Rows');
	const columns = required(dataSet, 'x00280011', 'Columns');
	const samplesPerPixel = dataSet.elements.x00280002 ? (dataSet.uint16('x00280002') ?? 1) : 1;
	const bitsAllocated = required(dataSet, 'x00280100', 'BitsAllocated');
	const bitsStored = dataSet.elements.x00280101
		? (dataSet.uint16('x00280101') ?? bitsAllocated)
		: bitsAllocated;
	const representation = dataSet.elements.x00280103 ? dataSet.uint16('x00280103') : 0;
	const photometric =
		dataSet.string('x00280004')?.trim() ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
	const frameCount = dataSet.intString('x00280008') ?? 1;
	if (rows === 0 || columns === 0)
		throw new DicomDecodeError(`image size ${columns} × ${rows} is empty`);
	if (samplesPerPixel !== 1 && samplesPerPixel !== 3)
		throw new DicomDecodeError(
			`SamplesPerPixel ${samplesPerPixel} is not decoded here (only 1 or 3)`
		);
	if (bitsAllocated !== 8 && bitsAllocated !== 16)
		throw new DicomDecodeError(`BitsAllocated ${bitsAllocated} is not decoded here (only 8 or 16)`);
	if (bitsStored < 1 || bitsStored > bitsAllocated)
		throw new DicomDecodeError(
			`BitsStored ${bitsStored} does not fit BitsAllocated ${bitsAllocated}`
		);
	if (representation !== 0 && representation !== 1)
		throw new DicomDecodeError(`PixelRepresentation ${representation} must be 0 or 1`);
	if (!Number.isInteger(frameCount) || frameCount < 1 || frameCount > MAX_FRAMES)
		throw new DicomDecodeError(`NumberOfFrames ${frameCount} is not between 1 and ${MAX_FRAMES}`);
	if (rows * columns * samplesPerPixel > MAX_FRAME_SAMPLES)
		throw new DicomDecodeError(
			`a frame of ${columns} × ${rows} × ${samplesPerPixel} samples is larger than the ${MAX_FRAME_SAMPLES} decoded here`
		);
	const rescaleSlope = decimal(dataSet, 'x00281053', 'RescaleSlope', 1);
	if (rescaleSlope === 0) throw new DicomDecodeError('RescaleSlope is 0');
	const image: Omit<ParsedImage, 'frameBytes'> = {
		transferSyntaxUid: uid,
		syntax,
		rows,
		columns,
		samplesPerPixel,
		bitsAllocated,
		bitsStored,
		signed: representation === 1,
		photometric,
		planarConfiguration: dataSet.uint16('x00280006') === 1 ? 1 : 0,
		frameCount,
		rescaleSlope,
		rescaleIntercept: decimal(dataSet, 'x00281052', 'RescaleIntercept', 0),
		...(photometric === 'PALETTE COLOR' ? { palette: readPalette(dataSet) } : {})
	};
	const frameBytes =
		syntax.codec === 'native'
			? nativeFrames(dataSet, pixelData, image)
			: encapsulatedFrames(dataSet, pixelData, image);
	return { ...image, frameBytes };
}

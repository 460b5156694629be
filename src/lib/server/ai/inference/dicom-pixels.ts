// Reads the stored pixel values of one single-frame, uncompressed, little-endian DICOM image with
// dicom-parser, and the Modality LUT (RescaleSlope/Intercept) that turns them into HU. Anything
// else (compressed or big-endian transfer syntax, colour, multi-frame, truncated pixel data) is
// refused with a message that says what was found, so the case fails alone with a clear reason.
import dicomParser, { type DataSet } from 'dicom-parser';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const SUPPORTED_TRANSFER_SYNTAXES = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]);

export interface StoredPixels {
	rows: number;
	columns: number;
	/** Stored values, row-major, already masked/sign-extended to BitsStored. */
	values: Int32Array;
	/** HU = value × rescaleSlope + rescaleIntercept (PS3.3 C.11.1.1.2, Modality LUT). */
	rescaleSlope: number;
	rescaleIntercept: number;
}

/** dicom-parser throws strings, `{ exception, dataSet }` objects or Errors: a readable message. */
function parserMessage(thrown: unknown): string {
	if (thrown instanceof Error) return thrown.message;
	if (typeof thrown === 'string') return thrown;
	if (thrown && typeof thrown === 'object' && 'exception' in thrown)
		return String(thrown.exception);
	return String(thrown);
}

function parse(bytes: Uint8Array): DataSet {
	let transferSyntax: string | undefined;
	try {
		// The meta header first: an unsupported transfer syntax is refused before the data set is
		// parsed (dicom-parser would otherwise inflate a deflated file or read big-endian).
		transferSyntax = dicomParser.readPart10Header(bytes).string('x00020010');
	} catch (thrown) {
		throw new Error(`not a readable DICOM Part-10 file (${parserMessage(thrown)})`);
	}
	if (transferSyntax === undefined)
		throw new Error('the file meta header has no TransferSyntaxUID (0002,0010)');
	if (!SUPPORTED_TRANSFER_SYNTAXES.has(transferSyntax)) {
		throw new Error(
			`transfer syntax ${transferSyntax} is not supported: only uncompressed little-endian ` +
				`(${EXPLICIT_VR_LITTLE_ENDIAN} or ${IMPLICIT_VR_LITTLE_ENDIAN}) images can be processed`
		);
	}
	try {
		return dicomParser.parseDicom(bytes);
	} catch (thrown) {
		throw new Error(
			`the DICOM data set cannot be read, the file may be truncated (${parserMessage(thrown)})`
		);
	}
}

function requiredUint16(dataSet: DataSet, tag: string, name: string): number {
	const value = dataSet.elements[tag] ? dataSet.uint16(tag) : undefined;
	if (value === undefined)
		throw new Error(`${name} (${tag.slice(1, 5)},${tag.slice(5)}) is missing`);
	return value;
}

function decimal(dataSet: DataSet, tag: string, name: string, fallback: number): number {
	if (!dataSet.elements[tag] || dataSet.elements[tag].length === 0) return fallback;
	const value = dataSet.floatString(tag);
	if (value === undefined || !Number.isFinite(value)) {
		throw new Error(`${name} "${dataSet.string(tag) ?? ''}" is not a number`);
	}
	return value;
}

/** The image pixel module's attributes, checked against what this reader can decode. */
function pixelFormat(dataSet: DataSet) {
	const samplesPerPixel = dataSet.elements.x00280002 ? dataSet.uint16('x00280002') : 1;
	const photometric = dataSet.string('x00280004')?.trim();
	if (
		samplesPerPixel !== 1 ||
		(photometric !== undefined && !photometric.startsWith('MONOCHROME'))
	) {
		throw new Error(
			`wrong pixel format: SamplesPerPixel ${samplesPerPixel}, PhotometricInterpretation ` +
				`${photometric ?? '(none)'}; only greyscale (MONOCHROME1/2) images can be processed`
		);
	}
	const frames = dataSet.intString('x00280008') ?? 1;
	if (frames !== 1)
		throw new Error(`NumberOfFrames is ${frames}: only single-frame images can be processed`);
	const rows = requiredUint16(dataSet, 'x00280010', 'Rows');
	const columns = requiredUint16(dataSet, 'x00280011', 'Columns');
	const bitsAllocated = requiredUint16(dataSet, 'x00280100', 'BitsAllocated');
	const bitsStored = dataSet.elements.x00280101
		? (dataSet.uint16('x00280101') ?? bitsAllocated)
		: bitsAllocated;
	const pixelRepresentation = requiredUint16(dataSet, 'x00280103', 'PixelRepresentation');
	if (rows === 0 || columns === 0) throw new Error(`image size ${columns} × ${rows} is empty`);
	if (bitsAllocated !== 8 && bitsAllocated !== 16) {
		throw new Error(
			`wrong pixel format: BitsAllocated ${bitsAllocated}; only 8 or 16 can be processed`
		);
	}
	if (bitsStored < 1 || bitsStored > bitsAllocated) {
		throw new Error(
			`wrong pixel format: BitsStored ${bitsStored} with BitsAllocated ${bitsAllocated}`
		);
	}
	if (pixelRepresentation !== 0 && pixelRepresentation !== 1) {
		throw new Error(
			`wrong pixel format: PixelRepresentation ${pixelRepresentation} (must be 0 or 1)`
		);
	}
	return { rows, columns, bitsAllocated, bitsStored, signed: pixelRepresentation === 1 };
}

/** Decodes one Part-10 file's pixels; throws an Error saying what is wrong with it. */
export function readStoredPixels(bytes: Uint8Array): StoredPixels {
	const dataSet = parse(bytes);
	const { rows, columns, bitsAllocated, bitsStored, signed } = pixelFormat(dataSet);
	const pixelData = dataSet.elements.x7fe00010;
	if (!pixelData) throw new Error('the file has no PixelData (7FE0,0010)');
	const count = rows * columns;
	const bytesPerPixel = bitsAllocated / 8;
	if (pixelData.hadUndefinedLength || pixelData.length < count * bytesPerPixel) {
		throw new Error(
			`PixelData holds ${pixelData.length} bytes but ${columns} × ${rows} × ${bitsAllocated} bits ` +
				`need ${count * bytesPerPixel}: the file is truncated or the pixels are encapsulated`
		);
	}
	if (pixelData.dataOffset + count * bytesPerPixel > bytes.length) {
		throw new Error('PixelData runs past the end of the file: the file is truncated');
	}
	const view = new DataView(
		bytes.buffer,
		bytes.byteOffset + pixelData.dataOffset,
		count * bytesPerPixel
	);
	const values = new Int32Array(count);
	// Keep the low BitsStored bits (the rest may hold overlays); signed values are sign-extended
	// from bit BitsStored − 1 by a shift up to bit 31 and an arithmetic shift back.
	const mask = bitsStored === 32 ? -1 : (1 << bitsStored) - 1;
	const shift = 32 - bitsStored;
	for (let index = 0; index < count; index += 1) {
		const raw = bytesPerPixel === 2 ? view.getUint16(index * 2, true) : view.getUint8(index);
		values[index] = signed ? (raw << shift) >> shift : raw & mask;
	}
	const rescaleSlope = decimal(dataSet, 'x00281053', 'RescaleSlope', 1);
	if (rescaleSlope === 0) throw new Error('RescaleSlope is 0');
	const rescaleIntercept = decimal(dataSet, 'x00281052', 'RescaleIntercept', 0);
	return { rows, columns, values, rescaleSlope, rescaleIntercept };
}

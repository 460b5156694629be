// The file meta header of a DICOM Part-10 file (PS3.10 §7.1: group 0002 after the 128-byte preamble
// and "DICM", always Explicit VR Little Endian), and what a Deflated Explicit VR Little Endian file
// (1.2.840.10008.1.2.1.99, PS3.5 §A.5) becomes once its data set is inflated: the same file meta,
// its transfer syntax Explicit VR Little Endian and its group length recounted. Pure: the server
// (node:zlib, dicom/deflated.ts) and the viewer (the browser's DecompressionStream,
// viewer/deflated-part10.ts) each inflate their own way and rebuild the file here.
import {
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
	EXPLICIT_VR_LITTLE_ENDIAN
} from './transfer-syntax-uid';

const LONG_VRS = new Set([
	'OB',
	'OD',
	'OF',
	'OL',
	'OV',
	'OW',
	'SQ',
	'UC',
	'UN',
	'UR',
	'UT',
	'SV',
	'UV'
]);
const TRANSFER_SYNTAX = 0x0010;
const GROUP_LENGTH = 0x0000;

export interface MetaElement {
	/** The element number within group 0002. */
	element: number;
	start: number;
	valueStart: number;
	end: number;
}

/** The file meta header runs past the end of the file. */
export class MetaHeaderProblem extends Error {}

/** The file meta elements; null when the file has no "DICM" prefix. */
export function metaElements(bytes: Uint8Array): MetaElement[] | null {
	if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM')
		return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const elements: MetaElement[] = [];
	let offset = 132;
	while (offset + 8 <= bytes.length && view.getUint16(offset, true) === 0x0002) {
		const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
		const long = LONG_VRS.has(vr);
		if (long && offset + 12 > bytes.length) break;
		const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
		const valueStart = offset + (long ? 12 : 8);
		const end = valueStart + length;
		if (end > bytes.length)
			throw new MetaHeaderProblem('truncated: the file meta header runs past the end of the file');
		elements.push({ element: view.getUint16(offset + 2, true), start: offset, valueStart, end });
		offset = end;
	}
	return elements;
}

/** The file meta elements when the file is deflated (its data set starts after the last); else null. */
export function deflatedMeta(bytes: Uint8Array): MetaElement[] | null {
	const meta = metaElements(bytes);
	const syntax = meta?.find((element) => element.element === TRANSFER_SYNTAX);
	if (!meta || !syntax) return null;
	const uid = String.fromCharCode(...bytes.subarray(syntax.valueStart, syntax.end));
	return uid.replace(/[\0 ]+$/, '') === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN ? meta : null;
}

/** The deflated file rebuilt as Explicit VR Little Endian around its inflated data set (new bytes). */
export function withInflatedDataSet(
	bytes: Uint8Array,
	meta: readonly MetaElement[],
	dataset: Uint8Array
): Uint8Array {
	const newSyntax = new TextEncoder().encode(`${EXPLICIT_VR_LITTLE_ENDIAN}\0`);
	const parts: Uint8Array[] = meta.map((element) => {
		if (element.element !== TRANSFER_SYNTAX) return bytes.subarray(element.start, element.end);
		const part = new Uint8Array(8 + newSyntax.length);
		part.set(bytes.subarray(element.start, element.start + 6));
		new DataView(part.buffer).setUint16(6, newSyntax.length, true);
		part.set(newSyntax, 8);
		return part;
	});
	// The group length (0002,0000) counts the meta elements after it.
	if (meta[0]?.element === GROUP_LENGTH) {
		const length = parts.slice(1).reduce((sum, part) => sum + part.length, 0);
		const groupLength = new Uint8Array(parts[0]!);
		new DataView(groupLength.buffer).setUint32(8, length, true);
		parts[0] = groupLength;
	}
	const out = new Uint8Array(
		132 + parts.reduce((sum, part) => sum + part.length, 0) + dataset.length
	);
	out.set(bytes.subarray(0, 132));
	let offset = 132;
	for (const part of [...parts, dataset]) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

// Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, PS3.5 §A.5): the data set after the
// file meta header is raw-deflated. dcmjs cannot read such files, so the data set is inflated here
// (bounded, against a deflate bomb) and the file rewritten as Explicit VR Little Endian — the
// same attributes and pixels, stored uncompressed.
import { inflateRawSync } from 'node:zlib';
import {
	DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
	DicomFileProblem,
	EXPLICIT_VR_LITTLE_ENDIAN
} from './dicom-file';

/** A deflated data set may inflate to at most this many bytes. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
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

interface MetaElement {
	tag: number;
	start: number;
	end: number;
	valueStart: number;
}

/** The file meta elements (group 0002, always Explicit VR Little Endian) from byte 132. */
function metaElements(bytes: Uint8Array): MetaElement[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const elements: MetaElement[] = [];
	let offset = 132;
	while (offset + 8 <= bytes.length && view.getUint16(offset, true) === 0x0002) {
		const tag = (0x0002 << 16) | view.getUint16(offset + 2, true);
		const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
		const long = LONG_VRS.has(vr);
		if (long && offset + 12 > bytes.length) break;
		const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
		const valueStart = offset + (long ? 12 : 8);
		const end = valueStart + length;
		if (end > bytes.length)
			throw new DicomFileProblem('truncated: the file meta header runs past the end of the file');
		elements.push({ tag, start: offset, end, valueStart });
		offset = end;
	}
	return elements;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes).replace(/[\0 ]+$/, '');

/** The file as Explicit VR Little Endian when it is deflated; otherwise the same bytes. */
export function inflateDeflated(bytes: Uint8Array): Uint8Array {
	const meta = metaElements(bytes);
	const syntax = meta.find((element) => element.tag === 0x00020010);
	if (
		!syntax ||
		ascii(bytes.subarray(syntax.valueStart, syntax.end)) !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
	)
		return bytes;
	const metaEnd = meta.at(-1)!.end;
	let dataset: Uint8Array;
	try {
		dataset = inflateRawSync(bytes.subarray(metaEnd), { maxOutputLength: MAX_INFLATED_BYTES });
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new DicomFileProblem(
			code === 'ERR_BUFFER_TOO_LARGE'
				? `its deflated data set inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB`
				: 'its deflated data set is damaged and cannot be inflated'
		);
	}
	const newSyntax = new TextEncoder().encode(`${EXPLICIT_VR_LITTLE_ENDIAN}\0`);
	const parts: Uint8Array[] = [];
	for (const element of meta) {
		if (element.tag === 0x00020010) {
			// A copy (a Node Buffer's slice would be a view into the caller's bytes).
			const header = Uint8Array.prototype.slice.call(bytes, element.start, element.valueStart);
			new DataView(header.buffer).setUint16(6, newSyntax.length, true);
			parts.push(header, newSyntax);
		} else parts.push(bytes.subarray(element.start, element.end));
	}
	// The group length (0002,0000) counts the meta elements after it.
	const groupLength = meta[0]?.tag === 0x00020000 ? parts[0]! : null;
	const metaLength = parts.slice(groupLength ? 1 : 0).reduce((sum, part) => sum + part.length, 0);
	if (groupLength) {
		const copy = Uint8Array.prototype.slice.call(groupLength);
		new DataView(copy.buffer).setUint32(8, metaLength, true);
		parts[0] = copy;
	}
	const out = new Uint8Array(132 + (groupLength?.length ?? 0) + metaLength + dataset.length);
	out.set(bytes.subarray(0, 132), 0);
	let offset = 132;
	for (const part of [...parts, dataset]) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

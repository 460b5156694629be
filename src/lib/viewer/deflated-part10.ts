// Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, PS3.5 §A.5) for the viewer. The
// dicom-image-loader's default wadouri path parses Part 10 with @cornerstonejs/metadata, which does
// not inflate: it reads the deflated bytes as elements ("Invalid vr type …"), finds no pixel data
// and the image is never drawn. The file is served exactly as stored (READ-5); the loader's
// documented `beforeProcessing` hook hands it here, where the data set is inflated in memory and
// the file meta's transfer syntax set to Explicit VR Little Endian — the same attributes and
// pixels, nothing stored is altered. Any other file passes through untouched.
const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1';
/** A served data set may inflate to at most this many bytes (a deflate bomb stops here). */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
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
	valueStart: number;
	end: number;
}

/** The file meta elements (group 0002, Explicit VR Little Endian) after the preamble and DICM. */
function metaElements(bytes: Uint8Array): MetaElement[] | null {
	if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM')
		return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const elements: MetaElement[] = [];
	let offset = 132;
	while (offset + 8 <= bytes.length && view.getUint16(offset, true) === 0x0002) {
		const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
		const long = LONG_VRS.has(vr);
		if (long && offset + 12 > bytes.length) return null;
		const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
		const valueStart = offset + (long ? 12 : 8);
		const end = valueStart + length;
		if (end > bytes.length) return null;
		elements.push({ tag: view.getUint16(offset + 2, true), start: offset, valueStart, end });
		offset = end;
	}
	return elements;
}

/** Raw inflate in the browser (and Node ≥ 20), bounded. */
export async function inflateRaw(
	deflated: Uint8Array,
	limit = MAX_INFLATED_BYTES
): Promise<Uint8Array> {
	const stream = new Blob([deflated as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new DecompressionStream('deflate-raw'));
	const chunks: Uint8Array[] = [];
	let length = 0;
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		length += value.length;
		if (length > limit) {
			await reader.cancel();
			throw new Error(`the deflated data set inflates to more than ${limit} bytes`);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** The file as Explicit VR Little Endian when it is deflated; otherwise the same bytes. */
export async function inflatePart10(
	bytes: Uint8Array,
	inflate: (deflated: Uint8Array) => Promise<Uint8Array> = inflateRaw
): Promise<Uint8Array> {
	const meta = metaElements(bytes);
	const syntax = meta?.find((element) => element.tag === 0x0010);
	if (!meta || !syntax) return bytes;
	const uid = String.fromCharCode(...bytes.subarray(syntax.valueStart, syntax.end));
	if (uid.replace(/[\0 ]+$/, '') !== DEFLATED) return bytes;
	const metaEnd = meta.at(-1)!.end;
	const dataset = await inflate(bytes.subarray(metaEnd));
	const newSyntax = new TextEncoder().encode(`${EXPLICIT_LITTLE}\0`);
	const parts: Uint8Array[] = meta.map((element) => {
		if (element.tag !== 0x0010) return bytes.subarray(element.start, element.end);
		const part = new Uint8Array(8 + newSyntax.length);
		part.set(bytes.subarray(element.start, element.start + 6));
		new DataView(part.buffer).setUint16(6, newSyntax.length, true);
		part.set(newSyntax, 8);
		return part;
	});
	// The group length (0002,0000) counts the meta elements after it.
	if (meta[0]!.tag === 0x0000) {
		const length = parts.slice(1).reduce((sum, part) => sum + part.length, 0);
		const groupLength = parts[0]!.slice();
		new DataView(groupLength.buffer).setUint32(8, length, true);
		parts[0] = groupLength;
	}
	const total = 132 + parts.reduce((sum, part) => sum + part.length, 0) + dataset.length;
	const out = new Uint8Array(total);
	out.set(bytes.subarray(0, 132));
	let offset = 132;
	for (const part of [...parts, dataset]) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

// A deliberately small, independent reader of the Part-10 framing, used by the tests to check the
// files the way a dicom-parser-style reader walks them (PS3.10 §7.1: 128-byte preamble, "DICM",
// then Explicit VR Little Endian elements; PS3.5 §7.1.2: 4-byte lengths for OB/OW/SQ/UN/UT…).
// It knows nothing about dcmjs, so a bug in how we drive dcmjs cannot hide behind dcmjs's reader.

export interface Part10Element {
	/** "ggggeeee", lower-case hex. */
	tag: string;
	vr: string;
	valueOffset: number;
	length: number;
}

const LONG_LENGTH_VRS = new Set([
	'OB',
	'OD',
	'OF',
	'OL',
	'OV',
	'OW',
	'SQ',
	'SV',
	'UC',
	'UN',
	'UR',
	'UT',
	'UV'
]);

/** Every top-level element of an uncompressed Explicit VR Little Endian file; throws on bad framing. */
export function walkPart10(bytes: Uint8Array): Part10Element[] {
	if (bytes.length < 132) throw new Error('shorter than preamble + DICM');
	if (bytes.subarray(0, 128).some((byte) => byte !== 0))
		throw new Error('preamble is not zero-filled');
	if (new TextDecoder().decode(bytes.subarray(128, 132)) !== 'DICM')
		throw new Error('no DICM prefix');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const elements: Part10Element[] = [];
	let offset = 132;
	let previous = -1;
	while (offset < bytes.length) {
		if (offset + 8 > bytes.length) throw new Error(`truncated element header at ${offset}`);
		const group = view.getUint16(offset, true);
		const element = view.getUint16(offset + 2, true);
		const vr = String.fromCharCode(view.getUint8(offset + 4), view.getUint8(offset + 5));
		if (!/^[A-Z]{2}$/.test(vr)) throw new Error(`bad VR "${vr}" at ${offset}`);
		const long = LONG_LENGTH_VRS.has(vr);
		const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
		const valueOffset = offset + (long ? 12 : 8);
		if (length === 0xffffffff) throw new Error(`undefined length at ${offset}`);
		if (valueOffset + length > bytes.length)
			throw new Error(`value overruns the file at ${offset}`);
		const tagNumber = group * 0x10000 + element;
		if (tagNumber <= previous) throw new Error(`tags out of order at ${offset}`);
		previous = tagNumber;
		const tag = group.toString(16).padStart(4, '0') + element.toString(16).padStart(4, '0');
		elements.push({ tag, vr, valueOffset, length });
		offset = valueOffset + length;
	}
	return elements;
}

/** The text of a string-valued element, trailing padding (space or NUL) removed. */
export function elementText(bytes: Uint8Array, element: Part10Element): string {
	const value = bytes.subarray(element.valueOffset, element.valueOffset + element.length);
	return new TextDecoder('latin1').decode(value).replace(/[\s\0]+$/, '');
}

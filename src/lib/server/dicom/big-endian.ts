// Explicit VR Big Endian (retired, still sent by old archives): dcmjs reads the numbers of the
// header in the right byte order but keeps the values of OW, OL, OF, OD and OV elements (pixel
// data, palette tables) as the file's bytes, big-endian — and writes them unchanged into the
// little-endian file it makes, which turns every 16-bit pixel into another value. After reading,
// those values are put into little-endian order here, so the data set reads like any other.
import type { ElementMap } from 'dcmjs';

const WORD_BYTES: Readonly<Record<string, number>> = { OW: 2, OL: 4, OF: 4, OD: 8, OV: 8 };

function swapped(value: unknown, size: number): unknown {
	if (!(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) return value;
	const source =
		value instanceof ArrayBuffer
			? new Uint8Array(value)
			: new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
	const out = new Uint8Array(source.length);
	const whole = source.length - (source.length % size);
	for (let word = 0; word < whole; word += size)
		for (let byte = 0; byte < size; byte++) out[word + byte] = source[word + size - 1 - byte]!;
	out.set(source.subarray(whole), whole);
	return out.buffer;
}

/** The data set with every OW/OL/OF/OD/OV value in little-endian order, at every nesting level. */
export function littleEndianValues(dict: ElementMap): ElementMap {
	const result: ElementMap = {};
	for (const [tag, element] of Object.entries(dict)) {
		const size = WORD_BYTES[element.vr];
		if (size)
			result[tag] = {
				...element,
				Value: (element.Value ?? []).map((value) => swapped(value, size))
			};
		else if (element.vr === 'SQ')
			result[tag] = {
				...element,
				Value: (element.Value ?? []).map((item) => littleEndianValues(item as ElementMap))
			};
		else result[tag] = element;
	}
	return result;
}

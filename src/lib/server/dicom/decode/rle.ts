// RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one segment per
// byte plane (most significant byte first, then per sample), each PackBits-coded. Output: little
// endian samples, interleaved.

export function decodeRle(
	encoded: Uint8Array,
	rows: number,
	columns: number,
	samples: number,
	bytesPerSample: number
): Uint8Array {
	if (encoded.length < 64) throw new Error(`the RLE header is cut short (${encoded.length} bytes)`);
	const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
	const segments = view.getUint32(0, true);
	const expected = samples * bytesPerSample;
	if (segments !== expected)
		throw new Error(`the RLE header lists ${segments} segments, ${expected} expected`);
	const pixels = rows * columns;
	const out = new Uint8Array(pixels * expected);
	for (let segment = 0; segment < segments; segment++) {
		const start = view.getUint32(4 + segment * 4, true);
		const end = segment + 1 < segments ? view.getUint32(8 + segment * 4, true) : encoded.length;
		if (start < 64 || start > end || end > encoded.length)
			throw new Error(`RLE segment ${segment + 1} lies outside the frame (offset ${start})`);
		const sample = Math.floor(segment / bytesPerSample);
		// Segment order within a sample: most significant byte first.
		const byte = bytesPerSample - 1 - (segment % bytesPerSample);
		const stride = expected;
		let target = sample * bytesPerSample + byte;
		let written = 0;
		let at = start;
		while (at < end && written < pixels) {
			const header = ((encoded[at++] as number) << 24) >> 24;
			if (header >= 0) {
				const count = Math.min(header + 1, pixels - written, end - at);
				for (let k = 0; k < count; k++, written++, target += stride)
					out[target] = encoded[at++] as number;
			} else if (header !== -128) {
				const count = Math.min(1 - header, pixels - written);
				const value = encoded[at++] as number;
				for (let k = 0; k < count; k++, written++, target += stride) out[target] = value;
			}
		}
		if (written < pixels)
			throw new Error(`RLE segment ${segment + 1} holds ${written} of ${pixels} values`);
	}
	return out;
}

// Lossless compression of one frame of unsigned 16-bit-allocated pixels, in Node, with the
// Cornerstone WebAssembly codecs the viewer already ships: OpenJPEG (J2KEncoder, reversible 5/3
// wavelet) for JPEG 2000 Lossless and CharLS (JpegLSEncoder, near-lossless 0) for JPEG-LS
// Lossless. RLE Lossless (PS3.5 Annex G) is encoded here: neither dcmjs (its RLE encoder is
// internal and 8-bit only) nor the Cornerstone packages offer an encoder for it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

export interface FrameInfo {
	width: number;
	height: number;
	bitsPerSample: number;
}

interface WasmBuffer {
	length: number;
	set(values: Uint8Array): void;
}
interface WasmEncoder {
	getDecodedBuffer(info: object): WasmBuffer & Uint8Array;
	getEncodedBuffer(): Uint8Array;
	encode(): void;
	delete(): void;
}
interface WasmDecoder {
	getEncodedBuffer(length: number): WasmBuffer;
	getDecodedBuffer(): Uint8Array;
	decode(): void;
	delete(): void;
}
interface OpenJpegModule {
	J2KEncoder: new () => WasmEncoder & { setQuality(lossless: boolean, quality: number): void };
	J2KDecoder: new () => WasmDecoder;
}
interface CharlsModule {
	JpegLSEncoder: new () => WasmEncoder & { setNearLossless(value: number): void };
	JpegLSDecoder: new () => WasmDecoder;
}

let openJpeg: Promise<OpenJpegModule> | undefined;
let charls: Promise<CharlsModule> | undefined;

function openJpegModule(): Promise<OpenJpegModule> {
	openJpeg ??= (require('@cornerstonejs/codec-openjpeg/wasmjs') as () => Promise<OpenJpegModule>)();
	return openJpeg;
}

function charlsModule(): Promise<CharlsModule> {
	charls ??= (require('@cornerstonejs/codec-charls/wasmjs') as () => Promise<CharlsModule>)();
	return charls;
}

function frameInfo(info: FrameInfo): object {
	return { ...info, componentCount: 1, isSigned: false, isUsingColorTransform: false };
}

function bytesOf(pixels: Uint16Array): Uint8Array {
	return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

/** A JPEG 2000 code stream (no JP2 box), reversible: decodes to exactly `pixels`. */
export async function encodeJpeg2000(pixels: Uint16Array, info: FrameInfo): Promise<Uint8Array> {
	const encoder = new (await openJpegModule()).J2KEncoder();
	try {
		encoder.getDecodedBuffer(frameInfo(info)).set(bytesOf(pixels));
		encoder.setQuality(true, 0);
		encoder.encode();
		return encoder.getEncodedBuffer().slice();
	} finally {
		encoder.delete();
	}
}

/** A JPEG-LS stream with NEAR = 0 (lossless). */
export async function encodeJpegLs(pixels: Uint16Array, info: FrameInfo): Promise<Uint8Array> {
	const encoder = new (await charlsModule()).JpegLSEncoder();
	try {
		encoder.getDecodedBuffer(frameInfo(info)).set(bytesOf(pixels));
		encoder.setNearLossless(0);
		encoder.encode();
		return encoder.getEncodedBuffer().slice();
	} finally {
		encoder.delete();
	}
}

/**
 * RLE Lossless (PS3.5 G.3): 16-bit samples become two byte segments (high bytes first), each
 * PackBits-coded row by row, behind a 64-byte header of the segment count and offsets.
 */
export function encodeRle(pixels: Uint16Array, info: FrameInfo): Uint8Array {
	const high = new Uint8Array(pixels.length);
	const low = new Uint8Array(pixels.length);
	for (let index = 0; index < pixels.length; index += 1) {
		const value = pixels[index] as number;
		high[index] = value >>> 8;
		low[index] = value & 0xff;
	}
	const segments = [packBits(high, info.width), packBits(low, info.width)];
	const header = new Uint8Array(64);
	const view = new DataView(header.buffer);
	view.setUint32(0, segments.length, true);
	let offset = 64;
	segments.forEach((segment, k) => {
		view.setUint32(4 + 4 * k, offset, true);
		offset += segment.length;
	});
	const out = new Uint8Array(offset);
	out.set(header);
	let at = 64;
	for (const segment of segments) {
		out.set(segment, at);
		at += segment.length;
	}
	return out;
}

/** PackBits (G.3.1) of `bytes`, runs never crossing a row of `rowLength`; padded to even length. */
export function packBits(bytes: Uint8Array, rowLength: number): Uint8Array {
	// Worst case: a 2-byte run then a 1-byte literal, over and over (4 bytes for 3).
	const out = new Uint8Array(
		Math.ceil(bytes.length * 1.5) + 2 * Math.ceil(bytes.length / rowLength) + 2
	);
	let at = 0;
	for (let rowStart = 0; rowStart < bytes.length; rowStart += rowLength) {
		const rowEnd = Math.min(bytes.length, rowStart + rowLength);
		let index = rowStart;
		while (index < rowEnd) {
			let run = 1;
			while (index + run < rowEnd && run < 128 && bytes[index + run] === bytes[index]) run += 1;
			if (run >= 2) {
				out[at++] = 257 - run; // −(run − 1) as a signed byte
				out[at++] = bytes[index] as number;
				index += run;
				continue;
			}
			let literal = 1;
			while (
				index + literal < rowEnd &&
				literal < 128 &&
				!(index + literal + 1 < rowEnd && bytes[index + literal] === bytes[index + literal + 1])
			)
				literal += 1;
			out[at++] = literal - 1;
			out.set(bytes.subarray(index, index + literal), at);
			at += literal;
			index += literal;
		}
	}
	if (at % 2 === 1) out[at++] = 0x80; // a no-op byte keeps the segment even
	return out.slice(0, at);
}

// A PNG of an image's first frame, so a coordinator can look for burned-in text in the browser
// without a DICOM viewer. Any transfer syntax the server decodes (./decode): grey scaled to its
// value range (MONOCHROME1 inverted for display), RGB (YBR decoded to RGB) and palette colour
// through its palette; down to at most `maxSize` pixels a side. Encoded with zlib (PNG: ISO/IEC
// 15948, colour type 0 or 2, bit depth 8, filter 0 on each row); no PNG library is installed.
import { deflateSync } from 'node:zlib';
import { applyPalette, DicomDecodeError, openImage } from './decode/decode-image';

export class PreviewUnavailable extends Error {}

/** 8-bit samples of the first frame: grey (1 per pixel) or RGB (3 per pixel). */
async function firstFrame(
	bytes: Uint8Array
): Promise<{ rows: number; columns: number; channels: 1 | 3; samples: Uint8Array }> {
	let image;
	let values: Int32Array;
	try {
		image = openImage(bytes);
		values = await image.decodeFrame(0);
	} catch (error) {
		if (error instanceof DicomDecodeError)
			throw new PreviewUnavailable(`no preview: ${error.message}`);
		throw error;
	}
	const { rows, columns, photometric, bitsStored } = image.pixelModule;
	if (photometric === 'PALETTE COLOR')
		return { rows, columns, channels: 3, samples: applyPalette(image.palette!, values) };
	if (photometric === 'RGB') {
		const shift = Math.max(0, bitsStored - 8);
		return { rows, columns, channels: 3, samples: Uint8Array.from(values, (v) => v >> shift) };
	}
	let low = Infinity;
	let high = -Infinity;
	for (const value of values) {
		if (value < low) low = value;
		if (value > high) high = value;
	}
	const inverted = photometric === 'MONOCHROME1';
	const samples = Uint8Array.from(values, (value) => {
		const grey = high > low ? Math.round((255 * (value - low)) / (high - low)) : 0;
		return inverted ? 255 - grey : grey;
	});
	return { rows, columns, channels: 1, samples };
}

export async function previewPng(bytes: Uint8Array, maxSize = 768): Promise<Uint8Array> {
	const { rows, columns, channels, samples } = await firstFrame(bytes);
	const scale = Math.max(1, Math.ceil(Math.max(rows, columns) / maxSize));
	const width = Math.ceil(columns / scale);
	const height = Math.ceil(rows / scale);
	const raw = new Uint8Array(height * (1 + width * channels));
	for (let y = 0; y < height; y++) {
		const rowStart = y * (1 + width * channels);
		for (let x = 0; x < width; x++) {
			const pixel = y * scale * columns + x * scale;
			for (let channel = 0; channel < channels; channel++)
				raw[rowStart + 1 + x * channels + channel] = samples[pixel * channels + channel] as number;
		}
	}
	return encodePng(width, height, channels === 3 ? 2 : 0, raw);
}
function encodePng(
	width: number,
	height: number,
	colourType: 0 | 2,
	filteredRows: Uint8Array
): Uint8Array {
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, colourType, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(filteredRows)),
		chunk('IEND', new Uint8Array(0))
	]);
}

function chunk(type: string, data: Uint8Array): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const out = Buffer.alloc(8 + data.length + 4);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), 8 + data.length);
	return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
	let value = index;
	for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
	return value >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

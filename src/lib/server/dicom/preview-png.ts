// A PNG of an image's first frame, so a coordinator can look for burned-in text in the browser
// without a DICOM viewer. Uncompressed pixel data only (8- or 16-bit grey, 8-bit RGB), scaled
// to its full value range and down to at most `maxSize` pixels a side. Encoded with zlib
// (PNG: ISO/IEC 15948, colour type 0 or 2, bit depth 8, filter 0 on each row).
import { deflateSync } from 'node:zlib';
import {
	EXPLICIT_VR_LITTLE_ENDIAN,
	IMPLICIT_VR_LITTLE_ENDIAN,
	TAG,
	number,
	text,
	type DicomFile
} from './dicom-file';

export class PreviewUnavailable extends Error {}

export function previewPng(file: DicomFile, maxSize = 768): Uint8Array {
	const syntax = text(file.meta, TAG.transferSyntaxUid);
	if (syntax !== EXPLICIT_VR_LITTLE_ENDIAN && syntax !== IMPLICIT_VR_LITTLE_ENDIAN) {
		throw new PreviewUnavailable(
			`no preview for transfer syntax ${syntax ?? 'unknown'}: open the file in a DICOM viewer`
		);
	}
	const rows = number(file.dict, TAG.rows) ?? 0;
	const columns = number(file.dict, TAG.columns) ?? 0;
	const bits = number(file.dict, TAG.bitsAllocated) ?? 0;
	const samples = number(file.dict, TAG.samplesPerPixel) ?? 1;
	const signed = number(file.dict, '00280103') === 1;
	const photometric = text(file.dict, TAG.photometricInterpretation) ?? 'MONOCHROME2';
	const buffer = file.dict[TAG.pixelData]?.Value?.[0];
	if (!(buffer instanceof ArrayBuffer) || rows <= 0 || columns <= 0)
		throw new PreviewUnavailable('no pixel data to preview');
	const colour = samples === 3 && photometric === 'RGB' && bits === 8;
	if (!colour && !(samples === 1 && (bits === 8 || bits === 16))) {
		throw new PreviewUnavailable(
			`no preview for ${samples} sample(s) of ${bits} bits (${photometric})`
		);
	}
	const planar = colour && number(file.dict, '00280006') === 1;
	const count = rows * columns;
	const bytes = new Uint8Array(buffer);
	const view = new DataView(buffer);
	const sample = (pixel: number, channel: number): number => {
		if (colour) return bytes[planar ? channel * count + pixel : pixel * 3 + channel] ?? 0;
		if (bits === 8) return bytes[pixel] ?? 0;
		if (pixel * 2 + 2 > bytes.length) return 0;
		return signed ? view.getInt16(pixel * 2, true) : view.getUint16(pixel * 2, true);
	};
	let low = Infinity;
	let high = -Infinity;
	if (!colour) {
		for (let pixel = 0; pixel < count; pixel++) {
			const value = sample(pixel, 0);
			if (value < low) low = value;
			if (value > high) high = value;
		}
	}
	const scale = Math.max(1, Math.ceil(Math.max(rows, columns) / maxSize));
	const width = Math.ceil(columns / scale);
	const height = Math.ceil(rows / scale);
	const channels = colour ? 3 : 1;
	const raw = new Uint8Array(height * (1 + width * channels));
	const inverted = photometric === 'MONOCHROME1';
	for (let y = 0; y < height; y++) {
		const rowStart = y * (1 + width * channels);
		for (let x = 0; x < width; x++) {
			const pixel = y * scale * columns + x * scale;
			for (let channel = 0; channel < channels; channel++) {
				let value = sample(pixel, channel);
				if (!colour) value = high > low ? Math.round((255 * (value - low)) / (high - low)) : 0;
				raw[rowStart + 1 + x * channels + channel] = inverted ? 255 - value : value;
			}
		}
	}
	return encodePng(width, height, colour ? 2 : 0, raw);
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

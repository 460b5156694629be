import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { crc32, previewPng } from './preview-png';
import { readDicomFile } from './dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

describe('previewPng', () => {
	it('computes the PNG CRC-32 (the IEND chunk of every PNG ends in AE 42 60 82)', () => {
		expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});

	it('draws a 4 × 4 grey image scaled to its value range, one filter byte per row', () => {
		// The fixture's stored values are (index × 37) mod 4096: 0, 37, …, 555; min 0, max 555.
		const png = Buffer.from(previewPng(readDicomFile(identifiedDicom({ rows: 4, columns: 4 }))));
		expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.toString('latin1', 12, 16)).toBe('IHDR');
		expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([4, 4, 8, 0]);
		const idatLength = png.readUInt32BE(33);
		const raw = inflateSync(png.subarray(41, 41 + idatLength));
		const expected = Array.from({ length: 16 }, (_, index) => Math.round((255 * index * 37) / 555));
		const rows = [0, 1, 2, 3].map((row) => [...raw.subarray(row * 5 + 1, row * 5 + 5)]);
		expect(rows.flat()).toEqual(expected);
		expect([raw[0], raw[5], raw[10], raw[15]]).toEqual([0, 0, 0, 0]);
	});
});

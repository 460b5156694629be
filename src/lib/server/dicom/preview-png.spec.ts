import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildConformanceSet,
	conformancePaletteRgb,
	type ConformanceSet
} from '$fixtures/dicom-conformance.fixture';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { crc32, PreviewUnavailable, previewPng } from './preview-png';

/** A PNG's header and its unfiltered rows (filter byte 0 on every row), from its one IDAT. */
function readPng(png: Uint8Array) {
	const bytes = Buffer.from(png);
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	const channels = bytes[25] === 2 ? 3 : 1;
	const raw = inflateSync(bytes.subarray(41, 41 + bytes.readUInt32BE(33)));
	const stride = 1 + width * channels;
	const filters = Array.from({ length: height }, (_, row) => raw[row * stride]);
	const pixel = (x: number, y: number) => [
		...raw.subarray(y * stride + 1 + x * channels, y * stride + 1 + (x + 1) * channels)
	];
	return { width, height, channels, filters, pixel };
}

let dir: string;
let set: ConformanceSet;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'tandem-preview-'));
	set = buildConformanceSet(dir, {
		originals: ['mono2-s16', 'mono1-u14', 'rgb-u8', 'palette-u8', 'mono2-u12-3frames']
	});
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('previewPng', () => {
	it('computes the PNG CRC-32 (the IEND chunk of every PNG ends in AE 42 60 82)', () => {
		expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});

	it('draws a 4 × 4 grey image scaled to its value range, one filter byte per row', async () => {
		// The fixture's stored values are (index × 37) mod 4096: 0, 37, …, 555; min 0, max 555.
		const png = Buffer.from(await previewPng(identifiedDicom({ rows: 4, columns: 4 })));
		expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.toString('latin1', 12, 16)).toBe('IHDR');
		const image = readPng(png);
		expect([image.width, image.height, png[24], png[25]]).toEqual([4, 4, 8, 0]);
		const expected = Array.from({ length: 16 }, (_, index) => Math.round((255 * index * 37) / 555));
		expect([0, 1, 2, 3].flatMap((y) => [0, 1, 2, 3].flatMap((x) => image.pixel(x, y)))).toEqual(
			expected
		);
		expect(image.filters).toEqual([0, 0, 0, 0]);
	});

	it('previews every lossless transfer syntax exactly as the uncompressed original', async () => {
		const lossless = set.files.filter((file) => file.maxError === 0);
		expect(new Set(lossless.map((file) => file.syntax)).size).toBe(10);
		for (const file of lossless) {
			const [encoded, original] = await Promise.all([
				previewPng(readFileSync(file.path)),
				previewPng(readFileSync(file.originalPath))
			]);
			expect(Buffer.from(encoded).equals(Buffer.from(original)), file.name).toBe(true);
		}
	});

	it('previews lossy syntaxes, the first frame, MONOCHROME1 inverted, colour and palette as RGB', async () => {
		for (const file of set.files.filter((f) => f.lossy))
			expect(readPng(await previewPng(readFileSync(file.path))).width, file.name).toBe(56);
		const preview = async (name: string) =>
			readPng(await previewPng(readFileSync(set.files.find((f) => f.name === name)!.path)));
		// The orientation block holds the largest value: white in MONOCHROME2, black in MONOCHROME1.
		expect((await preview('jpegLsLossless__mono1-u14')).pixel(0, 0)).toEqual([0]);
		expect((await preview('jpegLsLossless__mono2-s16')).pixel(0, 0)).toEqual([255]);
		const rgb = set.files.find((f) => f.name === 'jpegBaseline__rgb-u8')!;
		const colour = await preview(rgb.name);
		expect(colour.channels).toBe(3);
		const [r, g, b] = colour.pixel(20, 20);
		const at = (20 * 56 + 20) * 3;
		expect(Math.abs(r! - rgb.original.values[0]![at]!)).toBeLessThanOrEqual(rgb.maxError);
		expect(Math.abs(g! - rgb.original.values[0]![at + 1]!)).toBeLessThanOrEqual(rgb.maxError);
		expect(Math.abs(b! - rgb.original.values[0]![at + 2]!)).toBeLessThanOrEqual(rgb.maxError);
		const palette = set.files.find((f) => f.name === 'jpeg2000Lossless__palette-u8')!;
		expect((await preview(palette.name)).pixel(20, 20)).toEqual(
			conformancePaletteRgb(palette.original.values[0]![20 * 56 + 20]!)
		);
		const frames = set.files.find((f) => f.name === 'rle__mono2-u12-3frames')!;
		const single = await preview(frames.name);
		expect(single.height).toBe(40); // the first frame only
	});

	it('says why a file cannot be previewed', async () => {
		await expect(previewPng(new Uint8Array(200))).rejects.toThrow(PreviewUnavailable);
		await expect(previewPng(new Uint8Array(200))).rejects.toThrow(
			/no preview: not a DICOM Part-10 file/
		);
	});
});

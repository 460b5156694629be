// Every file of the conformance set (tests/fixtures/dicom-conformance.fixture.ts), decoded on the
// server, gives its original's stored values: exactly for a lossless syntax, within the bound the
// fixture documents for a lossy one. MONOCHROME1 is reported and left as stored; colour comes
// out as RGB interleaved; palette colour as its indices; multi-frame objects as frames.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildConformanceSet,
	conformancePaletteRgb,
	SYNTAX,
	type ConformanceSet
} from '$fixtures/dicom-conformance.fixture';
import { applyPalette, decodeImage } from './decode-image';

let dir: string;
let set: ConformanceSet;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'tandem-conformance-'));
	set = buildConformanceSet(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Largest |decoded − expected| over all samples of all frames. */
function largestError(decoded: Int32Array[], expected: Int32Array[]): number {
	let worst = 0;
	expected.forEach((values, frame) => {
		const got = decoded[frame]!;
		for (let index = 0; index < values.length; index++)
			worst = Math.max(worst, Math.abs((got[index] as number) - (values[index] as number)));
	});
	return worst;
}

describe('server-side decoding of the conformance set', () => {
	it('covers every transfer syntax of the issue', () => {
		expect(new Set(set.files.map((file) => file.transferSyntaxUid))).toEqual(
			new Set(Object.values(SYNTAX))
		);
	});

	it('decodes every file to its original values (lossless exactly, lossy within its bound)', async () => {
		const failures: string[] = [];
		for (const file of set.files) {
			try {
				const image = await decodeImage(readFileSync(file.path));
				const { original } = file;
				expect(image.transferSyntaxUid).toBe(file.transferSyntaxUid);
				expect(image.pixelModule).toMatchObject({
					rows: original.rows,
					columns: original.columns,
					samplesPerPixel: original.samples,
					bitsStored: original.bitsStored,
					signed: original.signed,
					photometric: original.photometric
				});
				expect(image.frames).toHaveLength(original.frames);
				expect(image.rescaleIntercept).toBe(original.rescale?.intercept ?? 0);
				const error = largestError(image.frames, original.values);
				if (error > file.maxError)
					failures.push(`${file.name}: largest error ${error}, allowed ${file.maxError}`);
			} catch (error) {
				failures.push(`${file.name}: ${(error as Error).message}`);
			}
		}
		expect(failures).toEqual([]);
	}, 30_000);

	it('reports MONOCHROME1 and leaves its values as stored (the orientation block stays bright)', async () => {
		const file = set.files.find((f) => f.name === 'jpeg2000Lossless__mono1-u14')!;
		const image = await decodeImage(readFileSync(file.path));
		expect(image.pixelModule.photometric).toBe('MONOCHROME1');
		expect(image.frames[0]![0]).toBe(2 ** 14 - 1);
	});

	it('gives a JPEG baseline colour image (stored as YBR_FULL_422) as RGB', async () => {
		const file = set.files.find((f) => f.name === 'jpegBaseline__rgb-u8')!;
		const image = await decodeImage(readFileSync(file.path));
		expect(image.pixelModule.storedPhotometric).toMatch(/^YBR_FULL/);
		expect(image.pixelModule.photometric).toBe('RGB');
	});

	it('gives YBR_FULL (native and RLE) as RGB', async () => {
		const ybr = set.files.filter((f) => f.storedPhotometric === 'YBR_FULL');
		expect(ybr.map((f) => f.name).sort()).toEqual([
			'explicitLittle-ybrFull__rgb-u8',
			'explicitLittle-ybrFull__rgb-u8-3frames',
			'rle-ybrFull__rgb-u8',
			'rle-ybrFull__rgb-u8-3frames'
		]);
		for (const file of ybr) {
			const image = await decodeImage(readFileSync(file.path));
			expect(image.pixelModule.storedPhotometric).toBe('YBR_FULL');
			expect(image.pixelModule.photometric).toBe('RGB');
		}
	});

	it('keeps palette colour as indices and applies the palette on request', async () => {
		const file = set.files.find((f) => f.name === 'rle__palette-u8')!;
		const image = await decodeImage(readFileSync(file.path));
		const index = image.frames[0]![100] as number;
		expect(Array.from(applyPalette(image.palette!, image.frames[0]!).subarray(300, 303))).toEqual(
			conformancePaletteRgb(index)
		);
	});
});

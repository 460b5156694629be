// Fuzzing the server decoder with damaged compressed files: a conformance file of each
// encapsulated syntax with bytes flipped, overwritten or cut. Every input decodes or is refused
// with a DicomDecodeError (never another exception), within a time bound, and the codecs keep
// decoding the intact file afterwards.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConformanceSet, type ConformanceFile } from '$fixtures/dicom-conformance.fixture';
import { DicomDecodeError, decodeImage } from './decode-image';

const SEED = 170017;
const PER_INPUT_MS = 2_000;

let dir: string;
let files: ConformanceFile[];
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'tandem-decode-fuzz-'));
	files = buildConformanceSet(dir, {
		syntaxes: [
			'rle',
			'jpegBaseline',
			'jpegLosslessSv1',
			'jpegLsLossless',
			'jpeg2000Lossless',
			'htj2kLossless',
			'jpegExtended'
		],
		originals: ['mono2-u8', 'mono2-u12']
	}).files;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function outcome(bytes: Uint8Array): Promise<void> {
	const started = performance.now();
	try {
		const image = await decodeImage(bytes);
		expect(image.frames.length).toBe(image.frameCount);
	} catch (error) {
		expect(error, String(error)).toBeInstanceOf(DicomDecodeError);
		expect((error as Error).message).toMatch(/^[a-zA-Z]/);
	}
	expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
}

describe('decodeImage on damaged compressed files', () => {
	it('decodes or refuses with a reason; the codecs still decode the intact file after', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.nat({ max: 1000 }),
				fc.array(
					fc.record({ at: fc.double({ min: 0.3, max: 1, noNaN: true }), byte: fc.nat(255) }),
					{
						minLength: 1,
						maxLength: 12
					}
				),
				fc.option(fc.double({ min: 0.5, max: 1, noNaN: true })),
				async (which, edits, cut) => {
					const file = files[which % files.length]!;
					const bytes = Uint8Array.from(readFileSync(file.path));
					// Damage the second part of the file: the pixel data, mostly.
					for (const { at, byte } of edits) bytes[Math.floor(at * (bytes.length - 1))] = byte;
					await outcome(cut === null ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length)));
				}
			),
			{ seed: SEED, numRuns: 150 }
		);
		for (const file of files) {
			const decoded = (await decodeImage(readFileSync(file.path))).frames[0]!;
			const worst = Math.max(
				...file.original.values[0]!.map((value, index) => Math.abs(value - decoded[index]!))
			);
			expect(worst, file.name).toBeLessThanOrEqual(file.maxError);
		}
	}, 30_000);
});

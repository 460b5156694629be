// Compressed multi-frame pixel data checked before import: valid files from dcmtk and gdcm pass,
// each way a fragment list can be broken is refused with a sentence naming the frame or entry.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { readDicomFile } from './dicom-file';
import { buildConformanceSet, type ConformanceFile } from '$fixtures/dicom-conformance.fixture';

interface Layout {
	offsets: number[];
	fragments: Uint8Array[];
}

function layoutOf(bytes: Uint8Array): { start: number; layout: Layout } {
	const element = dicomParser.parseDicom(bytes).elements['x7fe00010']!;
	return {
		start: element.dataOffset - 12,
		layout: {
			offsets: element.basicOffsetTable ?? [],
			fragments: (element.fragments ?? []).map((fragment) =>
				bytes.slice(fragment.position, fragment.position + fragment.length)
			)
		}
	};
}

/** The file with its pixel data element rebuilt from `layout` (what `change` makes of it). */
function rebuilt(
	bytes: Uint8Array,
	change: (layout: Layout) => Layout,
	delimiter = true
): Uint8Array {
	const { start, layout } = layoutOf(bytes);
	const next = change(layout);
	const item = (length: number) => {
		const header = Buffer.alloc(8);
		header.writeUInt32LE(0xe000fffe, 0);
		header.writeUInt32LE(length, 4);
		return header;
	};
	const table = Buffer.alloc(next.offsets.length * 4);
	next.offsets.forEach((offset, index) => table.writeUInt32LE(offset, index * 4));
	const parts = [
		Buffer.from(bytes.subarray(start, start + 12)),
		item(table.length),
		table,
		...next.fragments.flatMap((fragment) => [item(fragment.length), Buffer.from(fragment)]),
		...(delimiter ? [Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])] : [])
	];
	return new Uint8Array(Buffer.concat([Buffer.from(bytes.subarray(0, start)), ...parts]));
}

const refusal = (bytes: Uint8Array) => {
	try {
		readDicomFile(bytes);
		return null;
	} catch (error) {
		return (error as Error).message;
	}
};

describe('compressed multi-frame pixel data', () => {
	let files: ConformanceFile[];
	const bytesOf = (name: string) =>
		new Uint8Array(readFileSync(files.find((file) => file.name === name)!.path));

	beforeAll(() => {
		files = buildConformanceSet(mkdtempSync(join(tmpdir(), 'tandem-encapsulated-')), {
			syntaxes: ['jpegLossless', 'jpeg2000Lossless', 'rle', 'jpegBaseline'],
			originals: ['mono2-u12-3frames', 'rgb-u8-3frames']
		}).files;
	}, 60_000);

	it('accepts the multi-frame files dcmtk and gdcm write, and keeps their pixel data element as read', () => {
		expect(files.length).toBeGreaterThanOrEqual(6);
		for (const file of files) {
			const bytes = new Uint8Array(readFileSync(file.path));
			const read = readDicomFile(bytes);
			const { start } = layoutOf(bytes);
			expect(
				Buffer.from(read.encapsulatedPixels!).equals(Buffer.from(bytes.subarray(start))),
				file.name
			).toBe(true);
		}
	});

	it('refuses fewer fragments than frames', () => {
		const bytes = rebuilt(bytesOf('jpegLossless__mono2-u12-3frames'), ({ fragments }) => ({
			offsets: [],
			fragments: fragments.slice(0, 2)
		}));
		expect(refusal(bytes)).toBe(
			'NumberOfFrames (0028,0008) is 3, but the compressed pixel data holds 2 fragments: every frame needs at least one'
		);
	});

	it('refuses an offset table that does not list one entry per frame, or points between fragments', () => {
		const source = bytesOf('jpegLossless__mono2-u12-3frames');
		expect(
			refusal(
				rebuilt(source, ({ offsets, fragments }) => ({ offsets: offsets.slice(0, 2), fragments }))
			)
		).toBe('the Basic Offset Table has 2 entries for 3 frames');
		expect(
			refusal(
				rebuilt(source, ({ offsets, fragments }) => ({
					offsets: [0, offsets[1]! + 2, offsets[2]!],
					fragments
				}))
			)
		).toMatch(/^Basic Offset Table entry 2 \(\d+\) does not point at the start of a fragment/);
	});

	it('refuses a truncated frame: its codestream lacks the end marker', () => {
		for (const name of ['jpegLossless__mono2-u12-3frames', 'jpeg2000Lossless__mono2-u12-3frames']) {
			const bytes = rebuilt(bytesOf(name), ({ fragments }) => ({
				offsets: [],
				fragments: fragments.map((fragment, index) =>
					index === 1 ? fragment.slice(0, fragment.length - 40) : fragment
				)
			}));
			expect(refusal(bytes), name).toMatch(
				/^frame 2 of 3 is truncated: its (JPEG stream|JPEG 2000 codestream) does not end with the end marker \(FFD9\)$/
			);
		}
	});

	it('refuses frames it cannot tell apart: fragments without an offset table that start no codestream', () => {
		const split = (fragments: Uint8Array[]) =>
			fragments.flatMap((fragment) => [fragment.slice(0, 64), fragment.slice(64)]);
		expect(
			refusal(
				rebuilt(bytesOf('rle__mono2-u12-3frames'), ({ fragments }) => ({
					offsets: [],
					fragments: split(fragments)
				}))
			)
		).toBe('3 frames in 6 fragments without a Basic Offset Table: the frames cannot be told apart');
		// JPEG: each frame's stream found by its start marker, so split frames are accepted.
		expect(
			refusal(
				rebuilt(bytesOf('jpegBaseline__rgb-u8-3frames'), ({ fragments }) => ({
					offsets: [],
					fragments: split(fragments)
				}))
			)
		).toBeNull();
	});

	it('refuses a damaged RLE header and a file cut short in its pixel data', () => {
		const rle = rebuilt(bytesOf('rle__mono2-u12-3frames'), ({ offsets, fragments }) => {
			const damaged = fragments[2]!.slice();
			damaged[0] = 5;
			return { offsets, fragments: [fragments[0]!, fragments[1]!, damaged] };
		});
		expect(refusal(rle)).toBe(
			'frame 3 of 3: its RLE header declares 5 segments, the pixel module needs 2'
		);
		const noDelimiter = rebuilt(
			bytesOf('jpegLossless__mono2-u12-3frames'),
			(layout) => layout,
			false
		);
		expect(refusal(noDelimiter)).toBe(
			'truncated: the compressed pixel data ends without its sequence delimiter (FFFE,E0DD)'
		);
		const cut = bytesOf('jpeg2000Lossless__mono2-u12-3frames');
		expect(refusal(cut.subarray(0, cut.length - 300))).toMatch(/truncated/);
	});
});

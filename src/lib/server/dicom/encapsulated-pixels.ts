// Encapsulated (compressed) pixel data (PS3.5 §A.4): checked frame by frame before an image is
// imported, and carried into the stored file exactly as it came — the pixel data element's
// bytes (Basic Offset Table, every fragment, the delimiter) copied, never re-fragmented or
// re-encoded. dcmjs regroups fragments when it writes (and takes each fragment for a frame when
// the offset table is empty), so the de-identified header is written without the pixel data and
// these bytes appended (see writeDicomFile).
import type { Element } from 'dicom-parser';

const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
/** JPEG family (baseline to lossless SV1) and JPEG-LS: a frame is a JPEG stream, SOI … EOI. */
const JPEG = /^1\.2\.840\.10008\.1\.2\.4\.(5\d|6\d|70|80|81)$/;
/** JPEG 2000 and HTJ2K: a frame is a codestream, SOC SIZ … EOC. */
const JPEG_2000 = /^1\.2\.840\.10008\.1\.2\.4\.(9[0-3]|20[1-3])$/;

/** What the checks need of the pixel module. */
export interface FrameLayout {
	frames: number;
	samples: number;
	bitsAllocated: number;
}

const ITEM_HEADER = 8;
/** Tag (4), VR (2), reserved (2), undefined length (4): an encapsulated element's header. */
const ELEMENT_HEADER = 12;

/**
 * The pixel data element's bytes as the file holds them (header to sequence delimiter), or a
 * sentence why the element is not whole.
 */
export function encapsulatedElementBytes(bytes: Uint8Array, element: Element): Uint8Array | string {
	const end = element.dataOffset + element.length;
	if (element.length === 0xffffffff || end > bytes.length || end < element.dataOffset + 16)
		return 'truncated: the compressed pixel data ends without its sequence delimiter (FFFE,E0DD)';
	const delimiter = bytes.subarray(end - ITEM_HEADER, end);
	if (!(
		delimiter[0] === 0xfe &&
		delimiter[1] === 0xff &&
		delimiter[2] === 0xdd &&
		delimiter[3] === 0xe0
	))
		return 'the compressed pixel data does not end with its sequence delimiter (FFFE,E0DD)';
	return bytes.slice(element.dataOffset - ELEMENT_HEADER, end);
}

const startsJpeg = (data: Uint8Array) => data[0] === 0xff && data[1] === 0xd8;
const startsJ2k = (data: Uint8Array) =>
	(data[0] === 0xff && data[1] === 0x4f && data[2] === 0xff && data[3] === 0x51) ||
	// A JP2 file (signature box) instead of a bare codestream: old archives hold such.
	(data[4] === 0x6a && data[5] === 0x50 && data[6] === 0x20 && data[7] === 0x20);

/** Ends with the end-of-image / end-of-codestream marker FFD9 (then at most padding zeros). */
function endsWithEoi(data: Uint8Array): boolean {
	let end = data.length;
	while (end > 2 && data.length - end < 4 && data[end - 1] === 0) end--;
	return data[end - 2] === 0xff && data[end - 1] === 0xd9;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Why the encapsulated pixel data does not hold the frames its header declares, or null. */
export function encapsulatedProblem(
	bytes: Uint8Array,
	element: Element,
	transferSyntax: string,
	layout: FrameLayout
): string | null {
	const fragments = element.fragments ?? [];
	const offsets = element.basicOffsetTable ?? [];
	const { frames } = layout;
	const data = (index: number) => {
		const fragment = fragments[index]!;
		return bytes.subarray(fragment.position, fragment.position + fragment.length);
	};
	if (fragments.length === 0) return 'the compressed pixel data holds no fragment: no frame';
	if (fragments.length < frames)
		return `NumberOfFrames (0028,0008) is ${frames}, but the compressed pixel data holds ${plural(fragments.length, 'fragment')}: every frame needs at least one`;
	const jpeg = JPEG.test(transferSyntax);
	const j2k = JPEG_2000.test(transferSyntax);
	const starts = jpeg ? startsJpeg : j2k ? startsJ2k : null;
	const codestream = jpeg ? 'JPEG stream' : 'JPEG 2000 codestream';

	// The first fragment of each frame.
	let firsts: number[];
	if (offsets.length > 0) {
		if (offsets.length !== frames)
			return `the Basic Offset Table has ${plural(offsets.length, 'entry').replace('entrys', 'entries')} for ${plural(frames, 'frame')}`;
		firsts = [];
		for (const [index, offset] of offsets.entries()) {
			const fragment = fragments.findIndex((candidate) => candidate.offset === offset);
			if (
				fragment < 0 ||
				(index === 0 && fragment !== 0) ||
				(index > 0 && fragment <= firsts[index - 1]!)
			)
				return `Basic Offset Table entry ${index + 1} (${offset}) does not point at the start of a fragment after the previous frame's`;
			firsts.push(fragment);
		}
	} else if (fragments.length === frames) {
		firsts = fragments.map((_, index) => index);
	} else if (frames === 1) {
		firsts = [0];
	} else if (starts) {
		firsts = fragments.flatMap((_, index) => (starts(data(index)) ? [index] : []));
		if (firsts.length !== frames || firsts[0] !== 0)
			return `${plural(frames, 'frame')} in ${plural(fragments.length, 'fragment')} without a Basic Offset Table, and ${plural(firsts.length, 'fragment')} begin a ${codestream}: the frames cannot be told apart`;
	} else {
		return `${plural(frames, 'frame')} in ${plural(fragments.length, 'fragment')} without a Basic Offset Table: the frames cannot be told apart`;
	}

	if (transferSyntax === RLE_LOSSLESS) {
		if (fragments.length !== frames)
			return `RLE Lossless keeps each frame in one fragment, but ${plural(frames, 'frame')} are in ${plural(fragments.length, 'fragment')}`;
		const segments = layout.samples * Math.ceil(layout.bitsAllocated / 8);
		for (let frame = 0; frame < frames; frame++) {
			const problem = rleHeaderProblem(data(frame), segments);
			if (problem) return `frame ${frame + 1} of ${frames}: ${problem}`;
		}
		return null;
	}
	if (!starts) return null;
	for (let frame = 0; frame < frames; frame++) {
		const first = firsts[frame]!;
		const last = (firsts[frame + 1] ?? fragments.length) - 1;
		if (!starts(data(first)))
			return `frame ${frame + 1} of ${frames} does not begin a ${codestream}: its data are damaged or misplaced`;
		if (!endsWithEoi(data(last)))
			return `frame ${frame + 1} of ${frames} is truncated: its ${codestream} does not end with the end marker (FFD9)`;
	}
	return null;
}

/** An RLE frame's 64-byte header (PS3.5 §G.5): the segment count and offsets within the fragment. */
function rleHeaderProblem(frame: Uint8Array, segments: number): string | null {
	if (frame.length < 64) return `its RLE header is cut short (${frame.length} of 64 bytes)`;
	const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
	const count = view.getUint32(0, true);
	if (count !== segments)
		return `its RLE header declares ${plural(count, 'segment')}, the pixel module needs ${segments}`;
	let previous = 63;
	for (let index = 0; index < count; index++) {
		const offset = view.getUint32(4 + index * 4, true);
		if (offset <= previous || offset >= frame.length)
			return `its RLE segment ${index + 1} starts at byte ${offset}, outside the fragment (${frame.length} bytes) or before the previous segment`;
		previous = offset;
	}
	return null;
}

// An image's rows, columns and number of frames, read from the header of the stored DICOM file the
// reader is served (the pixels are not read). Files are content-addressed by their SHA-256, so a size once read is
// kept for that hash.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants, inflateRawSync } from 'node:zlib';
import dicomParser, { type DataSet } from 'dicom-parser';

export interface ImageSize {
	rows: number;
	columns: number;
}

/** Most headers end well within this; a longer one is read whole. */
export const HEAD_BYTES = 256 * 1024;
const known = new Map<string, ImageSize | null>();
const knownFrames = new Map<string, number>();

/** Rows and columns of the file at `path` (whose SHA-256 is `sha256`), or null when its header has none. */
export function imageSize(path: string, sha256: string): ImageSize | null {
	let size = known.get(sha256);
	if (size === undefined) {
		size = readImageSize(path);
		known.set(sha256, size);
	}
	return size;
}

/**
 * The frames of the file at `path` (NumberOfFrames, 0028,0008): 1 for a single-frame image, and
 * for a file whose header has no pixel module or no valid count.
 */
export function imageFrames(path: string, sha256: string): number {
	let frames = knownFrames.get(sha256);
	if (frames === undefined) {
		frames = framesIn(readHeader(path));
		knownFrames.set(sha256, frames);
	}
	return frames;
}

/** Keeps what a header (read from the image store) says of the image with this SHA-256. */
export function rememberSizeAndFrames(sha256: string, header: DataSet | null): void {
	known.set(sha256, sizeIn(header));
	knownFrames.set(sha256, framesIn(header));
}

/** Whether the header facts of this SHA-256 are known in this process. */
export function sizeKnown(sha256: string): boolean {
	return known.has(sha256);
}

function readImageSize(path: string): ImageSize | null {
	return sizeIn(readHeader(path));
}

/**
 * The header of the file at `path` up to the pixel data, read far enough to hold the pixel
 * module's Rows and Columns (the whole file if need be); null when it cannot be parsed.
 */
export function readHeader(path: string): DataSet | null {
	const file = openSync(path, 'r');
	try {
		const total = fstatSync(file).size;
		for (let length = Math.min(total, HEAD_BYTES); ; length = total) {
			const bytes = new Uint8Array(length);
			readSync(file, bytes, 0, length, 0);
			const header = headerOf(bytes);
			if (sizeIn(header) || length === total) return header;
		}
	} finally {
		closeSync(file);
	}
}

/** The data set up to the pixel data; what was parsed before the bytes ran out, for a partial read. */
export function headerOf(bytes: Uint8Array): DataSet | null {
	try {
		return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010', inflater: inflateHead });
	} catch (thrown) {
		const partial = (thrown as { dataSet?: DataSet } | null)?.dataSet;
		return partial ?? null;
	}
}

/**
 * A Deflated Explicit VR Little Endian data set (PS3.5 §A.5) inflated as far as these bytes go (the
 * head of the file may end mid-stream), bounded: only the header is wanted here.
 */
export function inflateHead(bytes: Uint8Array, position: number): Uint8Array {
	const inflated = inflateRawSync(bytes.subarray(position), {
		finishFlush: constants.Z_SYNC_FLUSH,
		maxOutputLength: 64 * 1024 * 1024
	});
	const whole = new Uint8Array(position + inflated.length);
	whole.set(bytes.subarray(0, position));
	whole.set(inflated, position);
	return whole;
}

function framesIn(header: DataSet | null): number {
	const text = header?.string('x00280008')?.trim();
	const frames = text && /^\+?\d{1,9}$/.test(text) ? Number(text) : 1;
	return frames >= 1 ? frames : 1;
}

export function sizeIn(header: DataSet | null): ImageSize | null {
	const rows = header?.uint16('x00280010');
	const columns = header?.uint16('x00280011');
	return rows && columns ? { rows, columns } : null;
}

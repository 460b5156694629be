// An image's rows and columns, read from the header of the stored DICOM file the reader is served
// (the pixels are not read). Files are content-addressed by their SHA-256, so a size once read is
// kept for that hash.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';

export interface ImageSize {
	rows: number;
	columns: number;
}

/** Most headers end well within this; a longer one is read whole. */
const HEAD_BYTES = 256 * 1024;
const known = new Map<string, ImageSize | null>();

/** Rows and columns of the file at `path` (whose SHA-256 is `sha256`), or null when its header has none. */
export function imageSize(path: string, sha256: string): ImageSize | null {
	let size = known.get(sha256);
	if (size === undefined) {
		size = readImageSize(path);
		known.set(sha256, size);
	}
	return size;
}

function readImageSize(path: string): ImageSize | null {
	const file = openSync(path, 'r');
	try {
		const total = fstatSync(file).size;
		for (let length = Math.min(total, HEAD_BYTES); ; length = total) {
			const bytes = new Uint8Array(length);
			readSync(file, bytes, 0, length, 0);
			const found = sizeIn(headerOf(bytes));
			if (found || length === total) return found;
		}
	} finally {
		closeSync(file);
	}
}

/** The data set up to the pixel data; what was parsed before the bytes ran out, for a partial read. */
function headerOf(bytes: Uint8Array): DataSet | null {
	try {
		return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
	} catch (thrown) {
		const partial = (thrown as { dataSet?: DataSet } | null)?.dataSet;
		return partial ?? null;
	}
}

function sizeIn(header: DataSet | null): ImageSize | null {
	const rows = header?.uint16('x00280010');
	const columns = header?.uint16('x00280011');
	return rows && columns ? { rows, columns } : null;
}

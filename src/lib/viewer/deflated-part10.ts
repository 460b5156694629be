// Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99, PS3.5 §A.5) for the viewer. The
// dicom-image-loader's default wadouri path parses Part 10 with @cornerstonejs/metadata, which does
// not inflate: it reads the deflated bytes as elements ("Invalid vr type …"), finds no pixel data
// and the image is never drawn. The file is served exactly as stored (READ-5); the loader's
// documented `beforeProcessing` hook hands it here, where the data set is inflated in memory and
// the file meta's transfer syntax set to Explicit VR Little Endian — the same attributes and
// pixels, nothing stored is altered. Any other file passes through untouched.
import { deflatedMeta, withInflatedDataSet } from '$lib/domain/part10-meta';

/** A served data set may inflate to at most this many bytes (a deflate bomb stops here). */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Raw inflate in the browser (and Node ≥ 20), bounded. */
export async function inflateRaw(
	deflated: Uint8Array,
	limit = MAX_INFLATED_BYTES
): Promise<Uint8Array> {
	const stream = new Blob([deflated as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new DecompressionStream('deflate-raw'));
	const chunks: Uint8Array[] = [];
	let length = 0;
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		length += value.length;
		if (length > limit) {
			await reader.cancel();
			throw new Error(`the deflated data set inflates to more than ${limit} bytes`);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

/** The file as Explicit VR Little Endian when it is deflated; otherwise the same bytes. */
export async function inflatePart10(
	bytes: Uint8Array,
	inflate: (deflated: Uint8Array) => Promise<Uint8Array> = inflateRaw
): Promise<Uint8Array> {
	let meta;
	try {
		meta = deflatedMeta(bytes);
	} catch {
		return bytes; // a broken meta header: the loader says what is wrong
	}
	if (!meta) return bytes;
	return withInflatedDataSet(bytes, meta, await inflate(bytes.subarray(meta.at(-1)!.end)));
}

// Where imported images live: one interface with three backends (the study folder on this
// machine, an S3-compatible object store, a DICOMweb server), chosen by TANDEM_IMAGE_STORE. Every
// reader of image bytes (the image routes, the AI, hashing for lock and exports, the archive, the
// burned-in review) asks the store, never the disk, so several app processes can share one store.
// The bytes of an image never change: each is addressed by the SHA-256 recorded when it was
// imported, which `put` checks before anything is stored.
import type { InstanceRef } from '../dicom/dicomweb/dicomweb-client';
import { sha256Hex } from '../crypto/hash';

export type ImageStoreKind = 'local' | 's3' | 'dicomweb';

/** One stored image, as the database records it. */
export interface ImageKey {
	/** The study's slug: objects are grouped per study. */
	study: string;
	/** The study folder on this machine (absolute): the local store keeps images under it. */
	studyFolder: string;
	/** The image's path relative to the study folder, as recorded (`images.path`). */
	path: string;
	/** The SHA-256 (hex) recorded at import: the object's name in an object store. */
	sha256: string;
	/** The size in bytes recorded at import. */
	sizeBytes: number;
	/** The de-identified UIDs, for a store that addresses instances by them (DICOMweb). */
	instance?: InstanceRef;
	/** What a message calls the image, e.g. `case C001 image 2`. */
	label: string;
}

/**
 * Images up to this size are read whole: the local store sends such a file as one chunk (for a CT
 * slice a fraction of the cost of a stream of 64 KiB chunks), and the image routes keep it in
 * memory (served-images.ts). Larger ones (a mammogram, a multi-frame series) are streamed.
 */
export const WHOLE_IMAGE_MAX_BYTES = 4 << 20;

/** A byte range, both ends inclusive (as HTTP's Range header counts). */
export interface ByteRange {
	start: number;
	end: number;
}

export interface ImageStream {
	/** The bytes asked for (the whole object, or the range). */
	body: ReadableStream<Uint8Array>;
	/** The whole object's size in bytes. */
	size: number;
}

export interface ImageStore {
	readonly kind: ImageStoreKind;
	/** Stores the bytes under the key, after checking them against the key's SHA-256. */
	put(key: ImageKey, bytes: Uint8Array): Promise<void>;
	/** The whole object; ImageMissingError when there is none. */
	get(key: ImageKey): Promise<Uint8Array>;
	/** The bytes of one range of the object (inclusive ends, clipped to its size). */
	getRange(key: ImageKey, range: ByteRange): Promise<Uint8Array>;
	/** The object (or one range of it) as a stream, with the whole object's size. */
	stream(key: ImageKey, range?: ByteRange): Promise<ImageStream>;
	/** The object's size, or null when there is none. */
	stat(key: ImageKey): Promise<{ size: number } | null>;
	exists(key: ImageKey): Promise<boolean>;
	/** Removes the object: only for an import whose database record failed. */
	delete(key: ImageKey): Promise<void>;
	/** Where objects go, in words for messages (no credentials). */
	describe(): string;
}

/** The image the database records is not in the store. */
export class ImageMissingError extends Error {
	constructor(key: ImageKey, where: string) {
		super(`${key.label} (${key.path}, SHA-256 ${key.sha256.slice(0, 12)}…) is not in ${where}`);
		this.name = 'ImageMissingError';
	}
}

/** Bytes that are not the ones the database records. */
export class ImageIntegrityError extends Error {
	constructor(key: ImageKey, actual: string, when: string) {
		super(
			`${key.label} (${key.path}): ${when} the bytes have SHA-256 ${actual.slice(0, 12)}…, the database records ${key.sha256.slice(0, 12)}…`
		);
		this.name = 'ImageIntegrityError';
	}
}

/** Refuses bytes whose SHA-256 is not the key's. */
export function checkBytes(key: ImageKey, bytes: Uint8Array, when: string): void {
	const actual = sha256Hex(bytes);
	if (actual !== key.sha256) throw new ImageIntegrityError(key, actual, when);
}

/** The whole object, checked against the recorded SHA-256 (what lock, exports and archive use). */
export async function getVerified(store: ImageStore, key: ImageKey): Promise<Uint8Array> {
	const bytes = await store.get(key);
	checkBytes(key, bytes, 'read back from the store,');
	return bytes;
}

/** A range clipped to an object of `size` bytes; null when it starts past the end (HTTP 416). */
export function clipRange(range: ByteRange, size: number): ByteRange | null {
	if (range.start < 0 || range.start >= size || range.end < range.start) return null;
	return { start: range.start, end: Math.min(range.end, size - 1) };
}

/** A stream of one chunk of bytes. */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			if (bytes.length > 0) controller.enqueue(bytes);
			controller.close();
		}
	});
}

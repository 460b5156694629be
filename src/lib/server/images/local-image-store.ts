// The default store: each image a file under its study folder, at the path the database records
// (today's layout, so a study folder moves or is backed up whole). Written under a temporary name
// and renamed, so a reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import {
	ImageMissingError,
	checkBytes,
	clipRange,
	streamOf,
	WHOLE_IMAGE_MAX_BYTES,
	type ByteRange,
	type ImageKey,
	type ImageStore,
	type ImageStream
} from './image-store';

const WHERE = 'the study folder';
/** The file of the key: its recorded path inside the study folder, never outside it. */
export function localImagePath(key: ImageKey): string {
	const relative = normalize(key.path);
	if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`))
		throw new Error(`${key.label}: the recorded path "${key.path}" leaves the study folder`);
	return join(key.studyFolder, relative);
}

const isMissing = (error: unknown) =>
	(error as { code?: string } | null)?.code === 'ENOENT' ||
	(error as { code?: string } | null)?.code === 'ENOTDIR';

export class LocalImageStore implements ImageStore {
	readonly kind = 'local' as const;

	async put(key: ImageKey, bytes: Uint8Array): Promise<void> {
		checkBytes(key, bytes, 'on the way into the store,');
		const file = localImagePath(key);
		await mkdir(dirname(file), { recursive: true });
		const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
		try {
			await writeFile(temporary, bytes);
			await rename(temporary, file);
		} catch (error) {
			await rm(temporary, { force: true });
			throw error;
		}
	}

	async get(key: ImageKey): Promise<Uint8Array> {
		// A plain Uint8Array over the file's own buffer (readFile allocates one per call): no copy.
		const file = await this.readWhole(key);
		return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
	}

	private async readWhole(key: ImageKey): Promise<Buffer> {
		try {
			return await readFile(localImagePath(key));
		} catch (error) {
			if (isMissing(error)) throw new ImageMissingError(key, WHERE);
			throw error;
		}
	}

	async getRange(key: ImageKey, range: ByteRange): Promise<Uint8Array> {
		let handle;
		try {
			handle = await open(localImagePath(key), 'r');
		} catch (error) {
			if (isMissing(error)) throw new ImageMissingError(key, WHERE);
			throw error;
		}
		try {
			const clipped = clipRange(range, (await handle.stat()).size);
			if (!clipped) return new Uint8Array(0);
			const bytes = new Uint8Array(clipped.end - clipped.start + 1);
			const { bytesRead } = await handle.read(bytes, 0, bytes.length, clipped.start);
			return bytes.subarray(0, bytesRead);
		} finally {
			await handle.close();
		}
	}

	async stream(key: ImageKey, range?: ByteRange): Promise<ImageStream> {
		if (key.sizeBytes <= WHOLE_IMAGE_MAX_BYTES) {
			const bytes = await this.readWhole(key);
			const clipped = range ? clipRange(range, bytes.length) : null;
			if (range && !clipped) return { body: streamOf(new Uint8Array(0)), size: bytes.length };
			const body = clipped ? bytes.subarray(clipped.start, clipped.end + 1) : bytes;
			return { body: streamOf(body), size: bytes.length };
		}
		const found = await this.stat(key);
		if (!found) throw new ImageMissingError(key, WHERE);
		const clipped = range ? clipRange(range, found.size) : null;
		if (range && !clipped) return { body: streamOf(new Uint8Array(0)), size: found.size };
		const nodeStream = createReadStream(localImagePath(key), clipped ?? {});
		return {
			body: Readable.toWeb(nodeStream) as unknown as ReadableStream<Uint8Array>,
			size: found.size
		};
	}

	async stat(key: ImageKey): Promise<{ size: number } | null> {
		try {
			const found = await stat(localImagePath(key));
			return found.isFile() ? { size: found.size } : null;
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		}
	}

	async exists(key: ImageKey): Promise<boolean> {
		return (await this.stat(key)) !== null;
	}

	async delete(key: ImageKey): Promise<void> {
		await rm(localImagePath(key), { force: true });
	}

	describe(): string {
		return WHERE;
	}
}

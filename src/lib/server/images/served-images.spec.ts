import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/hash';
import {
	ImageMissingError,
	WHOLE_IMAGE_MAX_BYTES,
	type ImageKey,
	type ImageStore
} from './image-store';
import { ServedImages } from './served-images';

// The served-image cache over a store that counts what it is asked: the store is read once per
// image, concurrent requests share that read, the least recently served image goes first when
// the bytes would pass the limit, and what is not kept (too large, cache off, a size other than
// the recorded one) is left to the caller to stream.
function countingStore(files: Map<string, Uint8Array>) {
	const reads: string[] = [];
	const store: ImageStore = {
		kind: 'local',
		put: async () => {},
		get: async (key) => {
			reads.push(key.path);
			await new Promise((resolve) => setTimeout(resolve, 5));
			const bytes = files.get(key.path);
			if (!bytes) throw new ImageMissingError(key, 'the test store');
			return new Uint8Array(bytes);
		},
		getRange: async () => new Uint8Array(0),
		stream: async () => {
			throw new Error('not used');
		},
		stat: async () => null,
		exists: async () => false,
		delete: async () => {},
		describe: () => 'the test store'
	};
	return { store, reads };
}

function image(path: string, size: number, fill: number): { key: ImageKey; bytes: Uint8Array } {
	const bytes = new Uint8Array(size).fill(fill);
	return {
		bytes,
		key: {
			study: 'study',
			studyFolder: '/nowhere',
			path,
			sha256: sha256Hex(bytes),
			sizeBytes: size,
			label: `image ${path}`
		}
	};
}

describe('served images', () => {
	it('reads an image from the store once, and once for requests made together', async () => {
		const a = image('a.dcm', 1000, 1);
		const { store, reads } = countingStore(new Map([['a.dcm', a.bytes]]));
		const served = new ServedImages(10_000);
		const together = await Promise.all([served.bytes(store, a.key), served.bytes(store, a.key)]);
		expect(together).toEqual([a.bytes, a.bytes]);
		expect(await served.bytes(store, a.key)).toEqual(a.bytes);
		expect(reads).toEqual(['a.dcm']);
		expect(served.size).toEqual({ images: 1, bytes: 1000 });
	});

	it('names an image by its SHA-256: the same bytes under another path are not read again', async () => {
		const a = image('a.dcm', 500, 7);
		const copy = { ...a.key, study: 'other', path: 'copy.dcm' };
		const { store, reads } = countingStore(new Map([['a.dcm', a.bytes]]));
		const served = new ServedImages(10_000);
		await served.bytes(store, a.key);
		expect(await served.bytes(store, copy)).toEqual(a.bytes);
		expect(reads).toEqual(['a.dcm']);
	});

	it('lets the least recently served image go when the limit would be passed', async () => {
		const [a, b, c] = [image('a.dcm', 400, 1), image('b.dcm', 400, 2), image('c.dcm', 400, 3)];
		const files = new Map([a, b, c].map((each) => [each.key.path, each.bytes]));
		const { store, reads } = countingStore(files);
		const served = new ServedImages(1000);
		await served.bytes(store, a.key);
		await served.bytes(store, b.key);
		await served.bytes(store, a.key);
		await served.bytes(store, c.key);
		expect(served.size).toEqual({ images: 2, bytes: 800 });
		await served.bytes(store, a.key);
		await served.bytes(store, b.key);
		expect(reads).toEqual(['a.dcm', 'b.dcm', 'c.dcm', 'b.dcm']);
	});

	it('keeps nothing when turned off, nor an image over 4 MiB or over the limit itself', async () => {
		const small = image('small.dcm', 100, 1);
		const large = image('large.dcm', WHOLE_IMAGE_MAX_BYTES + 1, 2);
		const files = new Map([
			[small.key.path, small.bytes],
			[large.key.path, large.bytes]
		]);
		const { store, reads } = countingStore(files);
		expect(await new ServedImages(0).bytes(store, small.key)).toBeNull();
		expect(await new ServedImages(64 << 20).bytes(store, large.key)).toBeNull();
		expect(await new ServedImages(99).bytes(store, small.key)).toBeNull();
		expect(reads).toEqual([]);
	});

	it('does not keep bytes of another size than recorded: the caller streams them as stored', async () => {
		const a = image('a.dcm', 300, 1);
		const { store, reads } = countingStore(new Map([['a.dcm', a.bytes.subarray(0, 200)]]));
		const served = new ServedImages(10_000);
		expect(await served.bytes(store, a.key)).toBeNull();
		expect(await served.bytes(store, a.key)).toBeNull();
		expect(reads).toEqual(['a.dcm', 'a.dcm']);
		expect(served.size.images).toBe(0);
	});

	it('passes on the store’s refusal of a missing image and keeps nothing', async () => {
		const a = image('gone.dcm', 300, 1);
		const { store } = countingStore(new Map());
		const served = new ServedImages(10_000);
		await expect(served.bytes(store, a.key)).rejects.toThrow(ImageMissingError);
		expect(served.size.images).toBe(0);
	});
});

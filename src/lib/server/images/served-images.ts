// The bytes of images recently served by the image routes, kept in this process's memory
// (lru-cache, bounded by TANDEM_IMAGE_CACHE_MB). A reader study serves every case's images to
// every reader, once per arm; reading a file of half a megabyte afresh for each request costs the
// server several times what sending it does (a new buffer each time, and the collector behind
// it), so the route serves what it has already read.
//
// Only the serving path uses it. An image is named by the SHA-256 recorded at import, so the
// same name is the same bytes whichever study or store it comes from; the access checks are the
// route's service's, made before a key reaches here. The checks of stored bytes (lock, exports,
// archive, `images verify`) read the store itself, never this.
import { LRUCache } from 'lru-cache';
import { WHOLE_IMAGE_MAX_BYTES, type ImageKey, type ImageStore } from './image-store';

interface Source {
	store: ImageStore;
	key: ImageKey;
}

export class ServedImages {
	private readonly cache: LRUCache<string, Uint8Array, Source> | null;

	constructor(readonly maxBytes: number) {
		this.cache =
			maxBytes > 0
				? new LRUCache<string, Uint8Array, Source>({
						maxSize: maxBytes,
						sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
						// Bytes of another length than the database records are served from the store as
						// before, never kept.
						fetchMethod: async (_name, _stale, { context }) => {
							const bytes = await context.store.get(context.key);
							return bytes.byteLength === context.key.sizeBytes ? bytes : undefined;
						}
					})
				: null;
	}

	/**
	 * The whole image, from memory or read from the store once (concurrent requests share the
	 * read); null when it is not kept here (too large, the cache off, or its bytes are not the size
	 * recorded): the caller streams it from the store.
	 */
	async bytes(store: ImageStore, key: ImageKey): Promise<Uint8Array | null> {
		if (!this.cache || key.sizeBytes > Math.min(WHOLE_IMAGE_MAX_BYTES, this.maxBytes)) return null;
		return (
			(await this.cache.fetch(`${key.sha256}:${key.sizeBytes}`, { context: { store, key } })) ??
			null
		);
	}

	/** Images kept, and their bytes. */
	get size(): { images: number; bytes: number } {
		return { images: this.cache?.size ?? 0, bytes: this.cache?.calculatedSize ?? 0 };
	}
}

let current: ServedImages | undefined;

/** This process's cache, of `maxBytes` (made again when the setting changes, as tests change it). */
export function servedImages(maxBytes: number): ServedImages {
	if (current?.maxBytes !== maxBytes) current = new ServedImages(maxBytes);
	return current;
}

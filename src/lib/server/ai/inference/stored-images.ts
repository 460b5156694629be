// A case's images read from a remote image store inside an inference worker: the store made once
// per worker thread from the task's settings, each image checked against its recorded SHA-256.
import type { ImageStoreSettings } from '../../config-combined';
import { getVerified, type ImageKey, type ImageStore } from '../../images/image-store';
import { imageStoreFrom } from '../../images/image-stores';

const stores = new Map<string, ImageStore>();

export function storedImageReader(stored: {
	store: ImageStoreSettings;
	keys: ImageKey[];
}): (index: number) => Promise<Uint8Array> {
	const signature = JSON.stringify(stored.store);
	let store = stores.get(signature);
	if (!store) {
		store = imageStoreFrom(stored.store);
		stores.set(signature, store);
	}
	const chosen = store;
	return (index) => getVerified(chosen, stored.keys[index]!);
}

// The image store the settings name (config.ts: TANDEM_IMAGE_STORE), made once per process, and
// the factory the tests use to make each kind directly.
import { imageStoreSettings, type ImageStoreSettings } from '../config-combined';
import { DicomwebClient } from '../dicom/dicomweb/dicomweb-client';
import { DicomwebImageStore } from './dicomweb-image-store';
import type { ImageStore } from './image-store';
import { LocalImageStore } from './local-image-store';
import { S3ImageStore, type S3StoreSettings } from './s3-image-store';

export function imageStoreFrom(
	settings: ImageStoreSettings,
	s3Credentials?: S3StoreSettings['credentials']
): ImageStore {
	switch (settings.kind) {
		case 'local':
			return new LocalImageStore();
		case 's3':
			return new S3ImageStore({ ...settings, credentials: s3Credentials });
		case 'dicomweb':
			return new DicomwebImageStore(new DicomwebClient(settings.url));
	}
}

let current: { signature: string; store: ImageStore } | undefined;

/** The configured store (made again when the settings change, as tests change them). */
export function imageStore(): ImageStore {
	const settings = imageStoreSettings();
	const signature = JSON.stringify(settings);
	if (current?.signature !== signature) current = { signature, store: imageStoreFrom(settings) };
	return current.store;
}

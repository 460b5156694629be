// Images in a DICOMweb server (Orthanc, dcm4chee, a cloud healthcare API): STOW-RS to store an
// image, WADO-RS to retrieve it by its de-identified Study, Series and SOP Instance UIDs. WADO-RS
// has no byte ranges, so a range is cut from the whole instance. Only imported images can live
// here: images loaded with the protocol have no recorded instance UIDs to address them by.
import { DicomwebClient, DicomwebError, type InstanceRef } from '../dicom/dicomweb/dicomweb-client';
import {
	ImageMissingError,
	checkBytes,
	clipRange,
	streamOf,
	type ByteRange,
	type ImageKey,
	type ImageStore,
	type ImageStream
} from './image-store';

export class DicomwebImageStore implements ImageStore {
	readonly kind = 'dicomweb' as const;

	constructor(private readonly client: DicomwebClient) {}

	private instanceOf(key: ImageKey): InstanceRef {
		if (!key.instance)
			throw new Error(
				`${key.label} (${key.path}) has no recorded instance UIDs (it was loaded with the protocol, not imported): the DICOMweb store holds imported images only`
			);
		return key.instance;
	}

	async put(key: ImageKey, bytes: Uint8Array): Promise<void> {
		this.instanceOf(key);
		checkBytes(key, bytes, 'on the way into the store,');
		await this.client.storeInstance(bytes);
	}

	async get(key: ImageKey): Promise<Uint8Array> {
		try {
			return await this.client.retrieveInstance(this.instanceOf(key));
		} catch (error) {
			if (error instanceof DicomwebError && error.status === 404)
				throw new ImageMissingError(key, this.describe());
			throw error;
		}
	}

	async getRange(key: ImageKey, range: ByteRange): Promise<Uint8Array> {
		const bytes = await this.get(key);
		const clipped = clipRange(range, bytes.length);
		return clipped ? bytes.subarray(clipped.start, clipped.end + 1) : new Uint8Array(0);
	}

	async stream(key: ImageKey, range?: ByteRange): Promise<ImageStream> {
		const bytes = await this.get(key);
		if (!range) return { body: streamOf(bytes), size: bytes.length };
		const clipped = clipRange(range, bytes.length);
		const part = clipped ? bytes.subarray(clipped.start, clipped.end + 1) : new Uint8Array(0);
		return { body: streamOf(part), size: bytes.length };
	}

	async stat(key: ImageKey): Promise<{ size: number } | null> {
		try {
			return { size: (await this.get(key)).length };
		} catch (error) {
			if (error instanceof ImageMissingError) return null;
			throw error;
		}
	}

	async exists(key: ImageKey): Promise<boolean> {
		return this.client.hasInstance(this.instanceOf(key));
	}

	async delete(key: ImageKey): Promise<void> {
		try {
			await this.client.deleteInstance(this.instanceOf(key));
		} catch (error) {
			if (error instanceof DicomwebError && error.status === 404) return;
			throw error;
		}
	}

	describe(): string {
		return `the DICOMweb server ${this.client.baseUrl}`;
	}
}

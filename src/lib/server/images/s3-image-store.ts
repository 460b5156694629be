// Images in an S3-compatible object store (AWS S3, MinIO, Ceph…): one object per image, named
// `<prefix><study>/<sha256>.dcm`, so the name says nothing about the case, its truth or its arm.
// The SHA-256 is checked before the upload and sent along (x-amz-checksum-sha256), so a store
// that checks it refuses bytes damaged on the way. Credentials come from the AWS SDK's own chain
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
	type GetObjectCommandOutput
} from '@aws-sdk/client-s3';
import {
	ImageMissingError,
	checkBytes,
	streamOf,
	type ByteRange,
	type ImageKey,
	type ImageStore,
	type ImageStream
} from './image-store';

export interface S3StoreSettings {
	/** The service's URL (MinIO: `http://host:9000`); unset for AWS itself. */
	endpoint?: string;
	bucket: string;
	/** Put before every object name, e.g. `tandem/`. */
	prefix: string;
	region: string;
	/** Bucket in the path (`host/bucket/key`), as MinIO and most self-hosted stores want. */
	pathStyle: boolean;
	/** Explicit credentials (tests); otherwise the AWS SDK's default chain. */
	credentials?: { accessKeyId: string; secretAccessKey: string };
}

const statusOf = (error: unknown): number | undefined =>
	(error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

export class S3ImageStore implements ImageStore {
	readonly kind = 's3' as const;
	private readonly client: S3Client;

	constructor(private readonly settings: S3StoreSettings) {
		this.client = new S3Client({
			region: settings.region,
			...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
			forcePathStyle: settings.pathStyle,
			...(settings.credentials ? { credentials: settings.credentials } : {}),
			// Checksums only where S3 requires them: ours is the SHA-256 sent with each upload.
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED'
		});
	}

	/** The object's name: the study and the content hash, nothing else. */
	objectName(key: ImageKey): string {
		return `${this.settings.prefix}${key.study}/${key.sha256}.dcm`;
	}

	async put(key: ImageKey, bytes: Uint8Array): Promise<void> {
		checkBytes(key, bytes, 'on the way into the store,');
		await this.client.send(
			new PutObjectCommand({
				Bucket: this.settings.bucket,
				Key: this.objectName(key),
				Body: bytes,
				ContentLength: bytes.length,
				ContentType: 'application/dicom',
				ChecksumSHA256: Buffer.from(key.sha256, 'hex').toString('base64'),
				Metadata: { sha256: key.sha256 }
			})
		);
	}

	private async fetch(key: ImageKey, range?: ByteRange): Promise<GetObjectCommandOutput> {
		try {
			return await this.client.send(
				new GetObjectCommand({
					Bucket: this.settings.bucket,
					Key: this.objectName(key),
					...(range ? { Range: `bytes=${range.start}-${range.end}` } : {})
				})
			);
		} catch (error) {
			if (statusOf(error) === 404) throw new ImageMissingError(key, this.describe());
			throw error;
		}
	}

	async get(key: ImageKey): Promise<Uint8Array> {
		const answer = await this.fetch(key);
		return answer.Body!.transformToByteArray();
	}

	async getRange(key: ImageKey, range: ByteRange): Promise<Uint8Array> {
		try {
			const answer = await this.fetch(key, range);
			return answer.Body!.transformToByteArray();
		} catch (error) {
			if (statusOf(error) === 416) return new Uint8Array(0);
			throw error;
		}
	}

	async stream(key: ImageKey, range?: ByteRange): Promise<ImageStream> {
		let answer: GetObjectCommandOutput;
		try {
			answer = await this.fetch(key, range);
		} catch (error) {
			if (statusOf(error) !== 416) throw error;
			const found = await this.stat(key);
			if (!found) throw new ImageMissingError(key, this.describe());
			return { body: streamOf(new Uint8Array(0)), size: found.size };
		}
		const total = /\/(\d+)$/.exec(answer.ContentRange ?? '')?.[1];
		return {
			body: answer.Body!.transformToWebStream() as ReadableStream<Uint8Array>,
			size: total !== undefined ? Number(total) : Number(answer.ContentLength ?? 0)
		};
	}

	async stat(key: ImageKey): Promise<{ size: number } | null> {
		try {
			const answer = await this.client.send(
				new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectName(key) })
			);
			return { size: Number(answer.ContentLength ?? 0) };
		} catch (error) {
			if (statusOf(error) === 404) return null;
			throw error;
		}
	}

	async exists(key: ImageKey): Promise<boolean> {
		return (await this.stat(key)) !== null;
	}

	async delete(key: ImageKey): Promise<void> {
		await this.client.send(
			new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectName(key) })
		);
	}

	describe(): string {
		return `the object store's bucket "${this.settings.bucket}"`;
	}
}

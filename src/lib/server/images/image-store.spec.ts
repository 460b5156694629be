import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Server, type S3TestServer } from '$fixtures/s3-server.fixture';
import { startOrthanc, type OrthancServer } from '$fixtures/orthanc.fixture';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { sha256Hex } from '../crypto/hash';
import { DicomwebClient } from '../dicom/dicomweb/dicomweb-client';
import { DicomwebImageStore } from './dicomweb-image-store';
import {
	ImageIntegrityError,
	ImageMissingError,
	getVerified,
	type ImageKey,
	type ImageStore
} from './image-store';
import { LocalImageStore, localImagePath } from './local-image-store';
import { S3ImageStore } from './s3-image-store';

const studyFolder = mkdtempSync(join(tmpdir(), 'tandem-image-store-'));
let s3: S3TestServer;
let orthanc: OrthancServer;

beforeAll(async () => {
	[s3, orthanc] = await Promise.all([startS3Server(), startOrthanc()]);
}, 120_000);

afterAll(async () => {
	await Promise.all([s3?.stop(), orthanc?.stop()]);
	rmSync(studyFolder, { recursive: true, force: true });
});

const backends: Array<[string, () => ImageStore]> = [
	['local folder', () => new LocalImageStore()],
	[
		'S3-compatible object store',
		() =>
			new S3ImageStore({
				endpoint: s3.endpoint,
				bucket: s3.bucket,
				prefix: 'trial/',
				region: 'us-east-1',
				pathStyle: true,
				credentials: s3.credentials
			})
	],
	['DICOMweb server', () => new DicomwebImageStore(new DicomwebClient(orthanc.dicomwebUrl))]
];

let serial = 0;
/** A small real DICOM file with UIDs of its own, and the key the database would record for it. */
function image(caseKey: string): { bytes: Uint8Array; key: ImageKey } {
	serial++;
	const uid = (part: number) => `1.2.826.0.1.3680043.99.77.${process.pid}.${serial}.${part}`;
	const bytes = identifiedDicom({
		studyUid: uid(1),
		seriesUid: uid(2),
		sopUid: uid(3),
		rows: 32,
		columns: 32
	});
	return {
		bytes,
		key: {
			study: 'store-trial',
			studyFolder,
			path: `images/${caseKey}/0001-00001-${serial}.dcm`,
			sha256: sha256Hex(bytes),
			sizeBytes: bytes.length,
			instance: { studyInstanceUid: uid(1), seriesInstanceUid: uid(2), sopInstanceUid: uid(3) },
			label: `case ${caseKey} image 1`
		}
	};
}

const text = async (stream: ReadableStream<Uint8Array>) =>
	new Uint8Array(await new Response(stream).arrayBuffer());

describe.each(backends)('image store: %s', (_name, makeStore) => {
	let store: ImageStore;
	beforeAll(() => {
		store = makeStore();
	});

	it('keeps the bytes exactly: get, stat and exists after put', async () => {
		const { bytes, key } = image('C001');
		expect(await store.exists(key)).toBe(false);
		await store.put(key, bytes);
		const back = await store.get(key);
		expect(sha256Hex(back)).toBe(key.sha256);
		expect(back.length).toBe(bytes.length);
		expect(await store.stat(key)).toEqual({ size: bytes.length });
		expect(await store.exists(key)).toBe(true);
		expect(await getVerified(store, key)).toEqual(bytes);
	});

	it('serves byte ranges, clipped at the end, whole or as a stream', async () => {
		const { bytes, key } = image('C002');
		await store.put(key, bytes);
		expect(await store.getRange(key, { start: 128, end: 131 })).toEqual(
			new TextEncoder().encode('DICM')
		);
		const tail = await store.getRange(key, { start: bytes.length - 10, end: bytes.length + 500 });
		expect(tail).toEqual(bytes.subarray(bytes.length - 10));
		expect((await store.getRange(key, { start: bytes.length, end: bytes.length + 5 })).length).toBe(
			0
		);
		const ranged = await store.stream(key, { start: 0, end: 131 });
		expect(ranged.size).toBe(bytes.length);
		expect(await text(ranged.body)).toEqual(bytes.subarray(0, 132));
		const whole = await store.stream(key);
		expect(whole.size).toBe(bytes.length);
		expect(sha256Hex(await text(whole.body))).toBe(key.sha256);
	});

	it('refuses bytes whose SHA-256 is not the recorded one, storing nothing', async () => {
		const { bytes, key } = image('C003');
		const damaged = bytes.slice();
		damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
		await expect(store.put(key, damaged)).rejects.toThrow(ImageIntegrityError);
		await expect(store.put(key, damaged)).rejects.toThrow(
			`case C003 image 1 (${key.path}): on the way into the store, the bytes have SHA-256 ${sha256Hex(damaged).slice(0, 12)}…, the database records ${key.sha256.slice(0, 12)}…`
		);
		expect(await store.exists(key)).toBe(false);
	});

	it('names the case, image and path of a missing object', async () => {
		const { key } = image('C004');
		await expect(store.get(key)).rejects.toThrow(ImageMissingError);
		await expect(store.get(key)).rejects.toThrow(
			new RegExp(
				`^case C004 image 1 \\(${key.path}, SHA-256 ${key.sha256.slice(0, 12)}…\\) is not in `
			)
		);
		await expect(store.stream(key)).rejects.toThrow(/^case C004 image 1 /);
		expect(await store.stat(key)).toBeNull();
		expect(await store.exists(key)).toBe(false);
	});
});

describe('image store: local folder layout', () => {
	it('writes the file at its recorded path in the study folder, no temporary file left', async () => {
		const { bytes, key } = image('C010');
		await new LocalImageStore().put(key, bytes);
		expect(readFileSync(join(studyFolder, key.path))).toEqual(Buffer.from(bytes));
		expect(localImagePath(key)).toBe(join(studyFolder, key.path));
	});

	it('refuses a recorded path that leaves the study folder', () => {
		const { key } = image('C011');
		expect(() => localImagePath({ ...key, path: '../elsewhere/x.dcm' })).toThrow(
			'case C011 image 1: the recorded path "../elsewhere/x.dcm" leaves the study folder'
		);
	});

	it('finds bytes changed after import when read back verified', async () => {
		const { bytes, key } = image('C012');
		const store = new LocalImageStore();
		await store.put(key, bytes);
		writeFileSync(join(studyFolder, key.path), Buffer.from('not the image'));
		await expect(getVerified(store, key)).rejects.toThrow(
			`case C012 image 1 (${key.path}): read back from the store, the bytes have SHA-256 ${sha256Hex('not the image').slice(0, 12)}…`
		);
	});

	it('streams a file past the whole-read size (a mammogram) in chunks: whole and by range', async () => {
		const { key: small } = image('C014');
		// 5 MiB and a few bytes, every byte its own value: a chunk out of place would show.
		const bytes = Uint8Array.from({ length: (5 << 20) + 7 }, (_, index) => (index * 31) % 251);
		const key = { ...small, sha256: sha256Hex(bytes), sizeBytes: bytes.length };
		const store = new LocalImageStore();
		await store.put(key, bytes);
		const whole = await store.stream(key);
		expect(whole.size).toBe(bytes.length);
		expect(sha256Hex(await text(whole.body))).toBe(key.sha256);
		const across = { start: (1 << 20) - 3, end: (3 << 20) + 5 };
		const ranged = await store.stream(key, across);
		expect(await text(ranged.body)).toEqual(bytes.subarray(across.start, across.end + 1));
	});

	it('deletes an object (a failed import) and says when it is gone', async () => {
		const { bytes, key } = image('C013');
		const store = new LocalImageStore();
		await store.put(key, bytes);
		await store.delete(key);
		expect(await store.exists(key)).toBe(false);
	});
});

describe('image store: DICOMweb', () => {
	it('cannot hold an image without recorded instance UIDs, and says why', async () => {
		const { bytes, key } = image('C020');
		const store = new DicomwebImageStore(new DicomwebClient(orthanc.dicomwebUrl));
		await expect(store.put({ ...key, instance: undefined }, bytes)).rejects.toThrow(
			`case C020 image 1 (${key.path}) has no recorded instance UIDs (it was loaded with the protocol, not imported): the DICOMweb store holds imported images only`
		);
	});
});

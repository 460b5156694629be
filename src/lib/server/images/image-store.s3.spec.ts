import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Server, type S3TestServer } from '$fixtures/s3-server.fixture';
import {
	demoImportFixture,
	studyFolderOf,
	type DemoImportFixture
} from '$fixtures/case-import.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { operator, rows } from '../cases/case-import-setup.fixture';
import { importCases } from '../cases/case-import.service';
import { folderSource } from '../cases/import-sources';
import { loadStudy } from '../studies/study-load.service';
import { imageSize } from '../dicom/image-size';
import { imageCalibration } from '../dicom/image-calibration';
import { sha256Hex } from '../crypto/hash';
import type { Db } from '../db/client';
import { caseImageKeys, studyImageKeys } from './image-keys';
import { imageResponse } from './image-response';
import { primeCaseHeaders } from './image-headers';
import { LocalImageStore, localImagePath } from './local-image-store';
import { migrateStudyImages, verifyStudyImages } from './image-migration.service';
import { S3ImageStore } from './s3-image-store';

let s3: S3TestServer;
let fixture: DemoImportFixture;
/** Three cases' files, to import. */
let source: string;

beforeAll(async () => {
	[s3, fixture] = await Promise.all([startS3Server(), demoImportFixture({ slug: 's3-trial' })]);
	source = mkdtempSync(join(tmpdir(), 'tandem-s3-source-'));
	for (const caseKey of ['C001', 'C002', 'C003'])
		cpSync(join(fixture.sourceDir, caseKey), join(source, caseKey), { recursive: true });
}, 120_000);

afterAll(async () => {
	await s3?.stop();
	fixture?.cleanup();
});

const objectStore = (prefix: string) =>
	new S3ImageStore({
		endpoint: s3.endpoint,
		bucket: s3.bucket,
		prefix,
		region: 'us-east-1',
		pathStyle: true,
		credentials: s3.credentials
	});

async function importInto(store: S3ImageStore | LocalImageStore): Promise<Db> {
	const db = await testDatabase();
	await loadStudy(db, operator, studyFolderOf(fixture.studyDir));
	const report = await importCases(db, operator, 's3-trial', {
		source: folderSource(source),
		match: 'accession',
		mapping: { file: 'mapping.csv', text: fixture.mappingText },
		keyFile: fixture.keyFile,
		store
	});
	expect(report.failed).toBe(0);
	return db;
}

const caseId = async (db: Db, caseKey: string) =>
	(await rows<{ id: number }>(db, 'SELECT id FROM cases WHERE case_key = ?', caseKey))[0]!.id;

const dcmFilesUnder = (dir: string): string[] =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.dcm'));

describe('an import stored in an S3-compatible object store, read back', () => {
	let db: Db;
	const store = () => objectStore('import/');
	beforeAll(async () => {
		db = await importInto(store());
	}, 120_000);

	it('puts every image into the bucket and none into the study folder', async () => {
		const images = await studyImageKeys(db, 1);
		expect(images.length).toBeGreaterThanOrEqual(3);
		expect(new Set(images.map((image) => image.caseKey))).toEqual(
			new Set(['C001', 'C002', 'C003'])
		);
		expect(dcmFilesUnder(fixture.studyDir)).toEqual([]);
		const report = await verifyStudyImages(db, operator, 's3-trial', store());
		expect(report).toEqual({ total: images.length, intact: images.length, problems: [] });
	});

	it('serves an image from the bucket, whole and as a byte range', async () => {
		const [first] = await caseImageKeys(db, await caseId(db, 'C001'));
		const whole = await imageResponse(store(), first!.key, new Request('http://localhost/'));
		expect(whole.headers.get('etag')).toBe(`"${first!.key.sha256}"`);
		expect(sha256Hex(new Uint8Array(await whole.arrayBuffer()))).toBe(first!.key.sha256);
		const range = await imageResponse(
			store(),
			first!.key,
			new Request('http://localhost/', { headers: { range: 'bytes=128-131' } })
		);
		expect(range.status).toBe(206);
		expect(new TextDecoder().decode(await range.arrayBuffer())).toBe('DICM');
	});

	it('reads the header facts the mark checks need from the bucket, not the disk', async () => {
		const id = await caseId(db, 'C002');
		await primeCaseHeaders(db, store(), id);
		for (const { key } of await caseImageKeys(db, id)) {
			expect(imageSize(localImagePath(key), key.sha256)).toEqual({ rows: 32, columns: 32 });
			expect(imageCalibration(localImagePath(key), key.sha256)).toMatchObject({
				rows: 32,
				columns: 32
			});
		}
	});
});

describe('tandem images migrate / verify: from the study folder into the object store', () => {
	let db: Db;
	const store = () => objectStore('migrated/');
	beforeAll(async () => {
		db = await importInto(new LocalImageStore());
	}, 120_000);

	it('copies every image once, verified; a second run finds them stored and sends nothing', async () => {
		const total = (await studyImageKeys(db, 1)).length;
		const stores = { from: new LocalImageStore(), to: store() };
		const first = await migrateStudyImages(db, operator, 's3-trial', stores);
		expect(first).toEqual({ total, copied: total, alreadyStored: 0, failed: [] });
		const again = await migrateStudyImages(db, operator, 's3-trial', stores);
		expect(again).toEqual({ total, copied: 0, alreadyStored: total, failed: [] });
		expect(await verifyStudyImages(db, operator, 's3-trial', store())).toMatchObject({
			intact: total,
			problems: []
		});
		const audit = (
			await rows<{ after: string }>(
				db,
				"SELECT after_json AS after FROM audit_events WHERE action = 'images.migrated' ORDER BY seq"
			)
		).map((row) => JSON.parse(row.after));
		expect(audit).toEqual([
			{ store: 's3', total, copied: total, alreadyStored: 0, failed: 0 },
			{ store: 's3', total, copied: 0, alreadyStored: total, failed: 0 }
		]);
	});

	it('refuses a file changed since import, names a missing object, and resumes once fixed', async () => {
		const [first, second] = await studyImageKeys(db, 1);
		await store().delete(first!.key);
		await store().delete(second!.key);
		const verified = await verifyStudyImages(db, operator, 's3-trial', store());
		expect(verified.problems).toEqual([
			expect.objectContaining({
				image: first!.key.label,
				problem: expect.stringMatching(
					new RegExp(`^${first!.key.label} \\(.*\\) is not in the object store's bucket`)
				)
			}),
			expect.objectContaining({ image: second!.key.label })
		]);
		writeFileSync(localImagePath(first!.key), Buffer.from('changed after import'));
		const migrated = await migrateStudyImages(db, operator, 's3-trial', {
			from: new LocalImageStore(),
			to: store()
		});
		expect(migrated).toMatchObject({
			copied: 1,
			failed: [expect.objectContaining({ image: first!.key.label })]
		});
		expect(migrated.failed[0]!.problem).toBe(
			`${first!.key.label} (${first!.key.path}): on the way into the store, the bytes have SHA-256 ${sha256Hex('changed after import').slice(0, 12)}…, the database records ${first!.key.sha256.slice(0, 12)}…`
		);
		expect(await store().exists(first!.key)).toBe(false);
		expect(await store().exists(second!.key)).toBe(true);
	});

	it('will not migrate into the study folder itself', async () => {
		await expect(
			migrateStudyImages(db, operator, 's3-trial', {
				from: new LocalImageStore(),
				to: new LocalImageStore()
			})
		).rejects.toThrow(/TANDEM_IMAGE_STORE is local/);
	});
});

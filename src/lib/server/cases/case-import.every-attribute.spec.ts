// Issue 15, "Done means": an image holding every attribute of PS3.15 Table E.1-1 and a set of
// unknown, retired and private ones, imported through the real import into a study whose
// database is a file: only allow-listed attributes survive in the stored image, and no original
// value appears in any byte Tandem stores — the image, the database files (audit rows, import
// run, de-identification log included) — nor in the import report.
import { sqlRows } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCases, type ImportReport } from './case-import.service';
import { folderSource } from './import-sources';
import { operator, rows } from './case-import-setup.fixture';
import { loadStudy } from '../studies/study-load.service';
import { openDatabase, type Db } from '../db/client';
import { ALLOWED_ATTRIBUTES } from '../dicom/deidentify/allowed-attributes';
import { studyFolderOf } from '$fixtures/case-import.fixture';
import { readParts, scanValues } from '$fixtures/dicom-scan.fixture';
import {
	everyAttributeDicom,
	type EveryAttributeFile
} from '$fixtures/every-attribute-dicom.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { signer } from '$fixtures/signer.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { addUser } from '../users/user.service';
import { submitRead } from '../reads/read.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';

/** Added by the de-identification itself (PS3.15 E.1.1), with the codes of the method. */
const DEID_RECORD = new Set(['00120062', '00120063', '00120064', '00280303']);
/**
 * Table attributes kept by the profile options Tandem applies: Retain Patient Characteristics
 * (sex, age, size, weight) and, under Retain Longitudinal Temporal Information with Modified
 * Dates, the times of day (dates move by whole days, times stay).
 */
const RETAINED = new Set([
	'00100040',
	'00101010',
	'00101020',
	'00101030',
	'00080030',
	'00080031',
	'00080032',
	'00080033'
]);

describe('importing an image that holds every attribute of PS3.15 Table E.1-1', () => {
	let root: string;
	let studyDir: string;
	let dbPath: string;
	let db: Db;
	let source: EveryAttributeFile;
	let report: ImportReport;
	let stored: Uint8Array;

	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'tandem-every-attribute-'));
		const yaml = FIXTURE_YAML.replace(
			'  file: cases.csv\n',
			'  file: cases.csv\n  images_from: import\n'
		);
		studyDir = makeStudyFolder({ yaml, imageFolders: [] });
		dbPath = join(root, 'db', 'tandem.db');
		// The signing key and the exports follow the database into the temp folder.
		vi.stubEnv('TANDEM_DB', dbPath);
		for (const variable of ['TANDEM_SIGNING_KEY', 'TANDEM_EXPORTS'])
			vi.stubEnv(variable, undefined);
		// PostgreSQL: the run's test database (its files are the server's, not Tandem's).
		db = onPostgres ? await testDatabase() : openDatabase(dbPath);
		await loadStudy(db, operator, studyFolderOf(studyDir));
		source = everyAttributeDicom();
		const from = join(root, 'incoming');
		mkdirSync(from);
		writeFileSync(join(from, 'image.dcm'), source.bytes);
		report = await importCases(db, operator, 'mini-study', {
			source: folderSource(from),
			match: 'study-uid',
			mapping: {
				file: 'mapping.csv',
				text: `case_id,study_instance_uid\nK1,${source.studyInstanceUid}\n`
			},
			keyFile: join(root, 'keys', 'mini-study.key')
		});
		const [row] = await rows<{ path: string }>(db, 'SELECT path FROM images');
		stored = new Uint8Array(readFileSync(join(studyDir, row!.path)));
	});
	afterAll(() => {
		vi.unstubAllEnvs();
		if (!onPostgres) db.$client.close();
		rmSync(root, { recursive: true, force: true });
		rmSync(studyDir, { recursive: true, force: true });
	});

	/** Markers of attributes that must not survive, that can be found as text. */
	const forbidden = () =>
		source.markers
			.filter((marker) => marker.searchable && !RETAINED.has(marker.path))
			.map((marker) => marker.value);

	it('imports the image, and the file really held the whole table', () => {
		expect(report).toMatchObject({ imported: 1, failed: 0, skipped: 0 });
		expect(source.tableTags.length).toBeGreaterThan(600);
		const original = readParts(source.bytes).dict;
		for (const tag of source.tableTags) expect(original[tag], tag).toBeDefined();
		expect(forbidden().length).toBeGreaterThan(700);
	});

	it('keeps only allow-listed attributes, at every level of the stored image', () => {
		const { meta, dict } = readParts(stored);
		expect(Object.keys(meta).sort()).toEqual(
			['00020000', '00020001', '00020002', '00020003', '00020010', '00020012', '00020013'].filter(
				(tag) => tag in meta
			)
		);
		const outside = scanValues(stored)
			.filter((value) => !value.path.startsWith('0002'))
			.map((value) => value.path)
			.filter((path) => {
				const [top, ...nested] = path.split('>');
				if (DEID_RECORD.has(top!)) return false;
				return ![top, ...nested].every((tag) => ALLOWED_ATTRIBUTES.has(tag!));
			});
		expect(outside).toEqual([]);
		// Nested kept sequences were filtered, not dropped: the geometry inside them is still there.
		expect(scanValues(stored).some((value) => value.path === '52009229>00289110>00280030')).toBe(
			true
		);
		for (const tag of source.tableTags) {
			if (!ALLOWED_ATTRIBUTES.has(tag)) expect(dict[tag], tag).toBeUndefined();
		}
	});

	it('leaves no original value in the stored image, except the characteristics the options keep', () => {
		const raw = Buffer.from(stored).toString('latin1');
		expect(forbidden().filter((value) => raw.includes(value))).toEqual([]);
		// The scan can see a marker: the retained sex is there.
		const sex = source.markers.find((marker) => marker.path === '00100040')!.value;
		expect(raw.includes(sex)).toBe(true);
	});

	// About SQLite's own files; on PostgreSQL the audit rows and the report are checked below.
	it.skipIf(onPostgres)('leaves no original value in the database files', () => {
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const files = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter(existsSync);
		for (const file of files) {
			const raw = readFileSync(file).toString('latin1');
			expect(
				forbidden().filter((value) => raw.includes(value)),
				file
			).toEqual([]);
		}
	});

	it('leaves no original value in any table, the audit rows or the import report', async () => {
		const tables = await sqlRows<{ name: string }>(
			db,
			onPostgres
				? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
				: "SELECT name FROM sqlite_master WHERE type = 'table'"
		);
		expect(tables.length).toBeGreaterThan(20);
		for (const { name } of tables) {
			const text = JSON.stringify(await sqlRows(db, `SELECT * FROM "${name}"`));
			expect(
				forbidden().filter((value) => text.includes(value)),
				name
			).toEqual([]);
		}
		const audit = JSON.stringify(await sqlRows(db, 'SELECT * FROM audit_events'));
		expect(audit.length).toBeGreaterThan(100);
		expect(forbidden().filter((value) => audit.includes(value))).toEqual([]);
		const reportText = JSON.stringify(report);
		expect(forbidden().filter((value) => reportText.includes(value))).toEqual([]);
	});

	it('leaves no original value in any file of the blind export of the locked study', async () => {
		// A reader reads every case (the imported one among them), so the export has reads.
		const { userId } = await addUser(db, operator, {
			email: 'reader@site-a.org',
			name: 'Reader',
			role: 'reader',
			study: 'mini-study',
			site: 'site-a',
			password: 'long enough password'
		});
		const reader = { kind: 'user', userId, email: 'reader@site-a.org', name: 'Reader' } as const;
		// Both periods, the second after the washout (on an injected clock).
		const later = new Date(Date.now() + 60 * 86_400_000);
		for (const [index, { id, period }] of (await readerAssignments(db, reader.email)).entries())
			await submitRead(
				db,
				reader,
				{
					assignment: id,
					clientId: `every-attribute-${index}`,
					decision: 1,
					confidence: 70,
					readingTimeMs: 30_000
				},
				period === 1 ? new Date() : later
			);
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'import checked', admin.signature);
		const statistician = await signer(db, { role: 'statistician' });
		const out = join(root, 'export');
		const { files } = await exportBlind(db, statistician.principal, 'mini-study', out);
		expect(files.length).toBeGreaterThan(3);
		// The strata read from the image's header, with their balance (one case: k = 1, G* 0, J 1).
		const balance = readFileSync(join(out, 'strata-balance.csv'), 'utf8');
		expect(balance).toMatch(/^stratum,value,cases,share,stratum_cases,categories,gini,shannon\n/);
		expect(balance).toMatch(/\ncontrast,contrast,1,1\.000000,1,1,0\.000000,1\.000000\n/);
		const written = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
				entry.isDirectory() ? written(join(dir, entry.name)) : [join(dir, entry.name)]
			);
		for (const file of written(out)) {
			const raw = readFileSync(file).toString('latin1');
			expect(
				forbidden().filter((value) => raw.includes(value)),
				file
			).toEqual([]);
		}
	});
});

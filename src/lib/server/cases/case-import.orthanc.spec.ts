// The same import from a live PACS: a private Orthanc (Debian package + DICOMweb plugin) loaded
// with the synthetic demo DICOMs, imported over QIDO-RS/WADO-RS, compared with the folder import.
import { sqlRows } from '$fixtures/sql.fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importCases, type ImportReport } from './case-import.service';
import { dicomwebSource, folderSource } from './import-sources';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { testDatabase } from '$fixtures/test-db.fixture';
import {
	demoImportFixture,
	studyFolderOf,
	type DemoImportFixture
} from '$fixtures/case-import.fixture';
import { startOrthanc, type OrthancServer } from '$fixtures/orthanc.fixture';
import { valueOf } from '$fixtures/dicom-scan.fixture';
import type { Db } from '../db/client';

const operator = operatorPrincipal();

describe('importing from a live Orthanc over DICOMweb', () => {
	let fixture: DemoImportFixture;
	let orthanc: OrthancServer;
	let fromPacs: { db: Db; report: ImportReport };
	let fromFolder: { db: Db; report: ImportReport };

	beforeAll(async () => {
		fixture = await demoImportFixture();
		orthanc = await startOrthanc();
		const files = readdirSync(fixture.sourceDir).flatMap((caseKey) =>
			readdirSync(join(fixture.sourceDir, caseKey)).map((name) =>
				join(fixture.sourceDir, caseKey, name)
			)
		);
		// Four uploads at a time (REST POST /instances).
		const queue = [...files];
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				for (let file = queue.shift(); file; file = queue.shift())
					await orthanc.upload(readFileSync(file));
			})
		);
		const run = async (source: Parameters<typeof importCases>[3]['source']) => {
			const db = await testDatabase();
			await loadStudy(db, operator, studyFolderOf(fixture.studyDir));
			const report = await importCases(db, operator, 'demo-crossover', {
				source,
				match: 'accession',
				mapping: { file: 'mapping.csv', text: fixture.mappingText },
				keyFile: fixture.keyFile
			});
			return { db, report };
		};
		fromPacs = await run(dicomwebSource(orthanc.dicomwebUrl));
		const pacsFiles = await storedFiles(fromPacs.db);
		fromFolder = await run(folderSource(fixture.sourceDir));
		// Both imports write into the same study folder: the folder import must find the PACS import's files unchanged.
		expect(await storedFiles(fromFolder.db)).toEqual(pacsFiles);
	}, 120_000);

	afterAll(async () => {
		await orthanc?.stop();
		fixture?.cleanup();
	});

	const storedFiles = (db: Db) =>
		sqlRows(
			db,
			'SELECT c.case_key AS "caseKey", i.ordinal, i.path, i.sha256 FROM images i JOIN cases c ON c.id = i.case_id ORDER BY c.case_key, i.ordinal'
		);

	it('finds every instance by accession number (QIDO-RS) and retrieves it (WADO-RS)', () => {
		expect(fromPacs.report).toMatchObject({ total: 264, imported: 264, failed: 0, skipped: 0 });
		expect(fromPacs.report.casesTouched).toHaveLength(120);
	});

	it('stores exactly the files the folder import stores: same de-identified bytes, UIDs and order', async () => {
		expect(fromFolder.report).toMatchObject({ total: 264, imported: 264, failed: 0 });
		const pacs = (await storedFiles(fromPacs.db)) as Array<{ sha256: string }>;
		expect(pacs).toHaveLength(264);
		expect(await storedFiles(fromFolder.db)).toEqual(pacs);
		const first = readFileSync(
			join(fixture.studyDir, (pacs[0] as unknown as { path: string }).path)
		);
		expect(valueOf(first, '00120062')).toBe('YES');
		expect(valueOf(first, '00080050') ?? '').toBe('');
	});

	it('resumes from the PACS without downloading what is already stored', async () => {
		let downloads = 0;
		const counting: typeof fetch = (input, init) => {
			if (String(input).includes('/instances/')) downloads++;
			return fetch(input, init);
		};
		const report = await importCases(fromPacs.db, operator, 'demo-crossover', {
			source: dicomwebSource(orthanc.dicomwebUrl, counting),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: fixture.mappingText },
			keyFile: fixture.keyFile
		});
		expect(report).toMatchObject({ total: 264, imported: 0, alreadyImported: 264 });
		expect(downloads).toBe(0);
	});

	it('reports an unreachable server by its address', async () => {
		await expect(
			importCases(fromPacs.db, operator, 'demo-crossover', {
				source: dicomwebSource('http://127.0.0.1:9/dicom-web'),
				match: 'accession',
				mapping: { file: 'mapping.csv', text: fixture.mappingText },
				keyFile: fixture.keyFile
			})
		).rejects.toThrow(/^http:\/\/127\.0\.0\.1:9\/dicom-web: fetch failed/);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { operator, rows } from './case-import-setup.fixture';
import { loadStudy } from '../studies/study-load.service';
import { verifyAuditChain } from '../audit/audit.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import {
	demoImportFixture,
	studyFolderOf,
	type DemoImportFixture
} from '$fixtures/case-import.fixture';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import type { Db } from '../db/client';

describe('importing a folder with bad files, resuming an interrupted import', () => {
	let fixture: DemoImportFixture;
	beforeAll(async () => {
		fixture = await demoImportFixture({ slug: 'bad-files' });
	});
	afterAll(() => fixture.cleanup());

	async function freshStudy(): Promise<Db> {
		const db = await testDatabase();
		await loadStudy(db, operator, studyFolderOf(fixture.studyDir));
		return db;
	}

	it('imports the good files and reports a truncated file, a JPEG and a text file by path and reason', async () => {
		const source = mkdtempSync(join(tmpdir(), 'tandem-bad-'));
		mkdirSync(join(source, 'nested', 'deeper'), { recursive: true });
		for (const caseKey of ['C001', 'C002'])
			copyFileSync(join(fixture.sourceDir, caseKey, '001.dcm'), join(source, `${caseKey}.dcm`));
		const good = readFileSync(join(fixture.sourceDir, 'C003', '001.dcm'));
		writeFileSync(join(source, 'nested', 'deeper', 'cut.dcm'), good.subarray(0, good.length - 300));
		writeFileSync(
			join(source, 'nested', 'photo.jpg'),
			Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
		);
		writeFileSync(
			join(source, 'README.txt'),
			'These are the exported images of the reader study.\n'
		);
		const db = await freshStudy();
		const report = await importCases(db, operator, 'bad-files', {
			source: folderSource(source),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: fixture.mappingText },
			keyFile: fixture.keyFile
		});
		expect(report).toMatchObject({ total: 5, imported: 2, failed: 3, skipped: 0 });
		expect(report.failedFiles).toEqual([
			{ path: 'README.txt', reason: 'a text file, not a DICOM file' },
			{
				path: 'nested/deeper/cut.dcm',
				reason: expect.stringMatching(/^truncated: an element runs past the end of the file/)
			},
			{ path: 'nested/photo.jpg', reason: 'a JPEG image, not a DICOM file' }
		]);
		expect(await rows(db, 'SELECT * FROM images')).toHaveLength(2);
		expect(
			await rows<{ status: string; failed: number }>(db, 'SELECT status, failed FROM import_runs')
		).toEqual([{ status: 'completed', failed: 3 }]);
	});

	it('skips a file matching no case, saying which key did not match (not its value)', async () => {
		const source = mkdtempSync(join(tmpdir(), 'tandem-unmatched-'));
		writeFileSync(join(source, 'stranger.dcm'), identifiedDicom());
		const report = await importCases(await freshStudy(), operator, 'bad-files', {
			source: folderSource(source),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: fixture.mappingText },
			keyFile: fixture.keyFile
		});
		expect(report.skippedFiles).toEqual([
			{ path: 'stranger.dcm', reason: 'its AccessionNumber matches no case of the study' }
		]);
	});

	it('resumes an interrupted import: what was stored stays, nothing is stored twice', async () => {
		const db = await freshStudy();
		const controller = new AbortController();
		const options = {
			source: folderSource(fixture.sourceDir),
			match: 'accession' as const,
			mapping: { file: 'mapping.csv', text: fixture.mappingText },
			keyFile: fixture.keyFile
		};
		await expect(
			importCases(db, operator, 'bad-files', {
				...options,
				signal: controller.signal,
				onProgress: (step) => step.done === 40 && controller.abort()
			})
		).rejects.toThrow(/abort/i);
		expect(
			await rows<{ status: string; imported: number }>(
				db,
				'SELECT status, imported FROM import_runs'
			)
		).toEqual([{ status: 'interrupted', imported: 40 }]);
		const before = await rows<{ path: string; sha256: string }>(
			db,
			'SELECT path, sha256 FROM imported_instances ORDER BY path'
		);
		expect(before).toHaveLength(40);
		const report = await importCases(db, operator, 'bad-files', options);
		expect(report).toMatchObject({ total: 264, imported: 224, alreadyImported: 40, failed: 0 });
		expect(await rows(db, 'SELECT * FROM imported_instances')).toHaveLength(264);
		expect(await rows(db, 'SELECT * FROM images')).toHaveLength(264);
		const after = new Map(
			(
				await rows<{ path: string; sha256: string }>(
					db,
					'SELECT path, sha256 FROM imported_instances'
				)
			).map((row) => [row.path, row.sha256])
		);
		for (const row of before) expect(after.get(row.path)).toBe(row.sha256);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('refuses another de-identification key for a study already imported with one', async () => {
		const db = await freshStudy();
		const source = mkdtempSync(join(tmpdir(), 'tandem-key-'));
		copyFileSync(join(fixture.sourceDir, 'C001', '001.dcm'), join(source, 'a.dcm'));
		const options = {
			source: folderSource(source),
			match: 'accession' as const,
			mapping: { file: 'mapping.csv', text: fixture.mappingText }
		};
		await importCases(db, operator, 'bad-files', { ...options, keyFile: fixture.keyFile });
		await expect(
			importCases(db, operator, 'bad-files', { ...options, keyFile: join(source, 'other.key') })
		).rejects.toThrow(/de-identification key .* UIDs and dates would not match/);
	});

	it('names every problem of a mapping file by line and field, and imports nothing', async () => {
		const db = await freshStudy();
		const mapping = 'case_id,accession_number\nC001,ACC1\nC999,ACC2\nC002,\nC003,ACC1\n';
		await expect(
			importCases(db, operator, 'bad-files', {
				source: folderSource(fixture.sourceDir),
				match: 'accession',
				mapping: { file: 'map.csv', text: mapping },
				keyFile: fixture.keyFile
			})
		).rejects.toThrow(
			'map.csv:3: case_id: "C999" is not a case of this study\nmap.csv:4: accession_number: empty value\nmap.csv:5: accession_number: this value is already mapped to case "C001" (line 2)\n3 problem(s) in the mapping; nothing was changed'
		);
		expect(await rows(db, 'SELECT * FROM import_runs')).toHaveLength(0);
	});
});

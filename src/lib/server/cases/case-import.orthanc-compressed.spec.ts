// The folder of compressed and multi-frame studies (clinical-folder.fixture.ts) through a live
// PACS: a private Orthanc holds the files as sent; the DICOMweb import must retrieve them in the
// transfer syntax Orthanc stores (WADO-RS with transfer-syntax=*), not a transcoded copy, so it
// stores exactly what the folder import stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCases } from './case-import.service';
import { dicomwebSource, folderSource } from './import-sources';
import { miniImportStudy, operator, rows } from './case-import-setup.fixture';
import { buildClinicalFolder, type ClinicalFolder } from '$fixtures/clinical-folder.fixture';
import { startOrthanc, type OrthancServer } from '$fixtures/orthanc.fixture';

interface Stored {
	sop_instance_uid: string;
	sha256: string;
	transfer_syntax_uid: string;
}

describe('importing compressed and multi-frame studies from a live Orthanc', () => {
	let dir: string;
	let clinical: ClinicalFolder;
	let orthanc: OrthancServer;
	const accepts: string[] = [];
	let fromPacs: Stored[];
	let fromFolder: Stored[];
	let pacsReport: Awaited<ReturnType<typeof importCases>>;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'tandem-clinical-pacs-'));
		clinical = buildClinicalFolder(dir);
		orthanc = await startOrthanc();
		for (const file of clinical.files) await orthanc.upload(readFileSync(file.path));
		const run = async (source: Parameters<typeof importCases>[3]['source']) => {
			const study = await miniImportStudy();
			const report = await importCases(study.db, operator, 'mini-study', {
				source,
				match: 'accession',
				mapping: { file: 'mapping.csv', text: clinical.mappingText },
				keyFile: join(dir, 'study.key')
			});
			const stored = await rows<Stored>(
				study.db,
				'SELECT sop_instance_uid, sha256, transfer_syntax_uid FROM imported_instances ORDER BY sop_instance_uid'
			);
			return { report, stored };
		};
		const recording: typeof fetch = (input, init) => {
			if (String(input).includes('/instances/'))
				accepts.push(String(new Headers(init?.headers).get('accept')));
			return fetch(input, init);
		};
		const pacs = await run(dicomwebSource(orthanc.dicomwebUrl, recording));
		pacsReport = pacs.report;
		fromPacs = pacs.stored;
		fromFolder = (await run(folderSource(clinical.sourceDir))).stored;
	}, 180_000);

	afterAll(async () => {
		await orthanc?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('asks for the stored transfer syntax and imports every instance', () => {
		expect(pacsReport).toMatchObject({ total: 16, imported: 16, failed: 0, skipped: 0 });
		expect(accepts).toHaveLength(16);
		for (const accept of accepts) expect(accept).toMatch(/transfer-syntax=\*/);
	});

	it('stores exactly what the folder import stores: compressed syntaxes and bytes as the PACS holds them', () => {
		expect(fromFolder).toHaveLength(16);
		expect(fromPacs).toEqual(fromFolder);
		const syntaxes = new Set(fromPacs.map((row) => row.transfer_syntax_uid));
		for (const syntax of [
			'1.2.840.10008.1.2.4.50',
			'1.2.840.10008.1.2.4.70',
			'1.2.840.10008.1.2.4.80',
			'1.2.840.10008.1.2.4.81',
			'1.2.840.10008.1.2.4.90',
			'1.2.840.10008.1.2.4.91'
		])
			expect(syntaxes.has(syntax), syntax).toBe(true);
	});
});

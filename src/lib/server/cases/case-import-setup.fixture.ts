// Shared by the case-import specs: the operator who imports, rows read straight from the database,
// a small study (cases K1–K4, images to be imported) with an empty source folder beside it, and
// the clinical folder imported into it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorPrincipal } from '../access/principal';
import { loadStudy } from '../studies/study-load.service';
import type { Db } from '../db/client';
import { testDatabase } from '$fixtures/test-db.fixture';
import { sqlRows } from '$fixtures/sql.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { studyFolderOf } from '$fixtures/case-import.fixture';
import {
	buildClinicalFolder,
	type ClinicalFolder,
	type ClinicalFolderOptions
} from '$fixtures/clinical-folder.fixture';
import { importCases } from './case-import.service';
import type { ImportReport } from './import-report';
import { folderSource } from './import-sources';
import { Pseudonymizer, loadOrCreateDeidKey } from '../dicom/deidentify/deid-key';

export const operator = operatorPrincipal();

/** Rows of hand-written SQL, on either dialect (sql.fixture.ts). */
export function rows<T>(
	db: Db,
	sql: string,
	...params: Array<string | number | bigint | null>
): Promise<T[]> {
	return sqlRows<T>(db, sql, ...params);
}

export interface MiniImportStudy {
	db: Db;
	studyDir: string;
	/** The folder to import from: put files in with `put`. */
	source: string;
	keyFile: string;
	put(name: string, bytes: Uint8Array): string;
}

/** The mini study (slug mini-study, cases K1–K4) loaded with `images_from: import`. */
export async function miniImportStudy(): Promise<MiniImportStudy> {
	const db = await testDatabase();
	const studyDir = makeStudyFolder({
		yaml: FIXTURE_YAML.replace('  file: cases.csv\n', '  file: cases.csv\n  images_from: import\n'),
		imageFolders: []
	});
	await loadStudy(db, operator, studyFolderOf(studyDir));
	const source = mkdtempSync(join(tmpdir(), 'tandem-source-'));
	return {
		db,
		studyDir,
		source,
		keyFile: join(studyDir, '..', `${source.split('/').pop()}.key`),
		put: (name, bytes) => {
			writeFileSync(join(source, name), bytes);
			return name;
		}
	};
}

export interface ImportedClinicalFolder {
	/** The temporary folder the clinical folder was written into (the caller removes it). */
	dir: string;
	clinical: ClinicalFolder;
	study: MiniImportStudy;
	report: ImportReport;
	/** The study's de-identification key: what each source UID became. */
	pseudonymizer: Pseudonymizer;
}

/** The clinical folder (clinical-folder.fixture.ts) written and imported, matched by accession. */
export async function importClinicalFolder(
	options: ClinicalFolderOptions = {}
): Promise<ImportedClinicalFolder> {
	const dir = mkdtempSync(join(tmpdir(), 'tandem-clinical-'));
	const clinical = buildClinicalFolder(dir, options);
	const study = await miniImportStudy();
	const report = await importCases(study.db, operator, 'mini-study', {
		source: folderSource(clinical.sourceDir),
		match: 'accession',
		mapping: { file: 'mapping.csv', text: clinical.mappingText },
		keyFile: study.keyFile
	});
	const pseudonymizer = new Pseudonymizer(loadOrCreateDeidKey(study.keyFile));
	return { dir, clinical, study, report, pseudonymizer };
}

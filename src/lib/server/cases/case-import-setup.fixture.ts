// Shared by the case-import specs: the operator who imports, rows read straight from the database,
// and a small study (cases K1–K4, images to be imported) with an empty source folder beside it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorPrincipal } from '../access/principal';
import { loadStudy } from '../studies/study-load.service';
import type { Db } from '../db/client';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { studyFolderOf } from '$fixtures/case-import.fixture';

export const operator = operatorPrincipal();

export function rows<T>(db: Db, sql: string, ...params: unknown[]): T[] {
	return db.$client.prepare(sql).all(...params) as T[];
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
export function miniImportStudy(): MiniImportStudy {
	const db = testDatabase();
	const studyDir = makeStudyFolder({
		yaml: FIXTURE_YAML.replace('  file: cases.csv\n', '  file: cases.csv\n  images_from: import\n'),
		imageFolders: []
	});
	loadStudy(db, operator, studyFolderOf(studyDir));
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

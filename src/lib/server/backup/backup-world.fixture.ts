// The backup specs' world: a temporary data folder (TANDEM_DB stubbed to it, so the signing key and
// the de-identification keys go there too), a study with enrolled readers on a database file (on
// PostgreSQL, a test database of its own: there is no file to back up, see backup-dialect.ts), a
// de-identification key, and helpers to inspect or re-sign a backup. Call vi.unstubAllEnvs() after.
import { vi } from 'vitest';
import { sign } from 'node:crypto';
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/client';
import { sha256Hex } from '../crypto/hash';
import type { UserPrincipal } from '../access/principal';
import { deidKeyPath, loadOrCreateDeidKey } from '../dicom/deidentify/deid-key';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import type { BackupManifest } from './backup-manifest';
import { onPostgres } from '$fixtures/dialect.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';

export interface BackupWorld {
	work: string;
	database: string;
	db: Db;
	studyDir: string;
	readers: UserPrincipal[];
}

export async function backupWorld(readerSites: string[] = ['site-a']): Promise<BackupWorld> {
	const work = mkdtempSync(join(tmpdir(), 'tandem-backup-'));
	const database = join(work, 'data', 'tandem.db');
	vi.stubEnv('TANDEM_DB', database);
	const db = onPostgres ? await testDatabase() : openDatabase(database);
	const { dir, readers } = await enrolledStudy(readerSites, twelveCaseOptions(), db);
	loadOrCreateDeidKey(deidKeyPath('mini-study'));
	return { work, database, db, studyDir: dir, readers };
}

export function readManifest(dir: string): BackupManifest {
	return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
}

/**
 * What someone holding the backup's signing key could do after changing files: list their new
 * hashes in the manifest (dropping the files they removed) and sign it again with that key.
 */
export function resign(dir: string, change: (manifest: BackupManifest) => void = () => {}): void {
	const manifest = readManifest(dir);
	for (const name of Object.keys(manifest.files)) {
		if (!existsSync(join(dir, name))) {
			delete manifest.files[name];
			continue;
		}
		const bytes = readFileSync(join(dir, name));
		manifest.files[name] = { sha256: sha256Hex(bytes), bytes: bytes.length };
	}
	change(manifest);
	const text = `${JSON.stringify(manifest, null, 2)}\n`;
	const key = createPrivateKey(readFileSync(join(dir, manifest.signingKey.file)));
	writeFileSync(join(dir, 'manifest.json'), text);
	writeFileSync(
		join(dir, 'manifest.sig'),
		`${sign(null, Buffer.from(text), key).toString('base64')}\n`
	);
}

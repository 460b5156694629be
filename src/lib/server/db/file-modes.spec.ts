// The data folder holds the code key, the truth and the password hashes: only the account that
// runs Tandem may read it, whatever the umask.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './client';
import { signingKey } from '../export/signing-key';
import { deidKeyPath, loadOrCreateDeidKey } from '../dicom/deidentify/deid-key';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string | undefined;
function tempFolder(): string {
	root = mkdtempSync(join(tmpdir(), 'tandem-modes-'));
	chmodSync(root, 0o755);
	return root;
}

afterEach(() => {
	vi.unstubAllEnvs();
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

describe('file modes of the data folder', () => {
	it('creates the database, its WAL and shared-memory files 0600 in a folder only the owner opens', () => {
		const data = join(tempFolder(), 'data');
		const file = join(data, 'tandem.db');
		const db = openDatabase(file);
		db.$client.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1)');
		for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
		expect(modeOf(data)).toBe(0o700);
		db.$client.close();
	});

	it('takes group and world access away from a database created before', () => {
		const file = join(tempFolder(), 'tandem.db');
		const before = new Database(file);
		before.pragma('journal_mode = WAL');
		before.exec('CREATE TABLE t (x)');
		chmodSync(file, 0o644);
		before.close();
		const db = openDatabase(file);
		for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
		db.$client.close();
	});

	it('creates the signing key and de-identification keys 0600, their folders 0700', () => {
		const data = join(tempFolder(), 'keys');
		vi.stubEnv('TANDEM_SIGNING_KEY', join(data, 'signing-key.pem'));
		vi.stubEnv('TANDEM_DEID_KEYS', join(data, 'deid-keys'));
		signingKey();
		expect(modeOf(join(data, 'signing-key.pem'))).toBe(0o600);
		expect(modeOf(data)).toBe(0o700);
		loadOrCreateDeidKey(deidKeyPath('demo'));
		expect(modeOf(deidKeyPath('demo'))).toBe(0o600);
		expect(modeOf(join(data, 'deid-keys'))).toBe(0o700);
	});
});

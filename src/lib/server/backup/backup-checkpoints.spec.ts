// The checkpoint file a backup takes is the live file as it stood when the database was copied:
// checkpoints signed after the copy (the server goes on writing) are left out, as the copy's chain
// would look cut against them; the copy's checkpoints then hold. A database whose checkpoints do
// not hold is not backed up: restore would refuse the backup.
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/client';
import { operatorPrincipal, systemPrincipal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { checkpointChain } from '../audit/checkpoint.service';
import { CHECKPOINT_FILE } from '../audit/checkpoint-file';
import { verifyCheckpoints } from '../audit/checkpoint-verify';
import { signingKey } from '../export/signing-key';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { copyCheckpointFile } from './backup-checkpoints';
import { createBackup } from './backup.service';
import { databaseOn } from '../db/client';

afterEach(() => vi.unstubAllEnvs());

async function addEvents(db: Db, count: number): Promise<void> {
	for (let index = 0; index < count; index++)
		await recordAudit(db, systemPrincipal('test'), { action: 'step', entityType: 'thing' });
}

// The checkpoint file and the backups of SQLite's database file (none on PostgreSQL: its
// checkpoints are in the table only, its backups PostgreSQL's own tools').
describe.skipIf(onPostgres)('copyCheckpointFile', () => {
	it('takes the checkpoints up to the copy’s head and leaves out those signed after the copy', async () => {
		const { db, folder } = await dataFolder();
		await addEvents(db, 5);
		await checkpointChain(db, 'manual');
		await addEvents(db, 2);
		const copyFolder = mkdtempSync(join(tmpdir(), 'tandem-backup-copy-'));
		await db.$client.backup(join(copyFolder, 'tandem.db'));
		await addEvents(db, 3);
		await checkpointChain(db, 'periodic');

		const sqlite = new Database(join(copyFolder, 'tandem.db'));
		const copy = databaseOn(sqlite) as unknown as Db;
		const digest = await copyCheckpointFile(db, copy);
		const live = readFileSync(join(folder, CHECKPOINT_FILE), 'utf8');
		const taken = readFileSync(join(copyFolder, CHECKPOINT_FILE), 'utf8');
		expect(live.split('\n').filter(Boolean)).toHaveLength(2);
		expect(taken.split('\n').filter(Boolean)).toHaveLength(1);
		expect(live.startsWith(taken)).toBe(true);
		expect(digest?.bytes).toBe(Buffer.byteLength(taken));
		expect(
			await verifyCheckpoints(copy, { publicKeyPem: signingKey().publicKeyPem })
		).toMatchObject({
			problems: [],
			checkpoints: 1,
			last: { seq: 5 },
			after: 2
		});
		sqlite.close();
	});

	it('copies nothing when the live database has no checkpoint file', async () => {
		const { db } = await dataFolder();
		await addEvents(db, 2);
		const copyFolder = mkdtempSync(join(tmpdir(), 'tandem-backup-copy-'));
		await db.$client.backup(join(copyFolder, 'tandem.db'));
		const sqlite = new Database(join(copyFolder, 'tandem.db'));
		expect(await copyCheckpointFile(db, databaseOn(sqlite) as unknown as Db)).toBeNull();
		sqlite.close();
	});

	it('refuses to back up a database whose checkpoint file is gone, and leaves no backup', async () => {
		const { db, folder } = await dataFolder();
		await addEvents(db, 3);
		await checkpointChain(db, 'manual');
		rmSync(join(folder, CHECKPOINT_FILE));
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-backup-out-')), 'backup');
		await expect(createBackup(db, operatorPrincipal(), out)).rejects.toThrow(
			`Not backing up: the audit checkpoints do not hold (audit checkpoint file ${join(folder, CHECKPOINT_FILE)} is missing, but the database holds 1 checkpoints); run tandem audit verify.`
		);
		expect(existsSync(out)).toBe(false);
	});
});

// SEC-5: a backup taken while another process keeps submitting reads to the same database file
// is a consistent snapshot — restored, it holds every read acknowledged before the backup started,
// no read twice, an intact audit chain whose head is the manifest's, signed before the copy — and
// the backup is audited.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../db/client';
import { operatorPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import { checkpointSignatureValid } from '../audit/checkpoint-record';
import { verifyCheckpoints } from '../audit/checkpoint-verify';
import { sha256Hex } from '../crypto/hash';
import { startReadWriter } from '$fixtures/read-writer.fixture';
import { backupWorld, readManifest } from './backup-world.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { auditChainHead } from './backup-manifest';
import { createBackup } from './backup.service';
import { restoreBackup } from './restore.service';
import { verifyBackup } from './backup-verify';
import { AccessDenied } from '../errors';
import { BackupOnPostgres } from './backup-dialect';

afterEach(() => {
	vi.unstubAllEnvs();
});

/** Blocks this thread (the backup's progress callback is synchronous) for `ms`. */
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

// Backups copy SQLite's database file (its backup API); PostgreSQL's are its own tools' (below).
describe.skipIf(onPostgres)('createBackup under concurrent reads', () => {
	it('copies a consistent snapshot while another process writes; the restore holds every read acknowledged before it', async () => {
		const world = await backupWorld(['site-a', 'site-b', 'site-a', 'site-b', 'site-a', 'site-b']);
		const writer = startReadWriter(
			world.database,
			world.readers.map((reader) => reader.email),
			join(world.work, 'acks.txt'),
			5
		);
		await until(() => writer.acks().length >= 8, 'the first reads');
		const ackedBefore = writer.acks();

		// Between two steps of the copy, hold it until the other process has committed more reads.
		let held = false;
		const backupDir = join(world.work, 'backup');
		const headBefore = await auditChainHead(world.db);
		const backup = await createBackup(world.db, operatorPrincipal(), backupDir, {
			pagesPerStep: 1,
			onProgress: (phase, done) => {
				if (phase !== 'database' || done === 0 || held) return;
				held = true;
				const target = writer.acks().length + 3;
				const deadline = Date.now() + 30_000;
				while (writer.acks().length < target && Date.now() < deadline) blockFor(10);
			}
		});
		const ackedByEnd = writer.acks();
		await writer.finished;
		const all = writer.acks();
		expect(held).toBe(true);
		expect(ackedByEnd.length).toBeGreaterThanOrEqual(ackedBefore.length + 3);
		// SQLite saw the other process write and started the copy over, then finished it.
		expect(backup.restarts).toBeGreaterThan(0);
		expect(all).toHaveLength(72);

		const manifest = readManifest(backupDir);
		expect(backup.auditChain).toEqual(manifest.auditChain);
		for (const path of [backupDir, join(backupDir, 'data')]) expect(modeOf(path)).toBe(0o700);
		for (const name of ['manifest.json', 'data/tandem.db', 'data/signing-key.pem'])
			expect(modeOf(join(backupDir, name))).toBe(0o600);
		expect(Object.keys(manifest.files)).toEqual(
			expect.arrayContaining([
				'data/deid-keys/mini-study.key',
				'studies/mini-study/images/K1/001.dcm'
			])
		);

		const restoredPath = join(world.work, 'restored', 'tandem.db');
		const restore = await restoreBackup(backupDir, restoredPath);
		expect(restore.auditEvents).toBe(manifest.auditChain.seq);
		const restored = openDatabase(restoredPath);
		const sql = restored.$client;
		const clientIds = (
			sql.prepare('SELECT client_id AS id FROM reads ORDER BY id').all() as Array<{ id: string }>
		).map((row) => row.id);
		expect(clientIds).toEqual(expect.arrayContaining(ackedBefore));
		expect(clientIds.length).toBeGreaterThanOrEqual(ackedBefore.length);
		expect(clientIds.length).toBeLessThan(all.length);
		expect(new Set(clientIds).size).toBe(clientIds.length);
		expect(all).toEqual(expect.arrayContaining(clientIds));
		expect(
			sql
				.prepare('SELECT assignment_id FROM reads GROUP BY assignment_id HAVING count(*) > 1')
				.all()
		).toEqual([]);
		// The read rows and their audit rows come from one instant.
		expect(
			sql.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'read.submitted'").get()
		).toEqual({ n: clientIds.length });
		expect(await verifyAuditChain(restored)).toEqual({ ok: true, count: manifest.auditChain.seq });
		expect(await auditChainHead(restored)).toEqual(manifest.auditChain);
		// The head was signed before the copy: the manifest carries that checkpoint (or a later one
		// the copy holds), and the restored checkpoints — table and file — hold under the backup's key.
		const publicKeyPem = readFileSync(join(backupDir, 'public-key.pem'), 'utf8');
		const checkpoint = manifest.auditCheckpoints.last!;
		expect(checkpoint.seq).toBeGreaterThanOrEqual(headBefore.seq);
		expect(checkpoint.seq).toBeLessThanOrEqual(manifest.auditChain.seq);
		expect(checkpointSignatureValid(checkpoint, publicKeyPem)).toBe(true);
		expect(backup.auditCheckpoint).toEqual(checkpoint);
		expect(modeOf(join(dirname(restoredPath), 'audit-checkpoints.jsonl'))).toBe(0o600);
		const checked = await verifyCheckpoints(restored, { publicKeyPem });
		expect(checked).toMatchObject({ problems: [], last: checkpoint });
		restored.$client.close();

		// The live database audits the backup after the copy: its row names the manifest's hash and
		// the chain head the copy ends with, and is itself not in the copy.
		const audit = world.db.$client
			.prepare("SELECT seq, after_json AS after FROM audit_events WHERE action = 'backup.created'")
			.all() as Array<{ seq: number; after: string }>;
		expect(audit).toHaveLength(1);
		expect(audit[0]!.seq).toBeGreaterThan(manifest.auditChain.seq);
		expect(JSON.parse(audit[0]!.after)).toMatchObject({
			manifestSha256: sha256Hex(readFileSync(join(backupDir, 'manifest.json'))),
			auditChain: manifest.auditChain
		});
	}, 120_000);

	it('names an image missing or changed when the backup is taken, and still verifies and restores the rest; a signed-in person cannot take one', async () => {
		const world = await backupWorld();
		rmSync(join(world.studyDir, 'images/K2/001.dcm'));
		writeFileSync(join(world.studyDir, 'images/K3/001.dcm'), 'changed outside Tandem');
		const backupDir = join(world.work, 'backup');
		const backup = await createBackup(world.db, operatorPrincipal(), backupDir);
		expect(backup.problems).toEqual([
			{
				file: 'studies/mini-study/images/K2/001.dcm',
				problem: `missing (${join(world.studyDir, 'images/K2/001.dcm')})`
			},
			{
				file: 'studies/mini-study/images/K3/001.dcm',
				problem: expect.stringMatching(
					/^SHA-256 [0-9a-f]{64} differs from the database's [0-9a-f]{64}$/
				)
			}
		]);
		await expect(verifyBackup(backupDir)).resolves.toMatchObject({ images: 12 });
		await expect(
			restoreBackup(backupDir, join(world.work, 'restored', 'tandem.db'))
		).resolves.toMatchObject({ images: 12, kept: 14 });
		await expect(
			createBackup(
				world.db,
				{ kind: 'user', userId: 1, email: 'a@b', name: 'A' },
				join(world.work, 'x')
			)
		).rejects.toThrow(AccessDenied);
	});
});

describe.runIf(onPostgres)('createBackup on PostgreSQL', () => {
	it('refuses, naming PostgreSQL’s own tools, and writes nothing; a signed-in person is refused first', async () => {
		const world = await backupWorld();
		const backupDir = join(world.work, 'backup');
		const refusal = createBackup(world.db, operatorPrincipal(), backupDir);
		await expect(refusal).rejects.toThrow(BackupOnPostgres);
		await expect(refusal).rejects.toThrow(
			/^Tandem's backups copy its SQLite database; this one runs on PostgreSQL \(DATABASE_URL\): back up the database with PostgreSQL's own tools — pg_dump \(a logical copy, restored with pg_restore\) or pg_basebackup with archived write-ahead log \(point-in-time recovery\) — and copy the data folder/
		);
		expect(existsSync(backupDir)).toBe(false);
		await expect(
			createBackup(world.db, { kind: 'user', userId: 1, email: 'a@b', name: 'A' }, backupDir)
		).rejects.toThrow(AccessDenied);
	});
});

// Restore writes into an empty location only and overwrites nothing; after a loss of the data
// folder and the study folder it puts the database, keys, models and images back where the
// database expects them, owner-only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	cpSync,
	existsSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { operatorPrincipal } from '../access/principal';
import { addModel } from '../ai/model-registry.service';
import { openDatabase } from '../db/client';
import { verifyAuditChain } from '../audit/audit.service';
import { verifyCheckpoints } from '../audit/checkpoint-verify';
import { signingKey } from '../export/signing-key';
import { Conflict } from '../errors';
import { backupWorld, readManifest, resign } from './backup-world.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { createBackup } from './backup.service';
import { restoreBackup } from './restore.service';

afterEach(() => {
	vi.unstubAllEnvs();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
const demoModel = (file: string) => join('studies/demo-crossover/model', file);

// Restore puts back SQLite's database file; on PostgreSQL it is refused (below).
describe.skipIf(onPostgres)('restoreBackup', () => {
	it('refuses an existing database, a non-empty folder and a different file where it would write, naming each, and writes nothing', async () => {
		const world = await backupWorld();
		const backup = join(world.work, 'backup');
		await createBackup(world.db, operatorPrincipal(), backup);

		await expect(restoreBackup(backup, world.database)).rejects.toThrow(
			new Conflict(
				`${world.database} already exists: restore writes into an empty location only (move it aside, or give another --to).`
			)
		);

		const crowded = join(world.work, 'crowded');
		await restoreBackup(backup, join(crowded, 'first.db'));
		await expect(restoreBackup(backup, join(crowded, 'second.db'))).rejects.toThrow(
			`${crowded} is not empty (audit-checkpoints.jsonl, deid-keys, first.db, …): restore writes into an empty location only.`
		);

		const image = join(world.studyDir, 'images/K3/001.dcm');
		writeFileSync(image, 'changed since the backup');
		const target = join(world.work, 'elsewhere', 'tandem.db');
		await expect(restoreBackup(backup, target)).rejects.toThrow(
			`${image} already exists and differs from the backup's studies/mini-study/images/K3/001.dcm`
		);
		expect(existsSync(dirname(target))).toBe(false);
		expect(readdirSync(world.work).filter((name) => name.includes('.restoring-'))).toEqual([]);
		expect(readdirSync(join(world.studyDir, 'images/K3'))).toEqual(['001.dcm']);
	});

	it('after the data folder and the study folder are lost, puts everything back where the database expects it', async () => {
		const world = await backupWorld();
		const { model } = await addModel(world.db, operatorPrincipal(), {
			name: 'demo-lesion-detector',
			version: '1.0.0',
			file: demoModel('demo-lesion-detector.onnx'),
			manifest: demoModel('model.json')
		});
		const backup = join(world.work, 'backup');
		await createBackup(world.db, operatorPrincipal(), backup);
		const manifest = readManifest(backup);
		const image = join(world.studyDir, 'images/K5/001.dcm');
		const imageBytes = readFileSync(image);
		world.db.$client.close();
		rmSync(dirname(world.database), { recursive: true });
		rmSync(world.studyDir, { recursive: true });

		// A backup whose database fails its checks (its audit chain cut, then re-signed) is refused
		// after the images were written back under temporary names: they go again.
		const damaged = join(world.work, 'damaged');
		cpSync(backup, damaged, { recursive: true });
		const sql = new Database(join(damaged, 'data/tandem.db'));
		for (const { name } of sql
			.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
			.all() as Array<{ name: string }>)
			sql.exec(`DROP TRIGGER "${name}"`);
		sql.exec('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)');
		sql.close();
		resign(damaged);
		await expect(restoreBackup(damaged, world.database)).rejects.toThrow(
			`backup ${damaged} NOT intact: data/tandem.db: audit chain ends at sequence`
		);
		expect(existsSync(world.studyDir)).toBe(false);
		expect(existsSync(dirname(world.database))).toBe(false);

		const result = await restoreBackup(backup, world.database);
		expect(result).toMatchObject({ written: Object.keys(manifest.files).length, kept: 0 });
		expect(readFileSync(image)).toEqual(imageBytes);
		expect(readFileSync(model.path)).toEqual(readFileSync(demoModel('demo-lesion-detector.onnx')));
		expect(existsSync(join(dirname(world.database), 'deid-keys/mini-study.key'))).toBe(true);
		expect(modeOf(dirname(world.database))).toBe(0o700);
		for (const file of [world.database, join(dirname(world.database), 'signing-key.pem')])
			expect(modeOf(file)).toBe(0o600);
		expect(readdirSync(dirname(world.work)).filter((name) => name.includes('.restoring-'))).toEqual(
			[]
		);
		const restored = openDatabase(world.database);
		expect(await verifyAuditChain(restored)).toMatchObject({
			ok: true,
			count: manifest.auditChain.seq
		});
		// The checkpoint file is back beside the database: the signed checkpoints hold there.
		expect(modeOf(join(dirname(world.database), 'audit-checkpoints.jsonl'))).toBe(0o600);
		expect(
			await verifyCheckpoints(restored, { publicKeyPem: signingKey().publicKeyPem })
		).toMatchObject({
			problems: [],
			checkpoints: 1,
			last: manifest.auditCheckpoints.last
		});
		restored.$client.close();
	});
});

describe.runIf(onPostgres)('restoreBackup on PostgreSQL', () => {
	it('refuses, naming PostgreSQL’s own tools, and writes nothing', async () => {
		const world = await backupWorld();
		const target = join(world.work, 'restored', 'tandem.db');
		await expect(restoreBackup(join(world.work, 'backup'), target)).rejects.toThrow(
			/^Tandem's restore puts back a SQLite database; this one runs on PostgreSQL \(DATABASE_URL\): restore the database with PostgreSQL's own tools \(pg_restore, or a base backup with point-in-time recovery\)/
		);
		expect(existsSync(dirname(target))).toBe(false);
	});
});

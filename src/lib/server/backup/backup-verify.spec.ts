// A backup that was changed after it was written is refused, naming the file: a byte in the
// database copy or an image, the manifest, a missing key, an added file, a manifest signed by
// another key — and, for someone who re-signs with the backup's own key, the deeper checks: the
// audit chain's head, a lock fingerprint, an image against the database's record of it — and the
// signed audit checkpoints: the checkpoint file removed or edited, a chain rewritten consistently.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { operatorPrincipal } from '../access/principal';
import { checkpointSignatureValid } from '../audit/checkpoint-record';
import { readCheckpointFile } from '../audit/checkpoint-file';
import { rewriteChain } from '$fixtures/audit-attack.fixture';
import { lockStudy } from '../export/lock.service';
import { backupWorld, readManifest, resign, type BackupWorld } from './backup-world.fixture';
import { createBackup } from './backup.service';
import { verifyBackup } from './backup-verify';
import { restoreBackup } from './restore.service';
import { BackupNotIntact } from './backup-not-intact';
import { signer } from '$fixtures/signer.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';

let world: BackupWorld;
let pristine: string;
let copies = 0;
const CHECKPOINTS = 'data/audit-checkpoints.jsonl';

beforeAll(async () => {
	if (onPostgres) return;
	world = await backupWorld();
	const admin = await signer(world.db);
	await lockStudy(world.db, admin.principal, 'mini-study', 'all reads in', admin.signature);
	pristine = join(world.work, 'pristine');
	await createBackup(world.db, operatorPrincipal(), pristine);
});

afterAll(() => {
	vi.unstubAllEnvs();
});

/** A fresh copy of the good backup to damage. */
function copyOfBackup(): string {
	const dir = join(world.work, `copy-${++copies}`);
	cpSync(pristine, dir, { recursive: true });
	return dir;
}

function flipByte(path: string, offset = 200): void {
	const bytes = readFileSync(path);
	const at = offset % bytes.length;
	bytes[at] = bytes[at]! ^ 0x01;
	writeFileSync(path, bytes);
}

/** The verdict of verify and of restore, which must agree and leave nothing behind. */
async function refusal(dir: string): Promise<{ file: string; problem: string }> {
	const target = join(world.work, `restore-${copies}`, 'tandem.db');
	const [verified, restored] = await Promise.allSettled([
		verifyBackup(dir),
		restoreBackup(dir, target)
	]);
	expect(verified.status).toBe('rejected');
	expect(restored.status).toBe('rejected');
	const error = (verified as PromiseRejectedResult).reason as BackupNotIntact;
	expect(error).toBeInstanceOf(BackupNotIntact);
	expect((restored as PromiseRejectedResult).reason).toMatchObject({
		file: error.file,
		problem: error.problem
	});
	// Nothing half-restored: no target folder, no temporary folder beside it.
	expect(existsSync(dirname(target))).toBe(false);
	expect(readdirSync(world.work).filter((name) => name.includes('.restoring-'))).toEqual([]);
	return { file: error.file, problem: error.problem };
}

// The backups of SQLite's database file (backup-dialect.ts: none on PostgreSQL, refused in
// backup.service.spec.ts).
describe.skipIf(onPostgres)('verifyBackup', () => {
	it('passes the backup as written, with its lock fingerprint recomputed', async () => {
		const verdict = await verifyBackup(pristine);
		expect(verdict).toMatchObject({ studies: 1, locked: 1, images: 12 });
		expect(verdict.manifest.studies[0]!.lock?.fingerprint).toBe(
			verdict.manifest.studies[0]!.lock?.recomputed
		);
	});

	it('carries the copy’s last signed audit checkpoint in the manifest, with the checkpoint file', async () => {
		const manifest = readManifest(pristine);
		const { last, file } = manifest.auditCheckpoints;
		expect(file).toBe(CHECKPOINTS);
		expect(manifest.files[CHECKPOINTS]?.sha256).toMatch(/^[0-9a-f]{64}$/);
		// The lock signed the head; the backup found it signed already and carries that checkpoint.
		expect(last).toMatchObject({
			seq: manifest.auditChain.seq,
			hash: manifest.auditChain.hash,
			occasion: 'lock'
		});
		const publicKeyPem = readFileSync(join(pristine, 'public-key.pem'), 'utf8');
		expect(checkpointSignatureValid(last!, publicKeyPem)).toBe(true);
		expect(readCheckpointFile(join(pristine, CHECKPOINTS)).checkpoints.at(-1)).toEqual(last);
		const verdict = await verifyBackup(pristine);
		expect(verdict.checkpoints).toBe(1);
	});

	it('refuses a changed byte in the database copy, naming it', async () => {
		const dir = copyOfBackup();
		flipByte(join(dir, 'data/tandem.db'), 5000);
		expect(await refusal(dir)).toEqual({
			file: 'data/tandem.db',
			problem: 'SHA-256 differs from the manifest (file altered)'
		});
	});

	it('refuses a changed byte in an image, naming it', async () => {
		const dir = copyOfBackup();
		flipByte(join(dir, 'studies/mini-study/images/K7/001.dcm'), 131);
		expect((await refusal(dir)).file).toBe('studies/mini-study/images/K7/001.dcm');
	});

	it('refuses an edited manifest (the signature no longer holds)', async () => {
		const dir = copyOfBackup();
		const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
		writeFileSync(join(dir, 'manifest.json'), text.replace('"seq": ', '"seq": 1'));
		expect(await refusal(dir)).toEqual({
			file: 'manifest.json',
			problem: 'signature does not match (manifest or signature altered)'
		});
	});

	it('refuses a backup whose signing key or de-identification key is missing', async () => {
		for (const name of ['data/signing-key.pem', 'data/deid-keys/mini-study.key']) {
			const dir = copyOfBackup();
			rmSync(join(dir, name));
			expect(await refusal(dir)).toEqual({ file: name, problem: 'missing' });
		}
	});

	it('refuses a file the manifest does not list', async () => {
		const dir = copyOfBackup();
		writeFileSync(join(dir, 'studies/mini-study/images/K1/002.dcm'), 'extra');
		expect(await refusal(dir)).toEqual({
			file: 'studies/mini-study/images/K1/002.dcm',
			problem: 'not listed in the manifest'
		});
	});

	it('refuses a manifest signed by another key than the backup’s own', async () => {
		const dir = copyOfBackup();
		const other = generateKeyPairSync('ed25519');
		const text = readFileSync(join(dir, 'manifest.json'));
		writeFileSync(join(dir, 'manifest.sig'), sign(null, text, other.privateKey).toString('base64'));
		writeFileSync(
			join(dir, 'public-key.pem'),
			other.publicKey.export({ type: 'spki', format: 'pem' }).toString()
		);
		expect((await refusal(dir)).file).toBe('public-key.pem');
	});

	it('refuses a re-signed backup whose audit chain was cut, whose locked data changed, or whose image differs from the database', async () => {
		const cut = copyOfBackup();
		withCopy(cut, (sql) => {
			sql.exec('DROP TRIGGER IF EXISTS audit_events_no_delete');
			for (const { name } of sql
				.prepare(
					"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
				)
				.all() as Array<{ name: string }>)
				sql.exec(`DROP TRIGGER "${name}"`);
			sql.exec('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)');
		});
		resign(cut);
		const chain = await refusal(cut);
		expect(chain.file).toBe('data/tandem.db');
		expect(chain.problem).toMatch(/^audit chain ends at sequence \d+ .*, the manifest says \d+/);

		const truth = copyOfBackup();
		withCopy(truth, (sql) => {
			for (const { name } of sql
				.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
				.all() as Array<{ name: string }>)
				sql.exec(`DROP TRIGGER "${name}"`);
			sql.exec('UPDATE reference_truth SET truth = 1 - truth WHERE id = 1');
		});
		resign(truth);
		expect(await refusal(truth)).toEqual({
			file: 'data/tandem.db',
			problem: 'study mini-study: its data no longer gives the fingerprint the manifest recorded'
		});

		const image = copyOfBackup();
		writeFileSync(join(image, 'studies/mini-study/images/K2/001.dcm'), 'not the imported image');
		resign(image);
		expect(await refusal(image)).toEqual({
			file: 'studies/mini-study/images/K2/001.dcm',
			problem: "SHA-256 differs from the database's record of the image"
		});
		expect(readManifest(image).problems).toEqual([]);
	});
});

describe.skipIf(onPostgres)('verifyBackup: the signed audit checkpoints', () => {
	it('refuses a backup whose checkpoint file was removed, also when the manifest is re-signed without it', async () => {
		const removed = copyOfBackup();
		rmSync(join(removed, CHECKPOINTS));
		expect(await refusal(removed)).toEqual({ file: CHECKPOINTS, problem: 'missing' });

		const unlisted = copyOfBackup();
		rmSync(join(unlisted, CHECKPOINTS));
		resign(unlisted, (manifest) => {
			manifest.auditCheckpoints = { file: null, last: null };
		});
		expect(await refusal(unlisted)).toEqual({
			file: CHECKPOINTS,
			problem: `audit checkpoint file ${CHECKPOINTS} is missing, but the database holds 1 checkpoints`
		});
	});

	it('refuses a backup whose checkpoint file was edited, also when the manifest is re-signed', async () => {
		const edited = copyOfBackup();
		editLastCheckpoint(edited);
		expect(await refusal(edited)).toEqual({
			file: CHECKPOINTS,
			problem: 'SHA-256 differs from the manifest (file altered)'
		});

		const resigned = copyOfBackup();
		editLastCheckpoint(resigned);
		resign(resigned);
		const { seq } = readManifest(resigned).auditCheckpoints.last!;
		expect(await refusal(resigned)).toEqual({
			file: CHECKPOINTS,
			problem: `audit checkpoint at sequence ${seq} is in the database but not in ${CHECKPOINTS} (the file was cut or replaced)`
		});
	});

	it('refuses a re-signed backup whose audit chain was rewritten consistently, naming the range', async () => {
		const dir = copyOfBackup();
		let head = { seq: 0, hash: '' };
		withCopy(dir, (sql) => {
			rewriteChain(sql, 3, 'reader.enrolled.forged');
			head = sql.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as {
				seq: number;
				hash: string;
			};
		});
		resign(dir, (manifest) => {
			expect(head.seq).toBe(manifest.auditChain.seq);
			expect(head.hash).not.toBe(manifest.auditChain.hash);
			manifest.auditChain = head;
		});
		expect(await refusal(dir)).toEqual({
			file: 'data/tandem.db',
			problem: expect.stringMatching(
				new RegExp(
					`^audit chain REWRITTEN between sequences 1 and ${head.seq}: sequence ${head.seq} does not have the hash signed at \\S+Z \\(lock\\)`
				)
			)
		});
	});

	it('refuses a re-signed manifest whose checkpoint is not the database’s last', async () => {
		const dropped = copyOfBackup();
		resign(dropped, (manifest) => {
			manifest.auditCheckpoints.last = null;
		});
		const seq = readManifest(pristine).auditCheckpoints.last!.seq;
		expect(await refusal(dropped)).toEqual({
			file: 'data/tandem.db',
			problem: `its last signed audit checkpoint is at sequence ${seq}, the manifest names none`
		});

		const other = copyOfBackup();
		resign(other, (manifest) => {
			manifest.auditCheckpoints.last!.signedAt = '2020-01-01T00:00:00.000Z';
		});
		expect(await refusal(other)).toEqual({
			file: 'data/tandem.db',
			problem: `its last signed audit checkpoint (sequence ${seq}) is not the one the manifest carries (sequence ${seq}, signed at 2020-01-01T00:00:00.000Z)`
		});
	});
});

/** Changes the hash signed in the checkpoint file's last line (its signature no longer holds). */
function editLastCheckpoint(dir: string): void {
	const path = join(dir, CHECKPOINTS);
	const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
	const last = JSON.parse(lines.at(-1)!) as { hash: string };
	last.hash = last.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
	lines[lines.length - 1] = JSON.stringify(last);
	writeFileSync(path, `${lines.join('\n')}\n`);
}

function withCopy(dir: string, change: (sql: Database.Database) => void): void {
	const sql = new Database(join(dir, 'data/tandem.db'));
	change(sql);
	sql.close();
}

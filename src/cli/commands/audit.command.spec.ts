// `tandem audit verify` end to end: the hash chain, then the signed checkpoints — a rewritten or cut
// chain fails (exit 1) naming the first bad sequence; `audit checkpoint` signs the head now.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { recordAudit } from '../../lib/server/audit/audit.service';
import { checkpointChain, lastCheckpoint } from '../../lib/server/audit/checkpoint.service';
import { CHECKPOINT_FILE } from '../../lib/server/audit/checkpoint-file';
import { systemPrincipal } from '../../lib/server/access/principal';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { runCli } from '$fixtures/run-cli.fixture';
import { cutChainTail, eraseCheckpoints, rewriteChain } from '$fixtures/audit-attack.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';

afterEach(() => vi.unstubAllEnvs());

/** 12 events, checkpoints at 5 (manual) and 10 (lock), in the database the commands use. */
async function trail() {
	const folder = await dataFolder();
	const { db } = folder;
	const add = async (count: number) => {
		for (let index = 0; index < count; index++)
			await recordAudit(db, systemPrincipal('test'), { action: 'step', entityType: 'thing' });
	};
	await add(5);
	await checkpointChain(db, 'manual');
	await add(5);
	const last = (await checkpointChain(db, 'lock'))!;
	await add(2);
	return { ...folder, last };
}

describe('tandem audit verify', () => {
	it('passes a clean trail, naming the last checkpoint and the events after it', async () => {
		const { env, last } = await trail();
		const run = runCli(['audit', 'verify'], env);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toBe(
			`audit chain intact: 12 events\nlast signed checkpoint: sequence 10 of ${last.signedAt} (lock), hash ${last.hash}; 2 events after it (2 checkpoints checked)\n`
		);
	});

	it('fails a chain rewritten from scratch, and a cut tail, naming the sequence', async () => {
		const { env, db } = await trail();
		await rewriteChain(db, 7, 'step.forged');
		const rewritten = runCli(['audit', 'verify'], env);
		expect(rewritten.status).toBe(1);
		expect(rewritten.stdout).toBe('');
		expect(rewritten.stderr).toMatch(/^audit chain REWRITTEN between sequences 6 and 10: /);

		await cutChainTail(db, 8);
		const cut = runCli(['audit', 'verify'], env);
		expect(cut.status).toBe(1);
		// The rewrite before the cut is still there (checkpoint 5 holds, 10 is gone).
		expect(cut.stderr).toBe(
			'audit chain TRUNCATED at sequence 9: the chain ends at sequence 8 but a signed checkpoint covers sequence 10\n'
		);
	});

	it('checks against a given public key and a checkpoint held elsewhere; signs on demand', async () => {
		const { env, folder, db, last } = await trail();
		const publicKey = (name: string, pem: string | Buffer) => {
			const path = join(folder, name);
			writeFileSync(path, createPublicKey(pem).export({ type: 'spki', format: 'pem' }));
			return path;
		};
		const server = publicKey('server.pem', readFileSync(join(folder, 'signing-key.pem')));
		const other = publicKey(
			'other.pem',
			generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })
		);
		expect(runCli(['audit', 'verify', '--public-key', server], env).status).toBe(0);
		const wrongKey = runCli(['audit', 'verify', '--public-key', other], env);
		expect(wrongKey.status).toBe(1);
		expect(wrongKey.stderr).toMatch(/^audit checkpoint FORGED at sequence 5: /);

		const signed = runCli(['audit', 'checkpoint'], env);
		expect(signed.status).toBe(0);
		const now = (await lastCheckpoint(db))!;
		expect(signed.stdout).toBe(
			`signed checkpoint: sequence 12, hash ${now.hash}, at ${now.signedAt}\n`
		);

		// Every checkpoint gone from the database and the file, then the tail cut: only a
		// checkpoint kept elsewhere (here in an export manifest) still shows it.
		const manifest = join(folder, 'manifest.json');
		writeFileSync(manifest, JSON.stringify({ format: 'x', auditChain: { checkpoint: last } }));
		await eraseCheckpoints(db);
		await cutChainTail(db, 9);
		// On PostgreSQL the checkpoints are kept in the table only: there is no file beside it.
		if (!onPostgres) rmSync(join(folder, CHECKPOINT_FILE));
		expect(runCli(['audit', 'verify'], env).stdout).toBe(
			'audit chain intact: 9 events\nlast signed checkpoint: none yet (9 events unsigned)\n'
		);
		const held = runCli(['audit', 'verify', '--checkpoint', manifest], env);
		expect(held.status).toBe(1);
		expect(held.stderr).toBe(
			'audit chain TRUNCATED at sequence 10: the chain ends at sequence 9 but a signed checkpoint covers sequence 10\n'
		);
		const none = join(folder, 'none.json');
		writeFileSync(none, '{"files": {}}');
		const useless = runCli(['audit', 'verify', '--checkpoint', none], env);
		expect(useless.status).toBe(2);
		expect(useless.stderr).toContain(`--checkpoint: ${none} holds no signed audit checkpoint`);
	});
});

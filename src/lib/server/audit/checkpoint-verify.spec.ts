// `audit verify` beyond the hash chain: a chain rewritten from scratch, a cut tail, a forged
// checkpoint and a cut checkpoint file are all found against the signed checkpoints, naming the
// first sequence that no longer holds; a clean database passes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { recordAudit, verifyAuditChain } from './audit.service';
import { checkpointChain, checkpointsOf } from './checkpoint.service';
import { verifyCheckpoints } from './checkpoint-verify';
import { CHECKPOINT_FILE } from './checkpoint-file';
import { signCheckpoint } from './checkpoint-record';
import { signingKey } from '../export/signing-key';
import { systemPrincipal } from '../access/principal';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { cutChainTail, eraseCheckpoints, rewriteChain } from '$fixtures/audit-attack.fixture';
import type { Db } from '../db/client';

afterEach(() => vi.unstubAllEnvs());

/** 12 audit rows with signed checkpoints at 5 and 10. */
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
	await checkpointChain(db, 'lock');
	await add(2);
	return { ...folder, publicKeyPem: signingKey().publicKeyPem };
}

const verify = async (db: Db, publicKeyPem: string | null) =>
	await verifyCheckpoints(db, { publicKeyPem });

describe('verifyCheckpoints', () => {
	it('passes a clean trail and reports the last checkpoint and the rows after it', async () => {
		const { db, publicKeyPem } = await trail();
		const verdict = await verify(db, publicKeyPem);
		expect(verdict.problems).toEqual([]);
		expect(verdict.checkpoints).toBe(2);
		expect(verdict.last).toMatchObject({ seq: 10, occasion: 'lock' });
		expect(verdict.after).toBe(2);
	});

	it('finds a chain rewritten from scratch that the hash chain alone accepts, naming the seq', async () => {
		const { db, publicKeyPem } = await trail();
		await rewriteChain(db, 7, 'step.forged');
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 12 });
		expect((await verify(db, publicKeyPem)).problems).toEqual([
			{
				seq: 10,
				problem: expect.stringMatching(
					/^audit chain REWRITTEN between sequences 6 and 10: sequence 10 does not have the hash signed at \S+Z \(lock\)/
				)
			}
		]);
	});

	it('finds a rewrite before the first checkpoint, from the genesis on', async () => {
		const { db, publicKeyPem } = await trail();
		await rewriteChain(db, 1, 'step.forged');
		expect((await verify(db, publicKeyPem)).problems[0]).toMatchObject({
			seq: 5,
			problem: expect.stringContaining('REWRITTEN between sequences 1 and 5')
		});
	});

	it('finds a cut tail against the last checkpoint', async () => {
		const { db, publicKeyPem } = await trail();
		await cutChainTail(db, 8);
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 8 });
		expect((await verify(db, publicKeyPem)).problems).toEqual([
			{
				seq: 9,
				problem:
					'audit chain TRUNCATED at sequence 9: the chain ends at sequence 8 but a signed checkpoint covers sequence 10'
			}
		]);
	});

	it('finds a forged checkpoint (one the server key did not sign)', async () => {
		const { db, folder, publicKeyPem } = await trail();
		// A checkpoint of the current head, signed with the attacker's own key, in both places.
		const attacker = generateKeyPairSync('ed25519');
		const head = (await sqlRow(
			db,
			'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1'
		)) as { seq: number; hash: string };
		const forged = signCheckpoint(
			{ ...head, rowCount: 12, signedAt: new Date().toISOString(), occasion: 'manual' },
			attacker.privateKey
		);
		await sqlRun(
			db,
			'INSERT INTO audit_checkpoints (seq, hash, row_count, signed_at, occasion, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
			forged.seq,
			forged.hash,
			forged.rowCount,
			forged.signedAt,
			forged.occasion,
			forged.keyId,
			forged.signature
		);
		if (!onPostgres) appendFileSync(join(folder, CHECKPOINT_FILE), `${JSON.stringify(forged)}\n`);
		const problems = (await verify(db, publicKeyPem)).problems;
		expect(problems[0]).toEqual({
			seq: 12,
			problem:
				"audit checkpoint FORGED at sequence 12: its signature does not verify under the server's key"
		});
	});

	it('refuses checkpoints signed by another key, and checkpoints without a key to check them', async () => {
		const { db, publicKeyPem } = await trail();
		const other = generateKeyPairSync('ed25519')
			.publicKey.export({ type: 'spki', format: 'pem' })
			.toString();
		expect((await verify(db, other)).problems[0]).toMatchObject({
			seq: 5,
			problem: expect.stringContaining('FORGED')
		});
		expect((await verify(db, null)).problems).toEqual([
			{
				seq: 5,
				problem:
					'audit checkpoints cannot be checked: there is no signing key (public key) to check them against'
			}
		]);
		expect((await verify(db, publicKeyPem)).problems).toEqual([]);
	});

	// The checkpoint file is SQLite's second copy; PostgreSQL keeps its checkpoints in the table only.
	it.skipIf(onPostgres)(
		'finds a checkpoint file that was cut or removed while the database kept its checkpoints',
		async () => {
			const { db, folder, publicKeyPem } = await trail();
			const file = join(folder, CHECKPOINT_FILE);
			const [firstLine] = readFileSync(file, 'utf8').split('\n');
			writeFileSync(file, `${firstLine}\n`);
			expect((await verify(db, publicKeyPem)).problems).toEqual([
				{
					seq: 10,
					problem: `audit checkpoint at sequence 10 is in the database but not in ${file} (the file was cut or replaced)`
				}
			]);
			rmSync(file);
			expect((await verify(db, publicKeyPem)).problems[0]).toEqual({
				seq: 5,
				problem: `audit checkpoint file ${file} is missing, but the database holds 2 checkpoints`
			});
		}
	);

	// As above: no file on PostgreSQL (the manifests' copies are checked in the next test).
	it.skipIf(onPostgres)(
		'still checks the chain against the file when the database lost its checkpoints',
		async () => {
			const { db, publicKeyPem } = await trail();
			await eraseCheckpoints(db);
			await rewriteChain(db, 3, 'step.forged');
			const verdict = await verify(db, publicKeyPem);
			expect(verdict.problems[0]).toMatchObject({
				seq: 5,
				problem: expect.stringContaining('REWRITTEN between sequences 1 and 5')
			});
			expect(verdict.notes).toEqual([
				'2 checkpoints are in the checkpoint file but not in the database (written during a crash, or removed from the database); they were checked all the same'
			]);
		}
	);

	it('checks the chain against a checkpoint held elsewhere (e.g. an export manifest)', async () => {
		const { db, folder, publicKeyPem } = await trail();
		const [, last] = await checkpointsOf(db);
		// The attacker removes every checkpoint, in the database and the file, then cuts the tail.
		await eraseCheckpoints(db);
		rmSync(join(folder, CHECKPOINT_FILE), { force: true });
		await cutChainTail(db, 9);
		expect((await verify(db, publicKeyPem)).problems).toEqual([]);
		expect((await verifyCheckpoints(db, { publicKeyPem, external: [last!] })).problems).toEqual([
			{
				seq: 10,
				problem:
					'audit chain TRUNCATED at sequence 10: the chain ends at sequence 9 but a signed checkpoint covers sequence 10'
			}
		]);
	});
});

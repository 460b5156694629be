// Signed checkpoints of the audit chain's head: every N rows, when the oldest unsigned row is T
// minutes old, and on demand; each in the append-only table and in the 0600 file beside the database.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { recordAudit } from './audit.service';
import {
	checkpointChain,
	checkpointIfDue,
	checkpointsOf,
	lastCheckpoint,
	signedChainHead
} from './checkpoint.service';
import { startCheckpointTimer } from './checkpoint-schedule';
import { checkpointSignatureValid } from './checkpoint-record';
import { CHECKPOINT_FILE } from './checkpoint-file';
import { signingKey } from '../export/signing-key';
import { systemPrincipal } from '../access/principal';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { sqlRow, sqlRun } from '$fixtures/sql.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { cutChainTail, rewriteChain } from '$fixtures/audit-attack.fixture';
import type { DbOrTx } from '../db/client';
import { transactionsSettled, withTransaction } from '../db/transaction';

const actor = systemPrincipal('test');
const record = async (db: DbOrTx, action: string, at?: Date) =>
	await recordAudit(db, actor, { action, entityType: 'thing' }, at);
/** Lets the after-commit checkpoint check run (on PostgreSQL it takes a few round trips). */
const settle = async (db: DbOrTx) => await transactionsSettled(db);

afterEach(() => {
	vi.unstubAllEnvs();
	vi.useRealTimers();
});

describe('audit checkpoints', () => {
	it('signs the head every N audit rows, in the table and in a 0600 file beside the database', async () => {
		const { db, folder } = await dataFolder();
		vi.stubEnv('TANDEM_AUDIT_CHECKPOINT_ROWS', '5');
		for (let index = 1; index <= 12; index++) {
			await record(db, `step.${index}`);
			await settle(db);
		}
		const checkpoints = await checkpointsOf(db);
		expect(checkpoints.map((row) => [row.seq, row.rowCount, row.occasion])).toEqual([
			[5, 5, 'periodic'],
			[10, 10, 'periodic']
		]);
		const hashAt = async (seq: number) =>
			(await sqlRow<{ hash: string }>(db, 'SELECT hash FROM audit_events WHERE seq = ?', seq))!
				.hash;
		expect(checkpoints[1]!.hash).toBe(await hashAt(10));
		expect(checkpoints[1]!.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const { publicKeyPem } = signingKey();
		expect(checkpoints.every((row) => checkpointSignatureValid(row, publicKeyPem))).toBe(true);
		expect(
			checkpointSignatureValid({ ...checkpoints[1]!, hash: await hashAt(9) }, publicKeyPem)
		).toBe(false);

		const file = join(folder, CHECKPOINT_FILE);
		// PostgreSQL keeps them in the table only: a file per server would miss the others' rows.
		if (onPostgres) expect(existsSync(file)).toBe(false);
		else {
			expect(statSync(file).mode & 0o777).toBe(0o600);
			const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
			expect(lines.map((line) => JSON.parse(line))).toEqual(checkpoints);
		}
	});

	it('signs committed rows only: the check runs once the writing transaction is over', async () => {
		const { db } = await dataFolder();
		vi.stubEnv('TANDEM_AUDIT_CHECKPOINT_ROWS', '2');
		await record(db, 'kept');
		await expect(
			(async () =>
				await withTransaction(db, async (tx) => {
					for (const action of ['gone.1', 'gone.2', 'gone.3']) await record(tx, action);
					throw new Error('rolled back');
				}))()
		).rejects.toThrow('rolled back');
		await settle(db);
		expect(await checkpointsOf(db)).toEqual([]);
		await withTransaction(db, async (tx) => {
			await record(tx, 'kept.2');
			await record(tx, 'kept.3');
		});
		await settle(db);
		expect((await checkpointsOf(db)).map((row) => [row.seq, row.rowCount])).toEqual([[3, 3]]);
	});

	it('signs within one check of the oldest unsigned row being T minutes old', async () => {
		const { db } = await dataFolder();
		// The check each audit row asks for runs now, after its write: at the rows' own time, it
		// finds nothing due.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-03-01T08:30:00Z'));
		const policy = { rows: 100, minutes: 60 };
		await record(db, 'a', new Date('2026-03-01T08:00:00Z'));
		await record(db, 'b', new Date('2026-03-01T08:30:00Z'));
		expect(await checkpointIfDue(db, policy, new Date('2026-03-01T08:59:59Z'))).toBeNull();
		const due = await checkpointIfDue(db, policy, new Date('2026-03-01T09:00:00Z'));
		expect(due).toMatchObject({
			seq: 2,
			occasion: 'periodic',
			signedAt: '2026-03-01T09:00:00.000Z'
		});
		// Nothing new to sign: no second checkpoint of the same head, however late.
		expect(await checkpointIfDue(db, policy, new Date('2026-03-02T09:00:00Z'))).toBeNull();
		expect(await checkpointsOf(db)).toHaveLength(1);
		// The age is the oldest row after the last checkpoint's, not the chain's first row.
		vi.setSystemTime(new Date('2026-03-02T09:30:00Z'));
		await record(db, 'c', new Date('2026-03-02T09:30:00Z'));
		expect(await checkpointIfDue(db, policy, new Date('2026-03-02T10:29:59Z'))).toBeNull();
		expect(await checkpointIfDue(db, policy, new Date('2026-03-02T10:30:00Z'))).toMatchObject({
			seq: 3
		});
	});

	it('runs the time rule from a timer, so a quiet tail is signed too', async () => {
		const { db } = await dataFolder();
		vi.stubEnv('TANDEM_AUDIT_CHECKPOINT_MINUTES', '1');
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
		vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
		await record(db, 'a');
		const stop = startCheckpointTimer(db);
		await vi.advanceTimersByTimeAsync(30_000);
		await settle(db);
		expect(await lastCheckpoint(db)).toBeNull();
		await vi.advanceTimersByTimeAsync(60_000);
		await settle(db);
		expect(await lastCheckpoint(db)).toMatchObject({ seq: 1, occasion: 'periodic' });
		stop();
	});

	it('signs on demand once per head, and reports the head with its checkpoint', async () => {
		const { db } = await dataFolder();
		expect(await signedChainHead(db)).toEqual({ head: null, checkpoint: null });
		await record(db, 'a');
		const first = await checkpointChain(db, 'lock');
		expect(first).toMatchObject({ seq: 1, occasion: 'lock' });
		expect(await checkpointChain(db, 'export')).toEqual(first);
		await record(db, 'b');
		const signed = await signedChainHead(db);
		expect(signed.head).toEqual({
			seq: 2,
			hash: (await sqlRow<{ hash: string }>(db, 'SELECT hash FROM audit_events WHERE seq = 2'))!
				.hash
		});
		expect(signed.checkpoint).toMatchObject({
			seq: 2,
			hash: signed.head!.hash,
			occasion: 'backup'
		});
		expect(await checkpointsOf(db)).toHaveLength(2);
	});

	it('refuses to sign a chain that no longer matches its last checkpoint', async () => {
		const { db } = await dataFolder();
		for (const action of ['a', 'b', 'c']) await record(db, action);
		await checkpointChain(db, 'manual');
		await record(db, 'd');
		await rewriteChain(db, 2, 'b.forged');
		await expect(checkpointChain(db, 'manual')).rejects.toThrow(
			'The audit chain does not match its last signed checkpoint (sequence 3): not signing it.'
		);
		await cutChainTail(db, 2);
		await expect(checkpointChain(db, 'manual')).rejects.toThrow(/sequence 3/);
		expect(await checkpointsOf(db)).toHaveLength(1);
	});

	it('keeps checkpoints append-only in the database itself', async () => {
		const { db } = await dataFolder();
		await record(db, 'a');
		await checkpointChain(db, 'manual');
		await expect(sqlRun(db, "UPDATE audit_checkpoints SET hash = 'x'")).rejects.toThrow(
			/append-only: UPDATE refused/
		);
		await expect(sqlRun(db, 'DELETE FROM audit_checkpoints')).rejects.toThrow(
			/append-only: DELETE refused/
		);
	});

	// SQLite's in-memory database (every spec's testDatabase() there); PostgreSQL has none.
	it.skipIf(onPostgres)(
		'makes none for an in-memory database (there is no folder to keep the file in)',
		async () => {
			const db = await testDatabase();
			vi.stubEnv('TANDEM_AUDIT_CHECKPOINT_ROWS', '1');
			await record(db, 'a');
			await settle(db);
			expect(await checkpointChain(db, 'manual')).toBeNull();
			expect(await checkpointsOf(db)).toEqual([]);
		}
	);
});

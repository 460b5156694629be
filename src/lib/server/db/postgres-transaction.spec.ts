// The turn of PostgreSQL transactions (postgres-transaction.ts): a transaction that seldom audits
// runs without waiting for it; one that appends to the audit chain after all is run again in turn,
// and what it did without the turn is never committed. Run in the PostgreSQL pass
// (TANDEM_TEST_DB=postgres); SQLite has one writer and no turn.
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { withTransaction } from './transaction';
import { rawRows } from './raw';
import { WRITE_TURN } from './postgres-transaction';
import { recordAudit, verifyAuditChain } from '../audit/audit.service';
import { systemPrincipal } from '../access/principal';
import { onPostgres } from '$fixtures/dialect.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { sqlExec, sqlRows } from '$fixtures/sql.fixture';

const SYSTEM = systemPrincipal('turn spec');

describe.skipIf(!onPostgres)('the turn of PostgreSQL transactions', () => {
	let db: Db;
	let holder: pg.PoolClient;

	beforeEach(async () => {
		db = await testDatabase();
		await sqlExec(db, 'CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)');
		// Another connection holds the turn, as a transaction of another process would.
		holder = await (db as unknown as { $client: pg.Pool }).$client.connect();
		await holder.query('SELECT pg_advisory_lock($1)', [WRITE_TURN]);
	});

	afterEach(() => {
		holder.release(true);
	});

	const notes = async () =>
		(await sqlRows<{ text: string }>(db, 'SELECT text FROM notes ORDER BY id')).map(
			(row) => row.text
		);

	it('runs a transaction that seldom audits, and does not, while another holds the turn', async () => {
		const saved = await withTransaction(
			db,
			async (tx) => {
				await rawRows(tx, sql`INSERT INTO notes (text) VALUES (${'draft'})`);
				return 'saved';
			},
			{ seldomAudits: true }
		);
		expect(saved).toBe('saved');
		expect(await notes()).toEqual(['draft']);
	});

	it('runs one that appends to the audit chain after all again, in turn: it waits, then commits once', async () => {
		let runs = 0;
		let done = false;
		const shown = withTransaction(
			db,
			async (tx) => {
				runs++;
				await rawRows(tx, sql`INSERT INTO notes (text) VALUES (${'shown'})`);
				await recordAudit(tx, SYSTEM, { action: 'case.shown', entityType: 'note' });
			},
			{ seldomAudits: true }
		).then(() => (done = true));
		// The first run stopped at the append and rolled back; the second waits for the turn.
		const waiting = async () =>
			Number(
				(
					await holder.query(
						"SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
					)
				).rows[0].n
			);
		while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(runs).toBe(1);
		expect(done).toBe(false);
		expect(await notes()).toEqual([]);
		await holder.query('SELECT pg_advisory_unlock($1)', [WRITE_TURN]);
		await shown;
		expect(runs).toBe(2);
		expect(await notes()).toEqual(['shown']);
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1 });
	});

	it('commits nothing of a body that caught the stop at its append', async () => {
		await holder.query('SELECT pg_advisory_unlock($1)', [WRITE_TURN]);
		const caught: string[] = [];
		await withTransaction(
			db,
			async (tx) => {
				await rawRows(tx, sql`INSERT INTO notes (text) VALUES (${'kept once'})`);
				try {
					await recordAudit(tx, SYSTEM, { action: 'case.shown', entityType: 'note' });
				} catch (error) {
					caught.push((error as Error).message);
				}
			},
			{ seldomAudits: true }
		);
		expect(caught).toEqual([
			'This transaction appends to the audit chain: it is run again, in turn.'
		]);
		expect(await notes()).toEqual(['kept once']);
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1 });
	});
});

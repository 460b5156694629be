// The PostgreSQL triggers (drizzle/pg) refuse what their SQLite twins (drizzle/) refuse, with the
// same messages: one trial, written to both databases stage by stage (open, frozen, locked), and
// every write of trigger-scenario.fixture.ts run against both, each in a transaction rolled back.
// On a real server (tests/fixtures/postgres.fixture.ts), migrated by openPostgres.
import Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePostgres, openPostgres, type PgDb } from './postgres';
import { TRIGGER_SCENARIO, type Probe } from './trigger-scenario.fixture';
import { TIME_IN } from './trigger-trial.fixture';
import { migrationsFolder, postgresMigrationsFolder } from '../config';
import { postgresTestDatabase, type TestDatabase } from '$fixtures/postgres.fixture';
import * as schema from './schema/definitions';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** Each PostgreSQL migration once: as many as this build carries. */
const PG_MIGRATIONS = readMigrationFiles({ migrationsFolder: postgresMigrationsFolder() }).length;

/** What a database answered: ok, a unique or foreign key violation, or a trigger's message. */
function outcomeOf(error: unknown): string {
	const { code, message } = error as { code?: string; message: string };
	if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return 'unique violation';
	if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'foreign key violation';
	// A trigger's refusal: SQLite's RAISE(ABORT, …), and PostgreSQL's SQLSTATE 23000.
	if (code === 'SQLITE_CONSTRAINT_TRIGGER' || code === '23000') return message;
	return `unexpected ${code}: ${message}`;
}

const statements = (probe: Probe) => (Array.isArray(probe.sql) ? probe.sql : [probe.sql]);
const sqliteText = (sql: string) => sql.replaceAll('$T', TIME_IN.sqlite);
const postgresText = (sql: string) => sql.replaceAll('$T', TIME_IN.postgres);

function trySqlite(sqlite: Database.Database, probe: Probe): string {
	sqlite.exec('BEGIN');
	try {
		for (const sql of statements(probe)) sqlite.exec(sqliteText(sql));
		return 'ok';
	} catch (error) {
		return outcomeOf(error);
	} finally {
		sqlite.exec('ROLLBACK');
	}
}

async function tryPostgres(client: pg.PoolClient, probe: Probe): Promise<string> {
	await client.query('BEGIN');
	try {
		for (const sql of statements(probe)) await client.query(postgresText(sql));
		return 'ok';
	} catch (error) {
		return outcomeOf(error);
	} finally {
		await client.query('ROLLBACK');
	}
}

let server: TestDatabase;
let db: PgDb;
let client: pg.PoolClient;
const sqlite = new Database(':memory:');

beforeAll(async () => {
	server = await postgresTestDatabase();
	db = await openPostgres(server.url, { poolSize: 2 });
	client = await db.$client.connect();
	sqlite.pragma('foreign_keys = ON');
	migrate(drizzle(sqlite, { schema }), { migrationsFolder: migrationsFolder() });
}, 120_000);

afterAll(async () => {
	client?.release();
	if (db) await closePostgres(db);
	await server?.dispose();
	sqlite.close();
});

describe('PostgreSQL triggers, beside their SQLite twins', () => {
	it('has a twin of every SQLite trigger, named alike', async () => {
		const sqliteNames = (
			sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
				name: string;
			}[]
		).map((row) => row.name);
		const { rows } = await client.query<{ name: string }>(
			'SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal'
		);
		const postgresNames = new Set(rows.map((row) => row.name));
		// The frozen-dataset guards are `…_while_frozen` here, so that they fire after the lock's.
		const twinOf = (name: string) =>
			name
				.replace(/^truth_frozen_no_(\w+)$/, 'reference_truth_no_$1_while_frozen')
				.replace(/^(\w+)_frozen_no_(insert|update|delete)$/, '$1_no_$2_while_frozen');
		expect(sqliteNames.length).toBe(92);
		expect(sqliteNames.map(twinOf).filter((name) => !postgresNames.has(name))).toEqual([]);
		// Beyond the twins: TRUNCATE refused on the append-only tables, and the updated memberships'
		// guard as two triggers (old row, new row).
		const twins = new Set(sqliteNames.map(twinOf));
		expect([...postgresNames].filter((name) => !twins.has(name)).sort()).toEqual([
			'annotations_no_truncate',
			'anomaly_classifications_no_truncate',
			'audit_checkpoints_no_truncate',
			'audit_events_no_truncate',
			'independence_checks_no_truncate',
			'memberships_no_update_after_lock_new',
			'qc_checks_no_truncate',
			'qc_overrides_no_truncate',
			'query_answers_no_truncate',
			'reads_no_truncate',
			'signatures_no_truncate',
			'truth_decisions_no_truncate'
		]);
	});

	// One test per stage, in order: each builds on the rows the stages before it wrote.
	for (const stage of TRIGGER_SCENARIO)
		it(`answers every write in ${stage.name} as SQLite does`, async () => {
			for (const sql of stage.setup) {
				sqlite.exec(sqliteText(sql));
				await client.query(postgresText(sql));
			}
			const answers = [];
			for (const probe of stage.probes)
				answers.push({
					sql: probe.sql,
					sqlite: trySqlite(sqlite, probe),
					postgres: await tryPostgres(client, probe)
				});
			expect(answers).toEqual(
				stage.probes.map((probe) => ({
					sql: probe.sql,
					sqlite: probe.expect,
					postgres: probe.expect
				}))
			);
		});

	it('applies nothing when the migrated database is opened again', async () => {
		const applied = () =>
			client.query('SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id');
		const triggers = () =>
			client.query('SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal');
		const [before, triggersBefore] = [(await applied()).rows, (await triggers()).rows];
		expect(before).toHaveLength(PG_MIGRATIONS);
		await closePostgres(await openPostgres(server.url, { poolSize: 1 }));
		expect((await applied()).rows).toEqual(before);
		expect((await triggers()).rows).toEqual(triggersBefore);
		expect(triggersBefore).toEqual([{ n: 104 }]);
	});

	it('refuses TRUNCATE of an append-only table (PostgreSQL only: SQLite has none)', async () => {
		const truncate = (table: string) =>
			tryPostgres(client, { sql: `TRUNCATE ${table} CASCADE`, expect: '' });
		expect(await truncate('audit_events')).toBe('audit_events is append-only: TRUNCATE refused');
		expect(await truncate('signatures')).toBe('signatures are append-only: TRUNCATE refused');
		// Truncating a table the reads hang from reaches the reads, and is refused with them.
		expect(await truncate('assignments')).toBe('a submitted read is immutable: TRUNCATE refused');
	});
});

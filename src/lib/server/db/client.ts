// Opens the process's database: the embedded SQLite database (TANDEM_DB) with the settings trial
// data needs, or PostgreSQL when DATABASE_URL is set (postgres.ts); either is migrated on opening.
// On PostgreSQL the handle is drizzle's node-postgres one, typed as the SQLite one (the tables'
// types are the same: schema/index.ts), so that services are written and typed once.
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { asyncDatabase, type AsyncSQLiteDatabase } from './sqlite-async';
import { statementGate, transactionsSettled } from './transaction';
import { databasePath, migrationsFolder } from '../config';
import { processDialect } from './dialect';
import { closePostgres, openPostgres, type PgDb } from './postgres';
import { isPostgresHandle } from './postgres-transaction';
import { ensurePrivateFile, makePrivateFolder, restrictToOwner } from '../private-files';

/** The database, asynchronous as on every dialect (queries are awaited). */
export type Db = AsyncSQLiteDatabase<typeof schema>;
/** The handle inside `withTransaction(db, async (tx) => …)`; services take either. */
export type Tx = SQLiteTransaction<
	'async',
	Database.RunResult,
	typeof schema,
	ExtractTablesWithRelations<typeof schema>
>;
export type DbOrTx = Db | Tx;

/** The asynchronous handle on a connection that is already open (no migrations run). */
export function databaseOn(sqlite: Database.Database): Db {
	return asyncDatabase(drizzle(sqlite, { schema }), statementGate(sqlite));
}

export function openDatabase(file: string = databasePath()): Db {
	const onDisk = file !== ':memory:';
	// Created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the same mode.
	if (onDisk) {
		makePrivateFolder(dirname(file));
		ensurePrivateFile(file);
	}
	const sqlite = new Database(file);
	// WAL for concurrent readers; FULL sync so an acknowledged write survives a power cut;
	// foreign keys on, so restrict rules hold; wait rather than fail when the CLI and server both write.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	migrate(drizzle(sqlite, { schema }), { migrationsFolder: migrationsFolder() });
	// After the first write the -wal and -shm files exist; ones left from before are narrowed too.
	if (onDisk) for (const suffix of ['-wal', '-shm']) restrictToOwner(`${file}${suffix}`);
	return databaseOn(sqlite);
}

let shared: Db | undefined;

/**
 * Opens the process-wide database: PostgreSQL (DATABASE_URL) or SQLite (TANDEM_DB). The server's
 * start, the command line and the worker call it before anything else; getDatabase() then
 * returns it. (SQLite also opens on first use, for the specs.)
 */
export async function openProcessDatabase(): Promise<Db> {
	if (shared) return shared;
	const opened =
		processDialect() === 'postgres' ? (postgresAsDb(await openPostgres()) as Db) : openDatabase();
	shared ??= opened;
	return shared;
}

/** A PostgreSQL handle where the services take a Db (see the header). */
export function postgresAsDb(db: PgDb): Db {
	return db as unknown as Db;
}

/** The process-wide database, opened by openProcessDatabase (SQLite: opened on first use). */
export function getDatabase(): Db {
	if (shared) return shared;
	if (processDialect() === 'postgres')
		throw new Error(
			'The PostgreSQL database (DATABASE_URL) is opened when the process starts: call openProcessDatabase() first.'
		);
	shared = openDatabase();
	return shared;
}

/** Closes a database handle: SQLite's file, or PostgreSQL's pool (after the queries under way). */
export async function closeHandle(db: Db): Promise<void> {
	if (isPostgresHandle(db)) await closePostgres(db as unknown as PgDb);
	else if (db.$client.open) db.$client.close();
}

/** Closes the process-wide database once the work queued after its transactions (a refusal's audit row) is done. */
export async function closeDatabase(): Promise<void> {
	const db = shared;
	shared = undefined;
	if (!db) return;
	await transactionsSettled(db);
	await closeHandle(db);
}

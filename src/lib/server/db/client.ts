// Opens the embedded SQLite database with the settings trial data needs, and applies migrations.
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';
import { asyncDatabase, type AsyncSQLiteDatabase } from './sqlite-async';
import { statementGate } from './transaction';
import { databasePath, migrationsFolder } from '../config';
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

/** The process-wide database (TANDEM_DB), opened and migrated on first use. */
export function getDatabase(): Db {
	shared ??= openDatabase();
	return shared;
}

export function closeDatabase(): void {
	shared?.$client.close();
	shared = undefined;
}

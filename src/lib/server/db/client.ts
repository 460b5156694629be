// Opens the embedded SQLite database with the settings trial data needs, and applies migrations.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { databasePath, migrationsFolder } from '../config';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle inside `db.transaction(...)`; services take either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function openDatabase(file: string = databasePath()): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const sqlite = new Database(file);
	// WAL for concurrent readers; FULL sync so an acknowledged write survives a power cut;
	// foreign keys on, so restrict rules hold; wait rather than fail when the CLI and server both write.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder: migrationsFolder() });
	return db as Db;
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

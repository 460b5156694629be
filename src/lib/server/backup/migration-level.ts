// How a database file's schema stands against this Tandem's migrations, read without changing the
// file: drizzle records each applied migration with its folder's timestamp.
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../config';

/** The timestamp of the last migration applied to the file, or null before any. */
export function lastMigration(sqlite: Database.Database): number | null {
	const table = sqlite
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
		.get();
	if (!table) return null;
	const row = sqlite.prepare('SELECT max(created_at) AS last FROM __drizzle_migrations').get() as {
		last: number | string | null;
	};
	return row.last === null ? null : Number(row.last);
}

/** 'behind': this Tandem would migrate the file; 'ahead': a newer Tandem made it. */
export function migrationLevel(sqlite: Database.Database): 'current' | 'behind' | 'ahead' {
	const known = readMigrationFiles({ migrationsFolder: migrationsFolder() });
	const newest = Math.max(0, ...known.map((migration) => migration.folderMillis));
	const applied = lastMigration(sqlite) ?? 0;
	return applied === newest ? 'current' : applied < newest ? 'behind' : 'ahead';
}

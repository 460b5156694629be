// A statement written in SQL rather than with drizzle's builder, run on either dialect: rows as
// plain objects. Write it in the SQL both share, with aliases in double quotes (PostgreSQL folds
// unquoted ones to lower case), and wrap what PostgreSQL answers as text (count(*) is a bigint,
// returned as a string) in Number() or cast it in SQL.
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';
import { isPostgresHandle } from './postgres-transaction';

export async function rawRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
	if (isPostgresHandle(db))
		return (await (db as unknown as PgDatabase<NodePgQueryResultHKT>).execute(query)).rows as T[];
	return (await db.all(query)) as T[];
}

/** The database engine and its version, e.g. "SQLite 3.50.4" or "PostgreSQL 15.14". */
export async function databaseEngine(db: DbOrTx): Promise<string> {
	const [row] = isPostgresHandle(db)
		? await rawRows<{ v: string }>(db, sql`SELECT current_setting('server_version') AS v`)
		: await rawRows<{ v: string }>(db, sql`SELECT sqlite_version() AS v`);
	return `${isPostgresHandle(db) ? 'PostgreSQL' : 'SQLite'} ${row?.v ?? 'unknown version'}`;
}

// Statements built and prepared once per database connection, then reused (drizzle `.prepare()`
// with `sql.placeholder`): on the read path, building a query (drizzle) and compiling it (SQLite)
// cost more than running it. Kept per connection, in a WeakMap on the better-sqlite3 handle: tests
// open many databases, and a statement runs only on the connection it was prepared on. A
// transaction's handle shares its database's connection, so a statement run inside a transaction
// is part of it.
//
// On PostgreSQL a statement prepared on the pool would run outside the caller's transaction, so
// there the statements are built for the handle given (a transaction's, or the database's) on
// every call, with SQLite's get/all/run answered by drizzle's execute.
import { is } from 'drizzle-orm';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from './client';
import { isPostgresHandle } from './postgres-transaction';
import { rootOf } from './root-handle';

type Values = Record<string, unknown> | undefined;
type Executable = { execute(values?: Values): Promise<unknown> };

/** A PostgreSQL prepared query answering SQLite's get (first row), all and run. */
function asSqliteStatement(query: Executable) {
	return {
		all: (values?: Values) => query.execute(values),
		run: (values?: Values) => query.execute(values),
		get: async (values?: Values) => ((await query.execute(values)) as unknown[])[0]
	};
}

/**
 * On PostgreSQL: the statements built for the handle given, answering get/all/run; what else the
 * builder returns (a cache) is the one built first for this database, kept like SQLite's.
 */
function onPostgres<T>(built: T, kept: T): T {
	if (is(built, PgPreparedQuery)) return asSqliteStatement(built as Executable) as T;
	if (
		typeof built !== 'object' ||
		built === null ||
		Object.getPrototypeOf(built) !== Object.prototype
	)
		return kept;
	return Object.fromEntries(
		Object.entries(built).map(([key, value]) => [
			key,
			onPostgres(value, (kept as Record<string, unknown>)[key])
		])
	) as T;
}

/** `build` run once per connection; its result (the prepared statements) for the handle's connection. */
export function perConnection<T>(build: (db: Db) => T): (db: DbOrTx) => T {
	const built = new WeakMap<object, T>();
	return (db) => {
		const root = rootOf(db);
		if (!root) throw new Error('No database connection behind this handle.');
		if (isPostgresHandle(db)) {
			let kept = built.get(root.$client);
			if (kept === undefined) built.set(root.$client, (kept = build(root)));
			return onPostgres(build(db as Db), kept);
		}
		let value = built.get(root.$client);
		if (value === undefined) {
			value = build(root);
			built.set(root.$client, value);
		}
		return value;
	};
}

// Statements built and prepared once per database connection, then reused (drizzle `.prepare()`
// with `sql.placeholder`): on the read path, building a query (drizzle) and compiling it (SQLite)
// cost more than running it. Kept per connection, in a WeakMap on the better-sqlite3 handle: tests
// open many databases, and a statement runs only on the connection it was prepared on. A
// transaction's handle shares its database's connection, so a statement run inside a transaction
// is part of it.
//
// On PostgreSQL a statement prepared on the pool would run outside the caller's transaction, so
// there the statements are built per connection too: once for the pool (outside transactions) and
// once for each pooled connection a transaction runs on, with SQLite's get/all/run answered by
// drizzle's execute. Each is a named statement (its name a hash of its text), which the server
// parses once per connection instead of on every call.
import { createHash } from 'node:crypto';
import { is } from 'drizzle-orm';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from './client';
import { isPostgresHandle } from './postgres-transaction';
import { rootOf } from './root-handle';

type Values = Record<string, unknown> | undefined;
type Executable = { execute(values?: Values): Promise<unknown> };

/** The query configs node-postgres is handed by drizzle's prepared query (drizzle-orm/node-postgres). */
interface NamedConfigs {
	queryConfig?: { name?: string; text: string };
	rawQueryConfig?: { name?: string; text: string };
}

/**
 * Names the query for the server: node-postgres then parses it once per connection. The name is a
 * hash of the text, so one name never stands for two texts on a connection.
 */
function named(query: Executable): Executable {
	const configs = query as unknown as NamedConfigs;
	const text = configs.queryConfig?.text ?? configs.rawQueryConfig?.text;
	if (text === undefined) return query;
	const name = `tandem_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
	for (const config of [configs.queryConfig, configs.rawQueryConfig])
		if (config) config.name = name;
	return query;
}

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
	if (is(built, PgPreparedQuery)) return asSqliteStatement(named(built as Executable)) as T;
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

/** The node-postgres pool or pooled connection a drizzle handle runs its statements on. */
function postgresClientOf(db: DbOrTx): object {
	return (db as unknown as { session: { client: object } }).session.client;
}

/** `build` run once per connection; its result (the prepared statements) for the handle's connection. */
export function perConnection<T>(build: (db: Db) => T): (db: DbOrTx) => T {
	const built = new WeakMap<object, T>();
	const onClient = new WeakMap<object, T>();
	return (db) => {
		const root = rootOf(db);
		if (!root) throw new Error('No database connection behind this handle.');
		if (isPostgresHandle(db)) {
			let kept = built.get(root.$client);
			if (kept === undefined) built.set(root.$client, (kept = build(root)));
			const client = postgresClientOf(db);
			let statements = onClient.get(client);
			if (statements === undefined)
				onClient.set(client, (statements = onPostgres(build(db as Db), kept)));
			return statements;
		}
		let value = built.get(root.$client);
		if (value === undefined) {
			value = build(root);
			built.set(root.$client, value);
		}
		return value;
	};
}

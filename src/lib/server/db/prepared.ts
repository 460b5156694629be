// Statements built and prepared once per database connection, then reused (drizzle `.prepare()`
// with `sql.placeholder`): on the read path, building a query (drizzle) and compiling it (SQLite)
// cost more than running it. Kept per connection, in a WeakMap on the better-sqlite3 handle: tests
// open many databases, and a statement runs only on the connection it was prepared on. A
// transaction's handle shares its database's connection, so a statement run inside a transaction
// is part of it.
import type Database from 'better-sqlite3';
import type { Db, DbOrTx } from './client';
import { rootOf } from './root-handle';

/** `build` run once per connection; its result (the prepared statements) for the handle's connection. */
export function perConnection<T>(build: (db: Db) => T): (db: DbOrTx) => T {
	const built = new WeakMap<Database.Database, T>();
	return (db) => {
		const root = rootOf(db);
		if (!root) throw new Error('No database connection behind this handle.');
		let value = built.get(root.$client);
		if (value === undefined) {
			value = build(root);
			built.set(root.$client, value);
		}
		return value;
	};
}

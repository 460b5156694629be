// The database handle behind a transaction handle, for work that must wait until the transaction
// is over (a refusal's audit row, the check for a due audit checkpoint).
import type Database from 'better-sqlite3';
import { databaseOn, type Db, type DbOrTx } from './client';
import { isPostgresHandle, postgresRootOf } from './postgres-transaction';

const roots = new WeakMap<Database.Database, Db>();

/** The connection's own handle (a transaction handle shares the connection of its database). */
export function rootOf(db: DbOrTx): Db | null {
	if (isPostgresHandle(db)) return postgresRootOf(db) as unknown as Db | null;
	if ('$client' in db) return db as Db;
	const client = (db as unknown as { session?: { client?: Database.Database } }).session?.client;
	if (!client) return null;
	let root = roots.get(client);
	if (!root) roots.set(client, (root = databaseOn(client)));
	return root;
}

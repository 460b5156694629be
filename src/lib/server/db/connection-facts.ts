// What code outside the data layer may ask of a database handle's connection, on either dialect:
// whether it is still open, whether it is an in-memory (spec) database, the file it lives in, and
// a key to keep per-connection state under (refusal windows, a pending checkpoint check).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Db } from './client';
import { isPostgresHandle } from './postgres-transaction';

export interface ConnectionFacts {
	open: boolean;
	/** SQLite's `:memory:` database (the specs'): nothing beside it on disk. */
	memory: boolean;
	/** SQLite's file; null on PostgreSQL and in memory. */
	file: string | null;
	/** The same object for every handle on this connection (or pool). */
	key: object;
}

export function connectionFacts(db: Db): ConnectionFacts {
	if (isPostgresHandle(db)) {
		const pool = db.$client as unknown as pg.Pool;
		return { open: !pool.ended, memory: false, file: null, key: pool };
	}
	const client: Database.Database = db.$client;
	return {
		open: client.open,
		memory: client.memory,
		file: client.memory ? null : client.name,
		key: client
	};
}

// The few SQL expressions the two dialects write differently, for the handle they will run on.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { isPostgresHandle } from './postgres-transaction';

/** The UTC calendar day (YYYY-MM-DD) of a millisecond timestamp column. */
export function utcDay(db: DbOrTx, column: SQLWrapper): SQL<string> {
	return isPostgresHandle(db)
		? sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
		: sql<string>`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;
}

/** A timestamp column's value from milliseconds since the epoch (null stays null). */
export function fromEpochMs(db: DbOrTx, ms: SQLWrapper): SQL {
	return isPostgresHandle(db) ? sql`to_timestamp(${ms}::double precision / 1000)` : sql`${ms}`;
}

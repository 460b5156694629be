// The PostgreSQL twins of ../schema/columns.ts: the same TypeScript types as the SQLite columns, so
// a service is written once for both databases.
import { integer, timestamp } from 'drizzle-orm/pg-core';

/**
 * SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT`: an identity column (SQL standard; the sequence
 * belongs to the column), `BY DEFAULT` so the insert type keeps SQLite's optional id and a copy of
 * an existing SQLite database can keep its ids (audit rows and signatures name rows by id).
 */
export const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

/** A point in time to the millisecond (as SQLite's milliseconds since the epoch), read back as a Date. */
export const timestampMs = (name: string) =>
	timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const createdAt = () =>
	timestampMs('created_at')
		.notNull()
		.$defaultFn(() => new Date());

/** Foreign keys on trial data never cascade: deleting a parent with children is refused. */
export const restrict = { onDelete: 'restrict', onUpdate: 'restrict' } as const;

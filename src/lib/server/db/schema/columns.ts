// Column helpers shared by every table: integer ids and millisecond timestamps.
import { integer } from 'drizzle-orm/sqlite-core';

export const id = () => integer('id').primaryKey({ autoIncrement: true });

/** Milliseconds since the epoch, read back as a Date. */
export const timestampMs = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const createdAt = () =>
	timestampMs('created_at')
		.notNull()
		.$defaultFn(() => new Date());

/** Foreign keys on trial data never cascade: deleting a parent with children is refused. */
export const restrict = { onDelete: 'restrict', onUpdate: 'restrict' } as const;

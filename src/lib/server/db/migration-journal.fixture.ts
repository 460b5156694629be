// How many migrations drizzle-kit's journal lists for PostgreSQL (<migrations>/pg/meta/_journal.json):
// what a migrated database has applied, once each, whatever the count is today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresMigrationsFolder } from '../config';

export function pgMigrationCount(): number {
	const journal = JSON.parse(
		readFileSync(join(postgresMigrationsFolder(), 'meta', '_journal.json'), 'utf8')
	) as { entries: unknown[] };
	return journal.entries.length;
}

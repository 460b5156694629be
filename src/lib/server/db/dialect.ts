// Which database this process runs on: PostgreSQL when DATABASE_URL is set (config-deployment.ts),
// else the embedded SQLite database. One process, one database: the choice is made once, when the
// schema is first imported (schema/index.ts picks the tables of that dialect), and never changes.
import { databaseUrl } from '../config';

export type Dialect = 'sqlite' | 'postgres';

let chosen: Dialect | undefined;

export function processDialect(): Dialect {
	chosen ??= databaseUrl() ? 'postgres' : 'sqlite';
	return chosen;
}

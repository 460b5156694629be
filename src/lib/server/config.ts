// Server settings from the environment, read in one place. Used by the web app and the CLI.
import { resolve } from 'node:path';

export function databasePath(): string {
	return resolve(process.env.TANDEM_DB ?? 'data/tandem.db');
}

export function migrationsFolder(): string {
	return resolve(process.env.TANDEM_MIGRATIONS ?? 'drizzle');
}

// The database the e2e server runs on (playwright.config.ts), read by the e2e files to check
// what the browser did.
import Database from 'better-sqlite3';

export const E2E_DATABASE = 'test-results/e2e/tandem.db';

/** The rows of one query, on a read-only connection. */
export function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(E2E_DATABASE, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

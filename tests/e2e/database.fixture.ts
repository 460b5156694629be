// The database the e2e server runs on, read by the e2e files to check what the browser did, and the
// environment for the `tandem` commands they run against it. The SQLite run (playwright.config.ts's
// webServer) keeps it in E2E_DATABASE. The PostgreSQL run (TANDEM_TEST_DB=postgres, see
// postgres.global-setup.ts) keeps it on a private PostgreSQL server, whose URL the global setup hands
// to the test workers in DATABASE_URL; E2E_DATABASE's folder then holds the data files only.
//
// query() takes the SQL both databases share, with `?` placeholders; on PostgreSQL the values come
// back as SQLite gives them (tests/fixtures/sql.fixture.ts: a count as a number, a boolean as 1 or 0,
// a timestamp as milliseconds). Mixed-case column aliases are quoted (`AS "caseId"`): PostgreSQL
// folds unquoted names to lower case.
import Database from 'better-sqlite3';
import pg from 'pg';
import { numbered, sqliteLike } from '../fixtures/sql.fixture';
import { E2E_SERVER_ENV } from './e2e-server.fixture';

/** The SQLite file of the SQLite run; on both runs, the data folder is the one it is in. */
export const E2E_DATABASE = E2E_SERVER_ENV.TANDEM_DB!;

/** The PostgreSQL database of the PostgreSQL run (undefined on the SQLite run). */
export const E2E_DATABASE_URL = process.env.DATABASE_URL || undefined;

export const onPostgres = E2E_DATABASE_URL !== undefined;

/** Where the e2e server's rows are: its PostgreSQL database's URL, or its SQLite file. */
export const E2E_STORE = E2E_DATABASE_URL ?? E2E_DATABASE;

/** The environment of a `tandem` command on the e2e server's database. */
export const ENV: Record<string, string> = E2E_DATABASE_URL
	? { TANDEM_DB: E2E_DATABASE, DATABASE_URL: E2E_DATABASE_URL }
	: { TANDEM_DB: E2E_DATABASE };

export function isPostgresUrl(store: string): boolean {
	return /^postgres(ql)?:\/\//.test(store);
}

const pools = new Map<string, pg.Pool>();

/** One small pool per PostgreSQL database, which lets the worker process exit when idle. */
function poolFor(url: string): pg.Pool {
	let pool = pools.get(url);
	if (!pool) {
		pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
		pools.set(url, pool);
	}
	return pool;
}

/**
 * The rows of one query on `store`: a PostgreSQL database's URL, or a SQLite file (opened read-only
 * for the query).
 */
export async function queryOn<T>(store: string, sql: string, ...params: unknown[]): Promise<T[]> {
	if (isPostgresUrl(store)) {
		const result = await poolFor(store).query(numbered(sql), params);
		for (const row of result.rows as Record<string, unknown>[])
			for (const field of result.fields)
				row[field.name] = sqliteLike(row[field.name], field.dataTypeID);
		return result.rows as T[];
	}
	const db = new Database(store, { readonly: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The rows of one query on the e2e server's database. */
export function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
	return queryOn<T>(E2E_STORE, sql, ...params);
}

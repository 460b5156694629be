// Opens the PostgreSQL database (DATABASE_URL) on a pool of node-postgres connections, the driver
// pg-boss uses too, and applies the migrations of drizzle/pg before anything else runs.
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema-pg';
import { refuseOutsideStatement, registerPostgresDatabase } from './postgres-transaction';
import { logFor } from '../logger';
import {
	ConfigError,
	databaseUrl,
	postgresMigrationsFolder,
	postgresPoolSize,
	SETTINGS
} from '../config';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface PostgresOptions {
	/** Connections the pool opens at most (default TANDEM_PG_POOL_SIZE). */
	poolSize?: number;
	/** The migrations folder (default the pg/ folder of TANDEM_MIGRATIONS). */
	migrationsFolder?: string;
}

/** Any number, the same in every Tandem process: while one migrates, the others wait for it. */
const MIGRATION_LOCK = 0x74616e64; // "tand"

/** Where the URL points, for messages: host, port and database, never the user or password. */
function describe(url: URL): string {
	return `${url.hostname}:${url.port || '5432'}${url.pathname || '/'}`;
}

function checkedUrl(text: string | undefined): URL {
	const setting = SETTINGS.databaseUrl;
	if (text === undefined)
		throw new ConfigError(`DATABASE_URL must be set to open PostgreSQL (${setting.requirement})`);
	if (!setting.schema.safeParse(text).success)
		throw new ConfigError(
			`DATABASE_URL must be ${setting.requirement} (the value given is not repeated: it may hold a password)`
		);
	return new URL(text);
}

async function applyMigrations(pool: pg.Pool, folder: string): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		try {
			await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
		}
	} finally {
		client.release();
	}
}

/**
 * The database at `url` (default DATABASE_URL), migrated. Refuses a malformed URL and a server that
 * cannot be reached with an error naming DATABASE_URL (and where it points, without credentials).
 */
export async function openPostgres(
	url: string | undefined = databaseUrl(),
	options: PostgresOptions = {}
): Promise<PgDb> {
	const target = checkedUrl(url);
	const pool = new pg.Pool({
		connectionString: target.toString(),
		max: options.poolSize ?? postgresPoolSize(),
		connectionTimeoutMillis: 10_000
	});
	// A connection the server drops (restart, failover) must not end the process: an idle one the
	// pool replaces on the next query; one checked out (between two statements of a transaction)
	// fails its next statement, whose error the caller sees, and is not given back to the pool.
	const lost = (error: Error) =>
		logFor('db').warn(
			{ err: error },
			`PostgreSQL (${describe(target)}): connection lost: ${error.message}`
		);
	pool.on('error', lost);
	pool.on('connect', (client) => client.on('error', lost));
	try {
		await pool.query('SELECT 1');
	} catch (error) {
		await pool.end();
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`DATABASE_URL: the PostgreSQL server at ${describe(target)} cannot be reached (${reason})`,
			{ cause: error }
		);
	}
	try {
		await applyMigrations(pool, options.migrationsFolder ?? postgresMigrationsFolder());
	} catch (error) {
		await pool.end();
		throw error;
	}
	const db = drizzle(pool, { schema }) as PgDb;
	refuseStatementsOutsideTransactions(pool, db);
	registerPostgresDatabase(db, (client) => drizzle(client, { schema }));
	return db;
}

/** A statement on the pool while a transaction of this code is open is a mistake (postgres-transaction.ts). */
function refuseStatementsOutsideTransactions(pool: pg.Pool, db: PgDb): void {
	const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
	pool.query = ((...args: unknown[]) => {
		refuseOutsideStatement(db);
		return query(...args);
	}) as typeof pool.query;
}

/** Closes the pool's connections (waits for queries under way). */
export async function closePostgres(db: PgDb): Promise<void> {
	if (!db.$client.ended) await db.$client.end();
}

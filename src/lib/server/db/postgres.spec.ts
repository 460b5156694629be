// Opening PostgreSQL: a checked URL, a clear error naming DATABASE_URL, a pool of the configured
// size, the migrations applied once (also by two processes starting together), and rows that come
// back with the SQLite schema's TypeScript types (Date, boolean, number).
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closePostgres, openPostgres } from './postgres';
import { images, studies, cases } from './schema-pg';
import { schemaShapes } from './schema-shape.fixture';
import * as pgSchema from './schema-pg';
import { ConfigError, postgresMigrationsFolder } from '../config';
import { freePort } from '$fixtures/free-port.fixture';
import { postgresTestDatabase, type TestDatabase } from '$fixtures/postgres.fixture';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** Each PostgreSQL migration once: as many as this build carries. */
const PG_MIGRATIONS = readMigrationFiles({ migrationsFolder: postgresMigrationsFolder() }).length;

let server: TestDatabase;

beforeAll(async () => {
	server = await postgresTestDatabase();
}, 120_000);

afterAll(async () => {
	await server?.dispose();
});

afterEach(() => {
	vi.unstubAllEnvs();
});

describe('openPostgres', () => {
	it('refuses a URL that is not a postgres:// URL, naming DATABASE_URL and not repeating it', async () => {
		for (const url of ['not a url', 'mysql://tandem:s3cret@db/tandem', 'postgres:///tandem']) {
			const opening = openPostgres(url);
			await expect(opening).rejects.toThrow(ConfigError);
			await expect(opening).rejects.toThrow(
				/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/
			);
			await expect(opening).rejects.not.toThrow(/s3cret/);
		}
		vi.stubEnv('DATABASE_URL', '');
		await expect(openPostgres()).rejects.toThrow(/^DATABASE_URL must be set to open PostgreSQL/);
	});

	it('names DATABASE_URL and where it points, without the password, when the server cannot be reached', async () => {
		const port = await freePort();
		const opening = openPostgres(`postgres://tandem:s3cret@127.0.0.1:${port}/trial`);
		await expect(opening).rejects.toThrow(
			`DATABASE_URL: the PostgreSQL server at 127.0.0.1:${port}/trial cannot be reached (`
		);
		await expect(opening).rejects.not.toThrow(/s3cret/);
	});

	it('takes the pool size from TANDEM_PG_POOL_SIZE and creates every table of the schema', async () => {
		vi.stubEnv('TANDEM_PG_POOL_SIZE', '3');
		const db = await openPostgres(server.url);
		try {
			expect(db.$client.options.max).toBe(3);
			const { rows } = await db.$client.query<{ name: string }>(
				"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
			);
			expect(rows.map((row) => row.name)).toEqual([...schemaShapes(pgSchema).keys()].sort());
		} finally {
			await closePostgres(db);
		}
	});

	it('applies the migrations once when two processes open a new database together', async () => {
		const url = await server.another();
		const [first, second] = await Promise.all([
			openPostgres(url, { poolSize: 2 }),
			openPostgres(url, { poolSize: 2 })
		]);
		const { rows } = await first.$client.query<{ n: number }>(
			'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'
		);
		expect(rows).toEqual([{ n: PG_MIGRATIONS }]);
		await Promise.all([closePostgres(first), closePostgres(second)]);
	});

	it('gives back rows typed as the SQLite schema types them: Date, boolean and number', async () => {
		const db = await openPostgres(server.url, { poolSize: 1 });
		try {
			const at = new Date('2026-03-01T08:30:15.123Z');
			const [study] = await db
				.insert(studies)
				.values({
					slug: 'types',
					title: 'Types',
					design: 'crossover',
					protocolVersion: '1',
					protocolSha256: 'p',
					protocolJson: '{}',
					randomizationSeed: 's',
					sourceDir: '/',
					updatedAt: at
				})
				.returning();
			expect(study).toMatchObject({ isDemo: false, updatedAt: at, unblindedAt: null });
			expect(study!.createdAt).toBeInstanceOf(Date);
			const [kase] = await db
				.insert(cases)
				.values({
					studyId: study!.id,
					caseKey: 'K1',
					ordinal: 1,
					strataJson: '{}',
					imageFolder: 'K1'
				})
				.returning({ id: cases.id });
			// Past 2 GiB: PostgreSQL's bigint, read back as a number like SQLite's integer.
			await db.insert(images).values({
				caseId: kase!.id,
				ordinal: 1,
				path: 'K1/1.dcm',
				sha256: 'i',
				sizeBytes: 3_000_000_000
			});
			const [image] = await db.select().from(images).where(eq(images.caseId, kase!.id));
			expect(image).toMatchObject({ sizeBytes: 3_000_000_000, frames: 1, modality: null });
		} finally {
			await closePostgres(db);
		}
	});

	it('outlives a connection the server drops while it is checked out: its next query fails, the process goes on', async () => {
		const db = await openPostgres(server.url, { poolSize: 3 });
		try {
			const client = await db.$client.connect();
			const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
			// As a restart or a failover would: the server ends the connection between two statements.
			await db.$client.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
			await new Promise((resolve) => setTimeout(resolve, 300));
			await expect(client.query('SELECT 1')).rejects.toThrow();
			client.release(true);
			// The pool opens a new connection for the next one.
			expect((await db.$client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
		} finally {
			await closePostgres(db);
		}
	});
});

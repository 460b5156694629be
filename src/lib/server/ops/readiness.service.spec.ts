// Readiness names each check: ready on a migrated database with readable study folders once the
// server is serving; not ready, naming the check, when the database is unusable, its migrations
// are not this build's, a setting is bad, a study's image folder is gone, or the server is
// starting or shutting down. The answer holds names only: no path, count, version or error text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renameSync, writeFileSync } from 'node:fs';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { captureLog } from '$fixtures/log-capture.fixture';
import { sqlRun, sqlValue } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { closeHandle, openDatabase, postgresAsDb, type Db } from '../db/client';
import { openPostgres } from '../db/postgres';
import { liveness, readiness, type Readiness } from './readiness.service';
import { markServing, resetServerPhase, startDraining } from './server-state';

beforeEach(() => {
	resetServerPhase();
	markServing();
});

afterEach(() => {
	resetServerPhase();
	vi.unstubAllEnvs();
});

const ALL_OK = { database: 'ok', migrations: 'ok', settings: 'ok', images: 'ok', server: 'ok' };

/** The answer carries check names and "ok"/"failing" only. */
function expectNothingElse(answer: Readiness) {
	const words = JSON.stringify(answer).match(/"[^"]*"/g) ?? [];
	const allowed = new Set([
		...['"status"', '"checks"', '"failing"', '"ready"', '"not ready"', '"ok"'],
		...Object.keys(ALL_OK).map((name) => `"${name}"`)
	]);
	expect(words.filter((word) => !allowed.has(word))).toEqual([]);
	expect(JSON.stringify(answer)).not.toMatch(/\d/);
}

describe('liveness', () => {
	it('says the process is up, and nothing else', () => {
		expect(liveness()).toEqual({ status: 'ok' });
	});
});

/**
 * A database handle the test may close: on PostgreSQL a pool of its own on the spec file's
 * database (the test databases' pools are closed after the file, and a pool cannot end twice).
 */
async function handleToClose(): Promise<Db> {
	if (onPostgres) return postgresAsDb(await openPostgres());
	return (await enrolledStudy(['site-a'])).db;
}

describe('readiness', () => {
	it('is ready on a migrated database whose studies’ folders can be read, once serving', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const answer = await readiness(() => db);
		expect(answer).toEqual({ status: 'ready', checks: ALL_OK, failing: [] });
		expectNothingElse(answer);
	});

	it('is not ready, naming the database, when the database cannot be used', async () => {
		const db = await handleToClose();
		await readiness(() => db);
		await closeHandle(db);
		const log = captureLog();
		const answer = await readiness(() => db, log.logger);
		expect(answer.status).toBe('not ready');
		expect(answer.checks.database).toBe('failing');
		expect(answer.failing[0]).toBe('database');
		expect(answer.checks.settings).toBe('ok');
		expectNothingElse(answer);
		// The reason goes to the log, once when the check starts failing (not at every probe).
		// (The migrations check, which needs the database too, fails beside it.)
		expect(log.entries().find((entry) => entry.check === 'database')).toMatchObject({
			level: 'warn',
			reason: onPostgres
				? 'Cannot use a pool after calling end on the pool'
				: 'The database connection is not open'
		});
		const logged = log.lines.length;
		await readiness(() => db, log.logger);
		expect(log.lines).toHaveLength(logged);
	});

	// SQLite's file; a PostgreSQL server that cannot be used is the test above.
	it.skipIf(onPostgres)('is not ready when the database file is not a database', async () => {
		const { file, db: opened } = await dataFolder();
		opened.$client.close();
		writeFileSync(file, 'not a database, but a file of text '.repeat(200));
		const answer = await readiness(() => openDatabase(file));
		expect(answer.checks.database).toBe('failing');
		expect(answer.status).toBe('not ready');
	});

	it('is not ready when the database’s migrations are behind or ahead of this build’s', async () => {
		const { db } = await enrolledStudy(['site-a']);
		// drizzle's record of the migrations applied (PostgreSQL: in drizzle's own schema).
		const applied = onPostgres ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
		const newest = (await sqlValue<number>(db, `SELECT max(created_at) AS at FROM ${applied}`))!;
		await sqlRun(db, `DELETE FROM ${applied} WHERE created_at = ?`, newest);
		expect(await readiness(() => db)).toMatchObject({
			status: 'not ready',
			failing: ['migrations']
		});
		await sqlRun(
			db,
			`INSERT INTO ${applied} (hash, created_at) VALUES (?, ?)`,
			'from a newer build',
			newest + 1_000
		);
		expect((await readiness(() => db)).failing).toEqual(['migrations']);
	});

	it('is not ready when a setting is bad, naming the settings and not the value', async () => {
		const { db } = await enrolledStudy(['site-a']);
		vi.stubEnv('TANDEM_INFERENCE_THREADS', '0');
		const answer = await readiness(() => db);
		expect(answer.failing).toEqual(['settings']);
		expectNothingElse(answer);
	});

	it('is not ready when a study’s image folder cannot be read', async () => {
		const { db, dir } = await enrolledStudy(['site-a']);
		renameSync(dir, `${dir}-moved`);
		const answer = await readiness(() => db);
		expect(answer.failing).toEqual(['images']);
		expectNothingElse(answer);
		renameSync(`${dir}-moved`, dir);
		expect((await readiness(() => db)).status).toBe('ready');
	});

	it('is not ready before the server has started its services, nor once it shuts down', async () => {
		const { db } = await enrolledStudy(['site-a']);
		resetServerPhase();
		expect((await readiness(() => db)).failing).toEqual(['server']);
		markServing();
		expect((await readiness(() => db)).status).toBe('ready');
		startDraining();
		expect((await readiness(() => db)).failing).toEqual(['server']);
	});
});

// Liveness and readiness, for a load balancer and an orchestrator (GET /healthz, GET /readyz).
// Liveness: the process answers; nothing else is touched. Readiness: this process can serve —
// the database answers a trivial query, its migrations are the ones this build carries, the
// settings pass their check, the studies' image folders can be read, and the server has started
// its background services and is not shutting down.
//
// The answer names each check and whether it passed, nothing more: no path, no count of studies or
// cases, no version, no error text (the reasons go to the log, which only operators read). The
// checks are public, unauthenticated, and asked every few seconds, so each is cheap and bounded.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from '../db/client';
import { studies } from '../db/schema';
import { lastMigration } from '../backup/migration-level';
import { migrationsFolder, postgresMigrationsFolder } from '../config';
import { checkSettings } from '../config-combined';
import { isPostgresHandle } from '../db/postgres-transaction';
import { rawRows } from '../db/raw';
import { logFor, type Logger } from '../logger';
import { serverPhase } from './server-state';

export const READINESS_CHECKS = ['database', 'migrations', 'settings', 'images', 'server'] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];
export type CheckResult = 'ok' | 'failing';

export interface Readiness {
	status: 'ready' | 'not ready';
	checks: Record<ReadinessCheck, CheckResult>;
	/** The failing checks' names, in the order above (empty when ready). */
	failing: ReadinessCheck[];
}

/** A check that has not answered by then counts as failing (a hung network mount, a locked file). */
export const CHECK_TIMEOUT_MS = 2_000;

/** The liveness answer: the process is up and its event loop turns. */
export function liveness(): { status: 'ok' } {
	return { status: 'ok' };
}

/** Runs every check at once; a check that throws or times out is failing, its reason logged. */
export async function readiness(
	db: () => Db,
	log: Logger = logFor('readiness')
): Promise<Readiness> {
	const runs: Record<ReadinessCheck, () => Promise<void> | void> = {
		database: async () => await checkDatabase(db()),
		migrations: () => checkMigrations(db()),
		settings: () => checkSettings(),
		images: () => checkImageFolders(db()),
		server: () => checkServerPhase()
	};
	const outcomes = await Promise.all(READINESS_CHECKS.map((name) => settle(name, runs[name], log)));
	const checks = Object.fromEntries(
		READINESS_CHECKS.map((name, index) => [name, outcomes[index]!])
	) as Record<ReadinessCheck, CheckResult>;
	const failing = READINESS_CHECKS.filter((name) => checks[name] === 'failing');
	return { status: failing.length === 0 ? 'ready' : 'not ready', checks, failing };
}

/** Each check's last result, so that the log says when one fails or recovers, not at every probe. */
const lastResults = new Map<ReadinessCheck, CheckResult>();

async function settle(
	name: ReadinessCheck,
	run: () => Promise<void> | void,
	log: Logger
): Promise<CheckResult> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
			CHECK_TIMEOUT_MS
		);
	});
	let result: CheckResult = 'ok';
	let reason = '';
	try {
		await Promise.race([Promise.resolve().then(run), timeout]);
	} catch (error) {
		result = 'failing';
		reason = reasonOf(error);
	} finally {
		clearTimeout(timer);
	}
	const before = lastResults.get(name);
	lastResults.set(name, result);
	if (result === 'failing' && before !== 'failing')
		log.warn({ check: name, reason }, `readiness check "${name}" failing: ${reason}`);
	if (result === 'ok' && before === 'failing')
		log.info({ check: name }, `readiness check "${name}" passes again`);
	return result;
}

/** The error's message; for a failed query, the database's own (drizzle's names only the query). */
function reasonOf(error: unknown): string {
	const cause = error instanceof DrizzleQueryError ? error.cause : undefined;
	if (cause instanceof Error) return cause.message;
	return error instanceof Error ? error.message : String(error);
}

async function checkDatabase(db: Db): Promise<void> {
	const [row] = await rawRows<{ ok: number }>(db, sql`SELECT 1 AS ok`);
	if (row?.ok !== 1) throw new Error('the database did not answer SELECT 1');
}

/** The newest migration this build carries, read once per folder (the files do not change). */
const expectedLevel = new Map<string, number>();

async function checkMigrations(db: Db): Promise<void> {
	const postgres = isPostgresHandle(db);
	const folder = postgres ? postgresMigrationsFolder() : migrationsFolder();
	let expected = expectedLevel.get(folder);
	if (expected === undefined) {
		const known = readMigrationFiles({ migrationsFolder: folder });
		expected = Math.max(0, ...known.map((migration) => migration.folderMillis));
		expectedLevel.set(folder, expected);
	}
	const applied = (postgres ? await lastPostgresMigration(db) : lastMigration(db.$client)) ?? 0;
	if (applied !== expected)
		throw new Error(
			`the database's last migration (${applied}) is ${applied < expected ? 'behind' : 'ahead of'} this build's (${expected})`
		);
}

/** drizzle's record of the migrations applied to PostgreSQL (its own schema, "drizzle"). */
async function lastPostgresMigration(db: Db): Promise<number | null> {
	const [row] = await rawRows<{ last: string | number | null }>(
		db,
		sql`SELECT max(created_at) AS last FROM drizzle.__drizzle_migrations`
	);
	return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/** Each study's folder, where its images are kept, can be read. */
async function checkImageFolders(db: Db): Promise<void> {
	const folders = new Set(
		(await db.selectDistinct({ dir: studies.sourceDir }).from(studies)).map(({ dir }) =>
			isAbsolute(dir) ? dir : resolve(dir)
		)
	);
	for (const folder of folders) {
		try {
			await access(folder, constants.R_OK | constants.X_OK);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? String(error);
			throw new Error(`a study's image folder ${folder} cannot be read (${code})`, {
				cause: error
			});
		}
	}
}

function checkServerPhase(): void {
	const phase = serverPhase();
	if (phase !== 'serving')
		throw new Error(
			phase === 'starting'
				? 'the background services have not started'
				: `the server is ${phase === 'draining' ? 'shutting down' : 'stopped'}`
		);
}

// The server's start and stop with its real services on a database on disk: started, it is ready;
// on the stop signal it is not; once the requests are done, the checkpoint timer, background
// scoring (with its worker pool), the scheduled backups (after the one under way) and the database
// stop in that order, each step logged, and the database file is left whole, its WAL folded back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataFolder } from '$fixtures/data-folder.fixture';
import { captureLog } from '$fixtures/log-capture.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { completeBackups } from '../backup/backup-rotation';
import { readiness } from './readiness.service';
import { closeHandle, getDatabase } from '../db/client';
import { beginShutdown, finishShutdown, startServer } from './server-lifecycle';
import { resetServerPhase, serverPhase } from './server-state';

afterEach(() => {
	resetServerPhase();
	vi.unstubAllEnvs();
});

describe('the server lifecycle', () => {
	// SQLite's file (its write-ahead log) and the scheduled backups, which are SQLite's: on
	// PostgreSQL the start is refused (below).
	it.skipIf(onPostgres)(
		'starts its services, drains on the signal, then stops them in turn and closes the database',
		async () => {
			const { file, db: setup } = await dataFolder();
			setup.$client.close();
			const backups = mkdtempSync(join(tmpdir(), 'tandem-backups-'));
			vi.stubEnv('TANDEM_SCORING', 'on');
			vi.stubEnv('TANDEM_INFERENCE_THREADS', '1');
			vi.stubEnv('TANDEM_BACKUP_DIR', backups);
			const log = captureLog('info');

			await startServer(log.logger);
			expect(serverPhase()).toBe('serving');
			expect(log.entries()[0]).toMatchObject({ scoring: true, backups: true });
			expect((await readiness(getDatabase)).status).toBe('ready');
			expect(existsSync(`${file}-wal`)).toBe(true);
			// The first scheduled backup is due at once: the signal comes once it has begun.
			while (readdirSync(backups).length === 0) await sleep(1);

			beginShutdown('SIGTERM', log.logger);
			expect(serverPhase()).toBe('draining');
			expect((await readiness(getDatabase)).failing).toEqual(['server']);

			await finishShutdown(log.logger);
			expect(serverPhase()).toBe('stopped');
			expect(log.messages()).toEqual([
				'started: database open, background services running',
				'SIGTERM: taking no new connections; waiting for the requests under way to finish',
				'requests finished; stopping the background services',
				'checkpoint timer stopped',
				'background scoring stopped',
				'scheduled backups stopped',
				'inference pool closed',
				'database closed',
				'stopped'
			]);
			// The backup begun before the signal was finished, not cut short.
			expect(completeBackups(backups)).toHaveLength(1);
			// The last connection closed folded the write-ahead log into the file.
			expect(existsSync(`${file}-wal`)).toBe(false);
			const reopened = new Database(file, { readonly: true });
			expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
			reopened.close();
		},
		60_000
	);

	it.runIf(onPostgres)(
		'refuses to start with scheduled backups on PostgreSQL, naming its own tools',
		async () => {
			vi.stubEnv('TANDEM_BACKUP_DIR', mkdtempSync(join(tmpdir(), 'tandem-backups-')));
			const log = captureLog('info');
			await expect(startServer(log.logger)).rejects.toThrow(
				/^TANDEM_BACKUP_DIR is set, but Tandem's backups copy its SQLite database; this one runs on PostgreSQL \(DATABASE_URL\): back up the database with PostgreSQL's own tools — pg_dump .* pg_basebackup .*point-in-time recovery.* Unset TANDEM_BACKUP_DIR\.$/
			);
			expect(serverPhase()).not.toBe('serving');
			expect(log.messages()).toEqual([]);
		}
	);

	it('stops only what was started (no scoring, no backups), still closing the database', async () => {
		// The server opens the database itself: SQLite's file (on PostgreSQL, the spec file's database).
		const { file, db: setup } = await dataFolder();
		await closeHandle(setup);
		vi.stubEnv('TANDEM_SCORING', 'off');
		const log = captureLog('info');
		await startServer(log.logger);
		await finishShutdown(log.logger);
		expect(log.messages()).toEqual([
			'started: database open, background services running',
			'requests finished; stopping the background services',
			'checkpoint timer stopped',
			// On PostgreSQL the process also listens for the other processes' study changes.
			...(onPostgres ? ['study-change listener stopped'] : []),
			'database closed',
			'stopped'
		]);
		if (!onPostgres) expect(existsSync(`${file}-wal`)).toBe(false);
	});
});

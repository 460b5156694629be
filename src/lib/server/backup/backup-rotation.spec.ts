// Backups into a root folder keep the newest N complete ones and touch nothing else; the server's
// schedule takes them on its interval, and a failure is logged and audited, never thrown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { captureLog } from '$fixtures/log-capture.fixture';
import { sqlRows } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { backupWorld } from './backup-world.fixture';
import {
	backupFolderName,
	backupFolderTime,
	backupIntoRoot,
	completeBackups
} from './backup-rotation';
import { nextBackupDelay, runScheduledBackup, startScheduledBackups } from './backup-schedule';

afterEach(() => {
	vi.unstubAllEnvs();
});

const HOUR = 3_600_000;
const audited = async (db: Db, action: string) =>
	(
		await sqlRows<{ after: string }>(
			db,
			'SELECT after_json AS after FROM audit_events WHERE action = ? ORDER BY seq',
			action
		)
	).map((row) => JSON.parse(row.after) as Record<string, unknown>);

describe('backups into a root folder', () => {
	it('names folders by UTC time, sortable', () => {
		const at = new Date('2026-03-02T09:05:07.123Z');
		expect(backupFolderName(at)).toBe('tandem-backup-20260302T090507Z');
		expect(backupFolderTime('tandem-backup-20260302T090507Z-2')?.toISOString()).toBe(
			'2026-03-02T09:05:07.000Z'
		);
		expect(backupFolderTime('notes')).toBeNull();
	});

	// Backups copy SQLite's file; on PostgreSQL they are refused (below, and backup.service.spec.ts).
	it.skipIf(onPostgres)(
		'keeps the newest N complete backups, audits what it deleted, and leaves other folders alone',
		async () => {
			const world = await backupWorld();
			const root = join(world.work, 'backups');
			mkdirSync(join(root, 'notes'), { recursive: true });
			mkdirSync(join(root, 'tandem-backup-20200101T000000Z'));
			const start = Date.parse('2026-03-01T00:00:00Z');
			const made: string[] = [];
			for (let index = 0; index < 4; index++) {
				const backup = await backupIntoRoot(world.db, operatorPrincipal(), root, 2, {
					now: new Date(start + index * HOUR)
				});
				made.push(backup.dir);
			}
			expect(made.map((dir) => dir.slice(root.length + 1))).toEqual([
				'tandem-backup-20260301T000000Z',
				'tandem-backup-20260301T010000Z',
				'tandem-backup-20260301T020000Z',
				'tandem-backup-20260301T030000Z'
			]);
			expect(completeBackups(root)).toEqual([
				'tandem-backup-20260301T020000Z',
				'tandem-backup-20260301T030000Z'
			]);
			expect(readdirSync(root).sort()).toEqual([
				'notes',
				'tandem-backup-20200101T000000Z',
				'tandem-backup-20260301T020000Z',
				'tandem-backup-20260301T030000Z'
			]);
			expect((await audited(world.db, 'backup.pruned')).map((row) => row.removed)).toEqual([
				[made[0]],
				[made[1]]
			]);
			expect(
				nextBackupDelay({ root, intervalHours: 24, keep: 2 }, new Date(start + 4 * HOUR))
			).toBe(23 * HOUR);
			expect(
				nextBackupDelay({ root: join(root, 'none'), intervalHours: 24, keep: 2 }, new Date())
			).toBe(0);
		}
	);
});

describe('scheduled backups', () => {
	it('logs and audits a failure instead of throwing', async () => {
		const world = await backupWorld();
		// SQLite: a root that is a file. PostgreSQL: any root, the backup itself is refused there.
		const root = join(world.work, onPostgres ? 'backups' : 'a-file');
		if (!onPostgres) writeFileSync(root, 'x');
		const log = captureLog();
		const ok = await runScheduledBackup(world.db, { root, intervalHours: 1, keep: 3 }, log.logger);
		expect(ok).toBe(false);
		expect(log.entries()[0]).toMatchObject({ level: 'error', root });
		expect(log.messages()[0]).toMatch(new RegExp(`^backup FAILED into ${root}: `));
		expect(await audited(world.db, 'backup.failed')).toEqual([
			{ root, error: expect.stringContaining(onPostgres ? 'pg_dump' : 'EEXIST') }
		]);
		if (onPostgres) expect(readdirSync(root)).toEqual([]);
	});

	// As above: SQLite's backups.
	it.skipIf(onPostgres)(
		'takes a backup each interval and keeps KEEP, until stopped',
		async () => {
			const world = await backupWorld();
			const root = join(world.work, 'scheduled');
			const log = captureLog();
			const stop = startScheduledBackups(
				world.db,
				{ root, intervalHours: 0.3 / 3600, keep: 2 },
				log.logger
			);
			const deadline = Date.now() + 30_000;
			while ((await audited(world.db, 'backup.created')).length < 3 && Date.now() < deadline)
				await sleep(50);
			await stop();
			const taken = (await audited(world.db, 'backup.created')).length;
			expect(taken).toBeGreaterThanOrEqual(3);
			expect(completeBackups(root)).toHaveLength(2);
			const taking = log.entries().filter((entry) => String(entry.dir).startsWith(`${root}/`));
			expect(taking).toHaveLength(taken);
			expect(taking[0]).toMatchObject({ level: 'info', files: expect.any(Number), removed: 0 });
			await sleep(800);
			expect(await audited(world.db, 'backup.created')).toHaveLength(taken);
			expect(existsSync(root)).toBe(true);
		},
		60_000
	);
});

// The server's scheduled backups (TANDEM_BACKUP_DIR, _INTERVAL_HOURS, _KEEP): one every interval
// into a timestamped folder, keeping the newest KEEP. The first is due one interval after the
// newest backup already in the folder (at once if there is none or it is older), so restarts
// neither skip nor pile up backups. A failure is logged and audited ("backup.failed") and the
// next attempt comes one interval later; it never stops the server.
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { systemPrincipal } from '../access/principal';
import { logFor, type Logger } from '../logger';
import { backupFolderTime, backupIntoRoot, completeBackups } from './backup-rotation';
import { withTransaction } from '../db/transaction';

export interface BackupSchedule {
	root: string;
	intervalHours: number;
	keep: number;
}

const HOUR_MS = 3_600_000;
const principal = systemPrincipal('backup-schedule');

/** Milliseconds until the next backup is due. */
export function nextBackupDelay(schedule: BackupSchedule, now: Date): number {
	const newest = completeBackups(schedule.root).at(-1);
	const taken = newest === undefined ? null : backupFolderTime(newest);
	if (taken === null) return 0;
	return Math.max(0, taken.getTime() + schedule.intervalHours * HOUR_MS - now.getTime());
}

/** One scheduled backup; never throws. Returns whether it succeeded. */
export async function runScheduledBackup(
	db: Db,
	schedule: BackupSchedule,
	log: Logger = logFor('backup')
): Promise<boolean> {
	try {
		const backup = await backupIntoRoot(db, principal, schedule.root, schedule.keep);
		log.info(
			{
				dir: backup.dir,
				files: backup.files,
				auditSeq: backup.auditChain.seq,
				removed: backup.removed.length
			},
			`backup taken into ${backup.dir} (${backup.files} files, audit chain at ${backup.auditChain.seq})${backup.removed.length > 0 ? `; removed ${backup.removed.length} older` : ''}`
		);
		for (const problem of backup.problems)
			log.warn(
				{ file: problem.file, problem: problem.problem },
				`backup warning: ${problem.file}: ${problem.problem}`
			);
		return true;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		log.error(
			{ root: schedule.root, err: error },
			`backup FAILED into ${schedule.root}: ${message}`
		);
		try {
			await withTransaction(
				db,
				async (tx) =>
					await recordAudit(tx, principal, {
						action: 'backup.failed',
						entityType: 'backup',
						after: { root: schedule.root, error: message }
					})
			);
		} catch (auditError) {
			log.error({ err: auditError }, 'the backup failure could not be audited either');
		}
		return false;
	}
}

/** Starts the schedule; returns the function that stops it (resolving once a backup under way ends). */
export function startScheduledBackups(
	db: Db,
	schedule: BackupSchedule,
	log: Logger = logFor('backup')
): () => Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;
	const plan = (delay: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			running = runScheduledBackup(db, schedule, log).then(() => {
				running = undefined;
				plan(schedule.intervalHours * HOUR_MS);
			});
		}, delay);
		timer.unref();
	};
	let delay = 0;
	try {
		delay = nextBackupDelay(schedule, new Date());
	} catch (error) {
		log.warn({ root: schedule.root, err: error }, `cannot read ${schedule.root}; trying at once`);
	}
	log.info(
		{ ...schedule, nextInMinutes: Math.round(delay / 60_000) },
		`backups every ${schedule.intervalHours} h into ${schedule.root}, keeping ${schedule.keep}; next in ${Math.round(delay / 60_000)} min`
	);
	plan(delay);
	return async () => {
		stopped = true;
		if (timer) clearTimeout(timer);
		await running;
	};
}

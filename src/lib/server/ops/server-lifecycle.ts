// The web server's start and stop (hooks.server.ts).
//
// Start: check the settings (a bad value stops the start, naming the variable), open (and migrate)
// the database (SQLite, or PostgreSQL with DATABASE_URL) and run SQLite's quick_check (a corrupt
// file stops the start), check every minute
// whether the audit chain's head is due to be signed, score studies in the background (unless
// TANDEM_SCORING=off) and, with TANDEM_BACKUP_DIR set, take scheduled backups.
//
// Stop, on SIGTERM or SIGINT (adapter-node): the server stops taking connections and lets the
// requests under way finish (up to SHUTDOWN_TIMEOUT seconds, then it cuts them), then emits
// `sveltekit:shutdown`; here, on the signal, the readiness check turns to 503 and the monitor's
// event streams end, and on `sveltekit:shutdown` the background services stop in turn (the
// checkpoint timer; scoring, after the cases under way; the backups, after one under way), the
// inference pool closes and the database is closed, so SQLite folds its write-ahead log back into
// the file. Each step is logged. The process then ends by itself, with status 0.
import type { Db } from '../db/client';
import { closeDatabase, openProcessDatabase } from '../db/client';
import { isPostgresHandle } from '../db/postgres-transaction';
import { assertDatabaseIntact } from '../db/integrity';
import { backgroundScoring, backupSchedule, databaseUrl } from '../config';
import { checkSettings } from '../config-combined';
import { logFor, type Logger } from '../logger';
import { startBackgroundScoring } from '../ai/background-scoring';
import { startScoringDispatch } from '../ai/scoring-queue';
import { listenForStudyChanges } from '../monitor/study-notifications';
import { studyChangedElsewhere } from '../monitor/study-events';
import { closeInferencePool, getInferencePool } from '../ai/inference/pool';
import { startCheckpointTimer } from '../audit/checkpoint-schedule';
import { startScheduledBackups } from '../backup/backup-schedule';
import { scheduledBackupsRefused } from '../backup/backup-dialect';
import { markServing, markStopped, serverPhase, startDraining } from './server-state';

interface Running {
	db: Db;
	stopCheckpoints: () => void;
	stopScoring?: () => Promise<void>;
	stopBackups?: () => Promise<void>;
	stopListening?: () => Promise<void>;
}

let running: Running | undefined;

/** Starts what the server runs beside its requests; the server is then ready. */
export async function startServer(log: Logger = logFor('server')): Promise<void> {
	checkSettings();
	const backups = backupSchedule();
	const db = await openProcessDatabase();
	if (backups && isPostgresHandle(db)) {
		await closeDatabase();
		throw scheduledBackupsRefused();
	}
	// SQLite's file is checked here; PostgreSQL keeps its own (checksums, replicas, its operators).
	if (!isPostgresHandle(db)) assertDatabaseIntact(db.$client, 'quick');
	const stopCheckpoints = startCheckpointTimer(db);
	// On PostgreSQL the server only queues the jobs; `tandem worker` processes score them.
	const stopScoring = !backgroundScoring()
		? undefined
		: isPostgresHandle(db)
			? await startScoringDispatch(db)
			: await startBackgroundScoring(db, getInferencePool);
	const stopBackups = backups ? startScheduledBackups(db, backups) : undefined;
	// On PostgreSQL the other app processes' changes reach this one's live views.
	const stopListening = isPostgresHandle(db)
		? await listenForStudyChanges(databaseUrl()!, studyChangedElsewhere)
		: undefined;
	running = { db, stopCheckpoints, stopScoring, stopBackups, stopListening };
	markServing();
	log.info(
		{ scoring: stopScoring !== undefined, backups: stopBackups !== undefined },
		'started: database open, background services running'
	);
}

/** On the stop signal: no longer ready, long-lived responses end; adapter-node drains the rest. */
export function beginShutdown(signal: string, log: Logger = logFor('server')): void {
	if (serverPhase() === 'draining' || serverPhase() === 'stopped') return;
	log.info(
		{ signal },
		`${signal}: taking no new connections; waiting for the requests under way to finish`
	);
	startDraining();
}

/** Once no request is left: the background services stop, the pool closes, the database closes. */
export async function finishShutdown(log: Logger = logFor('server')): Promise<void> {
	startDraining();
	log.info('requests finished; stopping the background services');
	const current = running;
	running = undefined;
	if (current) {
		current.stopCheckpoints();
		log.info('checkpoint timer stopped');
		if (current.stopScoring) {
			await current.stopScoring();
			log.info('background scoring stopped');
		}
		if (current.stopBackups) {
			await current.stopBackups();
			log.info('scheduled backups stopped');
		}
		if (current.stopListening) {
			await current.stopListening();
			log.info('study-change listener stopped');
		}
	}
	if (await closeInferencePool()) log.info('inference pool closed');
	await closeDatabase();
	log.info('database closed');
	markStopped();
	log.info('stopped');
}

/**
 * Hooks the steps above to the process: the signals (as adapter-node does, which drains) and its
 * `sveltekit:shutdown` event. Only in the built server: under `vite dev` nothing drains, and a
 * signal handler would keep the dev server from stopping.
 */
export function stopOnSignals(log: Logger = logFor('server')): void {
	for (const signal of ['SIGTERM', 'SIGINT'] as const)
		process.once(signal, () => beginShutdown(signal, log));
	process.once('sveltekit:shutdown', () => {
		finishShutdown(log).then(
			() => exitSoon(0),
			(error: unknown) => {
				log.fatal({ err: error }, 'the shutdown failed');
				exitSoon(1);
			}
		);
	});
}

/** The process ends by itself once nothing is left to do; should a handle linger, it ends anyway. */
function exitSoon(code: number): void {
	process.exitCode = code;
	setTimeout(() => process.exit(code), 1_000).unref();
}

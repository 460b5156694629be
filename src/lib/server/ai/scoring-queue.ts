// Inference jobs across machines, on PostgreSQL (DATABASE_URL): the app processes queue them in
// pg-boss, a job queue that lives in the same database, and `tandem worker` processes (on GPU or
// CPU machines) take them, score with onnxruntime and write the results. With SQLite the server's
// own pool scores (background-scoring.ts) and none of this runs.
//
// pg-boss (not graphile-worker: its current releases need Node 22) hands each job to one worker at
// a time (SELECT … FOR UPDATE SKIP LOCKED), and runs a job again when its worker has not finished
// it within the lease (TANDEM_JOB_LEASE_SECONDS): a killed worker loses nothing. The ai_results
// row stays the record of the job (inference-jobs.ts: queued → running → done | failed, with its
// attempts and retry time): a pg-boss job only says "score this row now". So the row decides:
// - a job is sent for every queued row, and for every row running past its lease (its worker was
//   lost), at most one waiting per row (the queue's `short` policy with the row as singleton key),
//   by every app process (they need not agree);
// - a worker claims the row before scoring (queued, or running past its lease, i.e. lost) and
//   writes the result only if the row is still its claim, so a job run twice scores once and is
//   audited once;
// - a failed attempt is retried by the row's backoff (failJob), not by pg-boss.
import PgBoss from 'pg-boss';
import { and, eq, lt, or, isNull, lte } from 'drizzle-orm';
import { aiResults } from '../db/schema';
import type { Db } from '../db/client';
import { withTransaction } from '../db/transaction';
import { databaseUrl, jobLeaseSeconds } from '../config';
import { logFor, type Logger } from '../logger';
import type { InferencePool } from './inference/pool';
import { completeJob, failJob, type JobRow } from './inference-jobs';
import { taskFor } from './scoring-runner';
import { enqueueAllStudies } from './background-scoring';

export const SCORING_QUEUE = 'tandem-score';

interface ScoreJob {
	resultId: number;
}

/** Connects to the queue (its own schema, `pgboss`, in the same database) and creates it if needed. */
export async function openScoringQueue(url = databaseUrl()): Promise<PgBoss> {
	if (!url) throw new Error('The job queue needs PostgreSQL: set DATABASE_URL.');
	const boss = new PgBoss({ connectionString: url, max: 2, schema: 'pgboss' });
	boss.on('error', (error) => logFor('queue').error({ err: error }, 'job queue error'));
	await boss.start();
	await boss.createQueue(SCORING_QUEUE, {
		name: SCORING_QUEUE,
		policy: 'short',
		// A lost job is not retried by pg-boss: its row, running past the lease, is sent again.
		retryLimit: 0,
		expireInSeconds: jobLeaseSeconds()
	});
	return boss;
}

/**
 * Sends a job for every queued row, and every row running past its lease (its worker was lost), at
 * most one waiting per row; returns how many were sent.
 */
export async function dispatchQueued(
	db: Db,
	boss: PgBoss,
	now = new Date(),
	leaseSeconds = jobLeaseSeconds()
): Promise<number> {
	const lost = new Date(now.getTime() - leaseSeconds * 1000);
	const rows = await db
		.select({ id: aiResults.id, nextAttemptAt: aiResults.nextAttemptAt })
		.from(aiResults)
		.where(
			or(
				eq(aiResults.status, 'queued'),
				and(eq(aiResults.status, 'running'), lt(aiResults.startedAt, lost))
			)
		)
		.orderBy(aiResults.id);
	let sent = 0;
	for (const row of rows) {
		const later = row.nextAttemptAt && row.nextAttemptAt > now ? row.nextAttemptAt : undefined;
		const id = await boss.send(SCORING_QUEUE, { resultId: row.id } satisfies ScoreJob, {
			singletonKey: `ai-result:${row.id}`,
			...(later ? { startAfter: later } : {})
		});
		if (id) sent++;
	}
	return sent;
}

/**
 * Claims a row for scoring: queued and due, or running past its lease (its worker was lost).
 * Undefined when the row is done, failed, or someone else's live claim.
 */
export async function claimResult(
	db: Db,
	resultId: number,
	now = new Date(),
	leaseSeconds = jobLeaseSeconds()
): Promise<JobRow | undefined> {
	return await withTransaction(db, async (tx) => {
		const lost = new Date(now.getTime() - leaseSeconds * 1000);
		const claimable = and(
			eq(aiResults.id, resultId),
			or(
				and(
					eq(aiResults.status, 'queued'),
					or(isNull(aiResults.nextAttemptAt), lte(aiResults.nextAttemptAt, now))
				),
				and(eq(aiResults.status, 'running'), lt(aiResults.startedAt, lost))
			)
		);
		const [job] = await tx.select().from(aiResults).where(claimable);
		if (!job) return undefined;
		const claimed = { status: 'running' as const, startedAt: now, attempts: job.attempts + 1 };
		await tx.update(aiResults).set(claimed).where(eq(aiResults.id, job.id));
		return { ...job, ...claimed };
	});
}

export interface WorkerOptions {
	/** Jobs scored at once (default: the pool's threads). */
	concurrency?: number;
	log?: Logger;
	onJobFinished?: (outcome: { job: JobRow; status: 'done' | 'retry' | 'failed' }) => void;
}

/** Scores one claimed row through the pool; its result or failure written only if still claimed. */
async function scoreClaimed(db: Db, pool: InferencePool, job: JobRow) {
	const { task, studyId } = await taskFor(db, job);
	try {
		const output = await pool.run(task);
		await completeJob(db, job, output, studyId, new Date());
		return 'done' as const;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return await failJob(db, job, message, studyId, new Date());
	}
}

/** Takes scoring jobs from the queue until stopped (`boss.stop()`); returns at once. */
export async function workScoringQueue(
	db: Db,
	boss: PgBoss,
	pool: InferencePool,
	options: WorkerOptions = {}
): Promise<void> {
	const log = options.log ?? logFor('worker');
	const lanes = options.concurrency ?? Math.max(1, pool.stats().threads);
	const handler = async (jobs: PgBoss.Job<ScoreJob>[]) => {
		for (const { data } of jobs) {
			const job = await claimResult(db, data.resultId);
			if (!job) continue; // scored already, failed for good, or claimed by a live worker
			const status = await scoreClaimed(db, pool, job);
			if (status !== 'done') log.warn({ resultId: job.id, status }, `a case ${status}`);
			options.onJobFinished?.({ job, status });
		}
	};
	for (let lane = 0; lane < lanes; lane++)
		await boss.work<ScoreJob>(
			SCORING_QUEUE,
			{ batchSize: 1, pollingIntervalSeconds: 0.5 },
			handler
		);
	log.info({ lanes }, `taking scoring jobs (${lanes} at a time)`);
}

const DISPATCH_MS = 3_000;

/** The app's side on PostgreSQL: every few seconds, queue unscored cases and send their jobs. */
export async function startScoringDispatch(
	db: Db,
	log: Logger = logFor('inference')
): Promise<() => Promise<void>> {
	const boss = await openScoringQueue();
	let round: Promise<void> | undefined;
	const tick = async () => {
		try {
			const queued = await enqueueAllStudies(db);
			if (queued > 0) log.info({ queued }, `${queued} case(s) queued for scoring`);
			const sent = await dispatchQueued(db, boss);
			if (sent > 0) log.info({ sent }, `${sent} scoring job(s) sent to the workers`);
		} catch (error) {
			log.error({ err: error }, 'a scoring dispatch round failed');
		}
	};
	const start = () => {
		if (!round) round = tick().finally(() => (round = undefined));
	};
	start();
	const timer = setInterval(start, DISPATCH_MS);
	timer.unref();
	return async () => {
		clearInterval(timer);
		await round;
		await boss.stop({ graceful: false, wait: true });
	};
}

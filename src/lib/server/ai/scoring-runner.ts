// Drives the inference jobs through the worker pool, off the request path: claims due jobs, runs
// them in parallel (one per pool thread), stores results or failures. Used by the server in the
// background and by `tandem model score`.
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { aiModels, aiResults, cases, studies } from '../db/schema';
import type { Db } from '../db/client';
import type { InferencePool, InferenceTask } from './inference/pool';
import { claimNextJob, completeJob, failJob, type JobRow } from './inference-jobs';
import { manifestOf } from './model-registry.service';
import { caseImageKeys } from '../images/image-keys';
import { imageStoreSettings } from '../config-combined';

export interface RunOptions {
	/** Only this study's jobs. */
	studyId?: number;
	/** Jobs run at once; defaults to the pool's threads. */
	concurrency?: number;
	/** Wait for jobs whose retry is due later (CLI); the background runner returns instead. */
	waitForRetries?: boolean;
	onJobFinished?: (outcome: {
		job: JobRow;
		status: 'done' | 'retry' | 'failed';
		error?: string;
	}) => void | Promise<unknown>;
	now?: () => Date;
	/** Asked before each job is claimed: true stops the lanes (the jobs under way finish first). */
	shouldStop?: () => boolean;
}

export async function taskFor(
	db: Db,
	job: Pick<JobRow, 'modelId' | 'caseId'>
): Promise<{ task: InferenceTask; studyId: number }> {
	const model = (await db.select().from(aiModels).where(eq(aiModels.id, job.modelId)))[0]!;
	const caseRow = (
		await db
			.select({ studyId: cases.studyId, sourceDir: studies.sourceDir })
			.from(cases)
			.innerJoin(studies, eq(cases.studyId, studies.id))
			.where(eq(cases.id, job.caseId))
	)[0]!;
	const files = await caseImageKeys(db, job.caseId);
	const store = imageStoreSettings();
	return {
		studyId: caseRow.studyId,
		task: {
			modelPath: model.path,
			modelSha256: model.sha256,
			manifest: manifestOf(model),
			images: files.map((file) => join(caseRow.sourceDir, file.key.path)),
			// A remote store: the worker reads each image from it (the paths are not on this machine).
			...(store.kind === 'local' ? {} : { stored: { store, keys: files.map((file) => file.key) } })
		}
	};
}

/** Runs due jobs until none is left; resolves with how many finished (done or failed for good). */
export async function runQueuedJobs(
	db: Db,
	pool: InferencePool,
	options: RunOptions = {}
): Promise<number> {
	const now = options.now ?? (() => new Date());
	const concurrency = options.concurrency ?? Math.max(1, pool.stats().threads);
	let finished = 0;
	const lane = async (): Promise<void> => {
		for (;;) {
			if (options.shouldStop?.()) return;
			const job = await claimNextJob(db, now(), options.studyId);
			if (!job) {
				if (!options.waitForRetries || !(await hasPendingRetry(db, options.studyId))) return;
				await new Promise((resolve) => setTimeout(resolve, 250));
				continue;
			}
			const { task, studyId } = await taskFor(db, job);
			try {
				const output = await pool.run(task);
				await completeJob(db, job, output, studyId, now());
				finished++;
				await options.onJobFinished?.({ job, status: 'done' });
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				const status = await failJob(db, job, message, studyId, now());
				if (status === 'failed') finished++;
				await options.onJobFinished?.({ job, status, error: message });
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return finished;
}

async function hasPendingRetry(db: Db, studyId?: number): Promise<boolean> {
	const queued = await db
		.select({ id: aiResults.id, caseStudy: cases.studyId })
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(eq(aiResults.status, 'queued'));
	return queued.some((row) => studyId === undefined || row.caseStudy === studyId);
}

// Inference jobs, persisted (AI-1, AI-3): one row per model × case in ai_results, queued → running →
// done | failed. Idempotent: a finished job is never recomputed. A crash leaves rows 'running';
// they are queued again at start. A failed attempt is retried with exponential backoff, and a case
// that keeps failing is recorded as failed with its error — it stays in the study's denominator.
import { and, asc, count, eq, isNull, lte, notExists, or } from 'drizzle-orm';
import { aiResults, cases } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { systemPrincipal, type Principal } from '../access/principal';
import type { InferenceOutput } from './inference/pool';
import type { ScoringProgress } from '../../domain/dashboard';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import { protocolOf } from '../studies/study-protocol';
import { findModel } from './model-registry.service';
import { withTransaction } from '../db/transaction';

export const RETRY_POLICY = { maxAttempts: 3, baseDelayMs: 2_000 };

export type JobRow = typeof aiResults.$inferSelect;

/** Queues every case of the study that has no result for the model yet; returns how many were added. */
export async function enqueueStudy(
	db: Db,
	principal: Principal,
	studyId: number,
	modelId: number,
	now = new Date()
): Promise<number> {
	return await withTransaction(db, async (tx) => {
		const missing = await tx
			.select({ id: cases.id })
			.from(cases)
			.where(
				and(
					eq(cases.studyId, studyId),
					notExists(
						tx
							.select({ id: aiResults.id })
							.from(aiResults)
							.where(and(eq(aiResults.caseId, cases.id), eq(aiResults.modelId, modelId)))
					)
				)
			)
			.orderBy(asc(cases.ordinal));
		for (const row of missing)
			await tx
				.insert(aiResults)
				.values({ modelId, caseId: row.id, status: 'queued', createdAt: now });
		if (missing.length > 0) {
			await recordAudit(
				tx,
				principal,
				{
					action: 'ai.scoring_queued',
					entityType: 'study',
					entityId: studyId,
					studyId,
					after: { modelId, cases: missing.length }
				},
				now
			);
		}
		return missing.length;
	});
}

/** Jobs left 'running' by a stopped process go back to the queue (called once at start). */
export async function requeueInterrupted(db: Db, now = new Date()): Promise<number> {
	return await withTransaction(db, async (tx) => {
		const interrupted = await tx
			.select({ id: aiResults.id })
			.from(aiResults)
			.where(eq(aiResults.status, 'running'));
		if (interrupted.length === 0) return 0;
		await tx
			.update(aiResults)
			.set({ status: 'queued', startedAt: null })
			.where(eq(aiResults.status, 'running'));
		await recordAudit(
			tx,
			systemPrincipal('inference'),
			{
				action: 'ai.jobs_requeued',
				entityType: 'ai_results',
				after: { jobs: interrupted.map((job) => job.id) }
			},
			now
		);
		return interrupted.length;
	});
}

/** Takes the next due job (optionally of one study) and marks it running, atomically. */
export async function claimNextJob(
	db: Db,
	now = new Date(),
	studyId?: number
): Promise<JobRow | undefined> {
	return await withTransaction(db, async (tx) => {
		const due = and(
			eq(aiResults.status, 'queued'),
			or(isNull(aiResults.nextAttemptAt), lte(aiResults.nextAttemptAt, now))
		);
		const job = (
			await tx
				.select({ result: aiResults })
				.from(aiResults)
				.innerJoin(cases, eq(aiResults.caseId, cases.id))
				.where(studyId === undefined ? due : and(due, eq(cases.studyId, studyId)))
				.orderBy(asc(aiResults.id))
				.limit(1)
		)[0]?.result;
		if (!job) return undefined;
		await tx
			.update(aiResults)
			.set({ status: 'running', startedAt: now, attempts: job.attempts + 1 })
			.where(eq(aiResults.id, job.id));
		return { ...job, status: 'running' as const, startedAt: now, attempts: job.attempts + 1 };
	});
}

/** The row is still this claim of the job: running, at the attempt the claim made. */
function stillClaimed(job: JobRow) {
	return and(
		eq(aiResults.id, job.id),
		eq(aiResults.status, 'running'),
		eq(aiResults.attempts, job.attempts)
	);
}

export async function completeJob(
	db: Db,
	job: JobRow,
	output: InferenceOutput,
	studyId: number,
	now = new Date()
): Promise<void> {
	const { score, heatmap, boxes } = output;
	await withTransaction(db, async (tx) => {
		const stored = await tx
			.update(aiResults)
			.set({
				status: 'done',
				score,
				outputJson: JSON.stringify({ heatmap: heatmap ?? null, boxes: boxes ?? [] }),
				inputSha256: output.inputSha256,
				outputSha256: output.outputSha256,
				latencyMs: output.latencyMs,
				preprocessMs: output.preprocessMs ?? null,
				memoryPeakBytes: output.memoryPeakBytes,
				error: null,
				nextAttemptAt: null,
				finishedAt: now
			})
			.where(stillClaimed(job))
			.returning({ id: aiResults.id });
		// Another worker took the job over (this one outlived its lease): its result stands.
		if (stored.length === 0) return;
		await recordAudit(
			tx,
			systemPrincipal('inference'),
			{
				action: 'ai.case_scored',
				entityType: 'ai_result',
				entityId: job.id,
				studyId,
				after: {
					caseId: job.caseId,
					modelId: job.modelId,
					outputSha256: output.outputSha256,
					attempts: job.attempts
				}
			},
			now
		);
	});
}

/** Retries later with backoff, or records the failure for good after the last attempt. */
export async function failJob(
	db: Db,
	job: JobRow,
	error: string,
	studyId: number,
	now = new Date()
): Promise<'retry' | 'failed'> {
	const final = job.attempts >= RETRY_POLICY.maxAttempts;
	await withTransaction(db, async (tx) => {
		const nextAttemptAt = final
			? null
			: new Date(now.getTime() + RETRY_POLICY.baseDelayMs * 2 ** (job.attempts - 1));
		const stored = await tx
			.update(aiResults)
			.set({
				status: final ? 'failed' : 'queued',
				error,
				nextAttemptAt,
				finishedAt: final ? now : null
			})
			.where(stillClaimed(job))
			.returning({ id: aiResults.id });
		if (stored.length === 0) return;
		await recordAudit(
			tx,
			systemPrincipal('inference'),
			{
				action: final ? 'ai.case_failed' : 'ai.attempt_failed',
				entityType: 'ai_result',
				entityId: job.id,
				studyId,
				after: { caseId: job.caseId, attempts: job.attempts, error }
			},
			now
		);
	});
	return final ? 'failed' : 'retry';
}

export async function scoringProgress(
	db: DbOrTx,
	studyId: number,
	modelId: number
): Promise<ScoringProgress> {
	const rows = await db
		.select({ status: aiResults.status, n: count() })
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, studyId), eq(aiResults.modelId, modelId)))
		.groupBy(aiResults.status);
	const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
	const totalCases =
		(await db.select({ n: count() }).from(cases).where(eq(cases.studyId, studyId)))[0]?.n ?? 0;
	return {
		total: totalCases,
		queued: of('queued'),
		running: of('running'),
		done: of('done'),
		failed: of('failed')
	};
}

/** Scoring status of a study's model for its admin (counts only). */
export async function studyScoringStatus(
	db: Db,
	principal: Principal,
	slug: string
): Promise<{
	model: { name: string; version: string; registered: boolean };
	progress: ScoringProgress | null;
}> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const wanted = protocolOf(study).ai_model;
	const model = await findModel(db, wanted.name, wanted.version);
	return {
		model: { name: wanted.name, version: wanted.version, registered: model !== undefined },
		progress: model ? await scoringProgress(db, study.id, model.id) : null
	};
}

// The job queue's rules with a scripted pool (the real worker pool has its own tests in
// ../inference): idempotence, crash recovery, retries with backoff, a poisoned case failing alone.
import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import {
	enqueueStudy,
	requeueInterrupted,
	scoringProgress,
	claimNextJob,
	RETRY_POLICY
} from './inference-jobs';
import { runQueuedJobs } from './scoring-runner';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../access/principal';
import type { InferenceOutput, InferencePool, InferenceTask } from './inference/pool';
import type { Db } from '../db/client';
import { aiModels } from '../db/schema';

async function registerModel(db: Db): Promise<number> {
	const manifest = { name: 'demo-model', version: '1', threshold: 0.5 };
	const [model] = await db
		.insert(aiModels)
		.values({
			name: 'demo-model',
			version: '1',
			sha256: 'abc',
			manifestJson: JSON.stringify(manifest),
			path: '/m.onnx',
			createdAt: new Date(0)
		})
		.returning({ id: aiModels.id });
	return model!.id;
}

/** Scores by case folder name; fails the cases listed in `poisoned`. */
function scriptedPool(poisoned: Set<string>, calls: string[] = []): InferencePool {
	return {
		async run(task: InferenceTask): Promise<InferenceOutput> {
			const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
			calls.push(caseKey);
			if (poisoned.has(caseKey)) throw new Error(`cannot decode ${caseKey}`);
			return {
				score: Number(caseKey.slice(1)) / 20,
				inputSha256: `in-${caseKey}`,
				outputSha256: `out-${caseKey}`,
				latencyMs: 1,
				preprocessMs: 1,
				memoryPeakBytes: 1
			};
		},
		stats: () => ({ threads: 2, queued: 0, completed: 0 }),
		close: async () => {}
	};
}

describe('inference jobs', () => {
	it('scores every case once; a second round recomputes nothing', async () => {
		const { db } = await enrolledStudy([]);
		const modelId = await registerModel(db);
		expect(await enqueueStudy(db, operatorPrincipal(), 1, modelId)).toBe(12);
		expect(await enqueueStudy(db, operatorPrincipal(), 1, modelId)).toBe(0);
		const calls: string[] = [];
		await runQueuedJobs(db, scriptedPool(new Set(), calls), { studyId: 1 });
		expect(calls).toHaveLength(12);
		expect(await scoringProgress(db, 1, modelId)).toEqual({
			total: 12,
			queued: 0,
			running: 0,
			done: 12,
			failed: 0
		});
		await runQueuedJobs(db, scriptedPool(new Set(), calls), { studyId: 1 });
		expect(calls).toHaveLength(12);
		const stored = await sqlRow(
			db,
			"SELECT score, output_sha256 AS hash FROM ai_results r JOIN cases c ON c.id = r.case_id WHERE c.case_key = 'K4'"
		);
		expect(stored).toEqual({ score: 0.2, hash: 'out-K4' });
	});

	it('queues jobs left running by a crash again, and finishes them without duplicates', async () => {
		const { db } = await enrolledStudy([]);
		const modelId = await registerModel(db);
		await enqueueStudy(db, operatorPrincipal(), 1, modelId);
		await claimNextJob(db);
		await claimNextJob(db);
		expect((await scoringProgress(db, 1, modelId)).running).toBe(2);
		expect(await requeueInterrupted(db)).toBe(2);
		await runQueuedJobs(db, scriptedPool(new Set()), { studyId: 1 });
		expect(
			await sqlRow(db, 'SELECT count(*) AS n, count(DISTINCT case_id) AS cases FROM ai_results')
		).toEqual({ n: 12, cases: 12 });
		expect(
			await sqlRow(db, "SELECT count(*) AS n FROM audit_events WHERE action = 'ai.jobs_requeued'")
		).toEqual({ n: 1 });
	});

	it('retries a failing case with backoff and then records it as failed, alone', async () => {
		const { db } = await enrolledStudy([]);
		const modelId = await registerModel(db);
		await enqueueStudy(db, operatorPrincipal(), 1, modelId);
		let clock = new Date('2026-01-01T00:00:00Z').getTime();
		const now = () => new Date(clock);
		const pool = scriptedPool(new Set(['K3']));
		await runQueuedJobs(db, pool, { studyId: 1, now });
		expect(await scoringProgress(db, 1, modelId)).toMatchObject({ done: 11, queued: 1, failed: 0 });
		const retry = (await sqlRow(
			db,
			"SELECT attempts, next_attempt_at AS next, error FROM ai_results WHERE status = 'queued'"
		)) as { attempts: number; next: number; error: string };
		expect(retry).toEqual({
			attempts: 1,
			next: clock + RETRY_POLICY.baseDelayMs,
			error: 'cannot decode K3'
		});
		clock += RETRY_POLICY.baseDelayMs;
		await runQueuedJobs(db, pool, { studyId: 1, now });
		clock += 2 * RETRY_POLICY.baseDelayMs;
		await runQueuedJobs(db, pool, { studyId: 1, now });
		expect(await scoringProgress(db, 1, modelId)).toMatchObject({ done: 11, queued: 0, failed: 1 });
		expect(
			await sqlRow(db, "SELECT attempts, error FROM ai_results WHERE status = 'failed'")
		).toEqual({ attempts: 3, error: 'cannot decode K3' });
		expect(
			await sqlRow(db, "SELECT count(*) AS n FROM audit_events WHERE action = 'ai.case_failed'")
		).toEqual({ n: 1 });
	});
});

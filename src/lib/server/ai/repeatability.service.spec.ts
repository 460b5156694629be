// Repeatability (AI-2) with a scripted pool: the verdict needs every case scored first, compares
// every run with the stored result, and cannot pass on nothing.
import { sqlExec } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { enqueueStudy } from './inference-jobs';
import { runQueuedJobs } from './scoring-runner';
import { verifyRepeatability } from './repeatability.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../access/principal';
import { Conflict } from '../errors';
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

/** Output hash `out-K<n>` per case; `behave` may change a case's answer per call. */
function scriptedPool(
	behave: (caseKey: string, call: number) => string | Error = (caseKey) => `out-${caseKey}`,
	calls: string[] = []
): InferencePool {
	return {
		async run(task: InferenceTask): Promise<InferenceOutput> {
			const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
			calls.push(caseKey);
			const answer = behave(caseKey, calls.filter((key) => key === caseKey).length);
			if (answer instanceof Error) throw answer;
			return {
				score: 0.5,
				inputSha256: `in-${caseKey}`,
				outputSha256: answer,
				latencyMs: 1,
				preprocessMs: 1,
				memoryPeakBytes: 1
			};
		},
		stats: () => ({ threads: 2, queued: 0, completed: 0 }),
		close: async () => {}
	};
}

async function scoredStudy(poisoned: Set<string> = new Set()) {
	const { db } = await enrolledStudy([]);
	const modelId = await registerModel(db);
	await enqueueStudy(db, operatorPrincipal(), 1, modelId);
	await sqlExec(db, 'UPDATE ai_results SET attempts = 2'); // a failure is the last of three attempts
	await runQueuedJobs(
		db,
		scriptedPool((caseKey) =>
			poisoned.has(caseKey) ? new Error(`cannot decode ${caseKey}`) : `out-${caseKey}`
		),
		{ studyId: 1 }
	);
	return db;
}

describe('verifyRepeatability', () => {
	it('refuses a study none of whose cases is scored, without running anything', async () => {
		const { db } = await enrolledStudy([]);
		await registerModel(db);
		const calls: string[] = [];
		const verifying = verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool(undefined, calls),
			'mini-study',
			10
		);
		await expect(verifying).rejects.toBeInstanceOf(Conflict);
		await expect(verifying).rejects.toThrow(
			'mini-study: 12 of 12 cases have no model result yet; score them first (tandem model score --study mini-study)'
		);
		expect(calls).toEqual([]);
	});

	it('refuses a study whose scoring is not finished (queued cases)', async () => {
		const { db } = await enrolledStudy([]);
		const modelId = await registerModel(db);
		await enqueueStudy(db, operatorPrincipal(), 1, modelId);
		await sqlExec(
			db,
			"UPDATE ai_results SET status = 'done', output_sha256 = 'out-K' || case_id WHERE case_id <= 9"
		);
		await expect(
			verifyRepeatability(db, operatorPrincipal(), scriptedPool(), 'mini-study', 2)
		).rejects.toThrow('mini-study: 3 of 12 cases have no model result yet');
	});

	it('passes when every case gives its stored hash in every run', async () => {
		const db = await scoredStudy();
		const calls: string[] = [];
		const report = await verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool(undefined, calls),
			'mini-study',
			3
		);
		expect(calls).toHaveLength(36);
		expect(report).toEqual({
			repeat: 3,
			cases: 12,
			identical: 12,
			differing: [],
			failing: [],
			passed: true
		});
	});

	it('fails a case whose runs disagree, or agree with each other but not with the stored result', async () => {
		const db = await scoredStudy();
		const pool = scriptedPool((caseKey, call) =>
			caseKey === 'K2' && call === 2
				? 'out-other'
				: caseKey === 'K5'
					? 'out-changed'
					: `out-${caseKey}`
		);
		const report = await verifyRepeatability(db, operatorPrincipal(), pool, 'mini-study', 3);
		expect(report.passed).toBe(false);
		expect(report.identical).toBe(10);
		expect(report.differing).toEqual([
			{ caseKey: 'K2', hashes: ['out-K2', 'out-other'], errors: [], stored: 'out-K2' },
			{ caseKey: 'K5', hashes: ['out-changed'], errors: [], stored: 'out-K5' }
		]);
	});

	it('fails a scored case that now fails, even the same way every run', async () => {
		const db = await scoredStudy();
		const report = await verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool((caseKey) =>
				caseKey === 'K7' ? new Error('cannot decode K7') : `out-${caseKey}`
			),
			'mini-study',
			2
		);
		expect(report.passed).toBe(false);
		expect(report.failing).toEqual([]);
		expect(report.differing).toEqual([
			{ caseKey: 'K7', hashes: [], errors: ['cannot decode K7'], stored: 'out-K7' }
		]);
	});

	it('accepts a case recorded as failed that fails the same way again, and fails one that now gives output', async () => {
		const db = await scoredStudy(new Set(['K3']));
		const same = await verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool((caseKey) =>
				caseKey === 'K3' ? new Error('cannot decode K3') : `out-${caseKey}`
			),
			'mini-study',
			2
		);
		expect(same).toMatchObject({
			identical: 11,
			differing: [],
			failing: [{ caseKey: 'K3', errors: ['cannot decode K3', 'cannot decode K3'] }],
			passed: true
		});
		const recovered = await verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool(),
			'mini-study',
			2
		);
		expect(recovered.passed).toBe(false);
		expect(recovered.differing).toEqual([
			{ caseKey: 'K3', hashes: ['out-K3'], errors: [], stored: null }
		]);
	});

	it('does not pass when no case gave an output to compare', async () => {
		const all = new Set(Array.from({ length: 12 }, (_, index) => `K${index + 1}`));
		const db = await scoredStudy(all);
		const report = await verifyRepeatability(
			db,
			operatorPrincipal(),
			scriptedPool((caseKey) => new Error(`cannot decode ${caseKey}`)),
			'mini-study',
			2
		);
		expect(report).toMatchObject({ cases: 12, identical: 0, differing: [], passed: false });
		expect(report.failing).toHaveLength(12);
	});
});

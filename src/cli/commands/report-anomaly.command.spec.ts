// `tandem report anomalies` lists the AI's failures with their classification, and `tandem report
// anomaly` classifies one (cause and root-cause note), naming what it refuses.
import { describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { sqlValue } from '$fixtures/sql.fixture';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { enqueueStudy } from '../../lib/server/ai/inference-jobs';
import { runQueuedJobs } from '../../lib/server/ai/scoring-runner';
import type { InferencePool, InferenceTask } from '../../lib/server/ai/inference/pool';

/** K3 cannot be decoded; every other case scores. */
const pool: InferencePool = {
	async run(task: InferenceTask) {
		const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
		if (caseKey === 'K3') throw new Error(`cannot decode ${caseKey}`);
		return {
			score: Number(caseKey.slice(1)) / 20,
			inputSha256: 'in',
			outputSha256: 'out',
			latencyMs: 1,
			preprocessMs: 1,
			memoryPeakBytes: 1
		};
	},
	stats: () => ({ threads: 1, queued: 0, completed: 0 }),
	close: async () => {}
};

describe('tandem report anomalies / anomaly', () => {
	it('lists the unclassified failure, classifies it, and refuses a bad cause or a case without failure', async () => {
		const { env, db } = await freshCommandDatabase('tandem-anomaly-cli-');
		await enrolledStudy(['site-a', 'site-b'], undefined, db);
		const manifest = { name: 'demo-model', version: '1', threshold: 0.5 };
		const modelId = (await sqlValue<number>(
			db,
			"INSERT INTO ai_models (name, version, sha256, manifest_json, path, created_at) VALUES ('demo-model', '1', ?, ?, '/m.onnx', ?) RETURNING id",
			'9'.repeat(64),
			JSON.stringify(manifest),
			new Date(0)
		))!;
		await enqueueStudy(db, operatorPrincipal(), 1, modelId);
		let clock = Date.now() - 10 * 3_600_000;
		for (let round = 0; round < 4; round++, clock += 3_600_000)
			await runQueuedJobs(db, pool, { studyId: 1, now: () => new Date(clock) });

		const before = runCli(['report', 'anomalies', '--study', 'mini-study'], env);
		expect(before.status, before.stderr).toBe(0);
		expect(before.stdout).toMatch(
			/^\d+\tK3\tfailed \(3 attempts\)\tNOT YET CLASSIFIED\tcannot decode K3$/m
		);
		expect(before.stdout).toContain('mini-study: 1 anomaly, 1 not yet classified');

		const badCause = runCli(
			[
				'report',
				'anomaly',
				'--study',
				'mini-study',
				'--case',
				'K3',
				'--cause',
				'gremlins',
				'--note',
				'x'
			],
			env
		);
		expect(badCause.status).not.toBe(0);
		expect(badCause.stderr).toContain('expected software-defect or external');
		const noFailure = runCli(
			[
				'report',
				'anomaly',
				'--study',
				'mini-study',
				'--case',
				'K4',
				'--cause',
				'external',
				'--note',
				'x'
			],
			env
		);
		expect(noFailure.status).not.toBe(0);
		expect(noFailure.stderr).toContain('Case K4 has no AI failure');

		const classify = runCli(
			[
				'report',
				'anomaly',
				'--study',
				'mini-study',
				'--case',
				'K3',
				'--cause',
				'external',
				'--note',
				'truncated file from the site PACS'
			],
			env
		);
		expect(classify.status, classify.stderr).toBe(0);
		expect(classify.stdout).toMatch(/job \d+ \(case K3\) classified as external/);
		const after = runCli(['report', 'anomalies', '--study', 'mini-study'], env);
		expect(after.stdout).toMatch(
			/\tK3\tfailed \(3 attempts\)\texternal\ttruncated file from the site PACS$/m
		);
		expect(after.stdout).toContain('1 anomaly, 0 not yet classified');
	}, 120_000);
});

// `tandem model …` on the whole demo study, as an operator runs it: scoring survives being killed
// mid-way (the rest completes on the next run, no case scored twice), `verify --repeat 10` passes
// on the demo model, and `evaluate` reports standalone performance.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoStudy } from '../../../scripts/demo/generate-demo-study';
import type { Db } from '../../lib/server/db/client';
import { runCli, startCli } from '$fixtures/run-cli.fixture';
import { commandDatabase, freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRow } from '$fixtures/sql.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';

async function counts(db: Db) {
	return (await sqlRow<{ rows: number; cases: number; done: number; running: number }>(
		db,
		`SELECT count(*) AS rows, count(DISTINCT case_id) AS cases,
			sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done,
			sum(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS running FROM ai_results`
	))!;
}

describe('tandem model on the demo study', () => {
	it('resumes scoring after a kill without duplicates; verify --repeat 10 passes; evaluate reports', async () => {
		const work = mkdtempSync(join(tmpdir(), 'tandem-model-'));
		const studyDir = join(work, 'demo-crossover');
		cpSync('studies/demo-crossover', studyDir, {
			recursive: true,
			filter: (source) => !source.includes('/images')
		});
		await generateDemoStudy({ outDir: studyDir });
		const { env: databaseEnv, db } = await commandDatabase(join(work, 'tandem.db'));
		const env = {
			...databaseEnv,
			TANDEM_DEMO_PASSWORD: 'model-test-password',
			TANDEM_INFERENCE_THREADS: '1'
		};
		expect(runCli(['demo', 'setup', '--dir', studyDir], env).status).toBe(0);

		// Kill the scorer once it is under way.
		const scorer = startCli(['model', 'score', '--study', 'demo-crossover'], env);
		for (let waited = 0; waited < 60_000 && ((await counts(db)).done ?? 0) < 10; waited += 50)
			await new Promise((resolve) => setTimeout(resolve, 50));
		scorer.kill('SIGKILL');
		await new Promise((resolve) => scorer.once('exit', resolve));
		const interrupted = await counts(db);
		expect(interrupted.done).toBeGreaterThanOrEqual(10);
		expect(interrupted.done).toBeLessThan(120);

		const resumed = runCli(['model', 'score', '--study', 'demo-crossover'], env);
		expect(resumed.stdout).toBe('demo-crossover: 120 scored, 0 failed, of 120 cases\n');
		expect(await counts(db)).toEqual({ rows: 120, cases: 120, done: 120, running: 0 });

		const verify = runCli(['model', 'verify', '--study', 'demo-crossover', '--repeat', '10'], env);
		expect(verify.status).toBe(0);
		expect(verify.stdout).toContain('PASS: 120 of 120 cases gave identical outputs in 10 runs');

		const evaluation = JSON.parse(
			runCli(['model', 'evaluate', '--study', 'demo-crossover', '--format', 'json'], env).stdout
		);
		expect(evaluation.overall.cases).toBe(120);
		expect(evaluation.overall.positive).toBe(48);
		expect(evaluation.lesionLevel).toBeNull(); // the CT demo has no truth lesions
		expect(evaluation.subgroups.map((subgroup: { stratum: string }) => subgroup.stratum)).toEqual([
			'vendor',
			'site'
		]);
	}, 480_000);

	it('verify refuses a study with no scored case (exit 1, no verdict) and bad option values', async () => {
		const { env } = await freshCommandDatabase('tandem-verify-');
		const dir = makeStudyFolder(
			twelveCaseOptions(
				FIXTURE_YAML.replace(
					'name: demo-model\n  version: "1"',
					'name: demo-lesion-detector\n  version: "1.0.0"'
				)
			)
		);
		expect(runCli(['study', 'load', dir], env).status).toBe(0);
		const modelDir = 'studies/demo-crossover/model';
		expect(
			runCli(
				[
					'model',
					'add',
					'--name',
					'demo-lesion-detector',
					'--version',
					'1.0.0',
					'--file',
					join(modelDir, 'demo-lesion-detector.onnx'),
					'--manifest',
					join(modelDir, 'model.json')
				],
				env
			).status
		).toBe(0);

		const verify = runCli(['model', 'verify', '--study', 'mini-study', '--repeat', '2'], env);
		expect(verify.status).toBe(1);
		expect(verify.stdout).toBe('');
		expect(verify.stderr).toBe(
			'tandem: mini-study: 12 of 12 cases have no model result yet; score them first (tandem model score --study mini-study)\n'
		);

		for (const [args, message] of [
			[
				['model', 'verify', '--study', 'mini-study', '--repeat', '1'],
				"error: option '--repeat <n>' argument '1' is invalid. --repeat must be a number in [2, 100], got '1'."
			],
			[
				['model', 'verify', '--study', 'mini-study', '--repeat', '3x'],
				"error: option '--repeat <n>' argument '3x' is invalid. --repeat must be a number in [2, 100], got '3x'."
			],
			[
				['model', 'verify', '--study', 'mini-study', '--repeat', '2.5'],
				"error: option '--repeat <n>' argument '2.5' is invalid. --repeat must be an integer, got '2.5'."
			],
			[
				['model', 'evaluate', '--study', 'mini-study', '--format', 'xml'],
				"error: option '--format <format>' argument 'xml' is invalid. --format must be text or json, got 'xml'."
			]
		] as const) {
			const bad = runCli([...args], env);
			expect(bad.status, args.join(' ')).toBe(1);
			expect(bad.stdout).toBe('');
			expect(bad.stderr.split('\n')[0]).toBe(message);
		}
	}, 60_000);
});

// `tandem model robustness` and `tandem model compare` on the demo study with the real demo
// models (1.0.0 and 1.1.0), kept quick with a case sample: the JSON and the table agree on the
// verdict, progress goes to stderr, each run leaves an audit row, and bad input is refused.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoStudy } from '../../../scripts/demo/generate-demo-study';
import type { Db } from '../../lib/server/db/client';
import { runCli } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRows } from '$fixtures/sql.fixture';

async function auditActions(db: Db): Promise<string[]> {
	return (
		await sqlRows<{ action: string }>(
			db,
			"SELECT action FROM audit_events WHERE action IN ('ai.robustness_checked', 'ai.models_compared') ORDER BY seq"
		)
	).map((row) => row.action);
}

describe('tandem model robustness and compare on the demo study', () => {
	it('reports perturbations against the tolerance and compares 1.0.0 with 1.1.0', async () => {
		const work = mkdtempSync(join(tmpdir(), 'tandem-robustness-'));
		const studyDir = join(work, 'demo-crossover');
		cpSync('studies/demo-crossover', studyDir, {
			recursive: true,
			filter: (source) => !source.includes('/images')
		});
		await generateDemoStudy({ outDir: studyDir });
		const { env: databaseEnv, db } = await commandDatabase(join(work, 'tandem.db'));
		const env = {
			...databaseEnv,
			TANDEM_DEMO_PASSWORD: 'robustness-test-password',
			TANDEM_INFERENCE_THREADS: '1'
		};
		expect(runCli(['demo', 'setup', '--dir', studyDir], env).status).toBe(0);
		expect(runCli(['model', 'score', '--study', 'demo-crossover'], env).status).toBe(0);

		const args = ['model', 'robustness', '--study', 'demo-crossover', '--sample', '12'];
		const json = runCli([...args, '--perturbations', 'rotate,noise', '--json'], env);
		expect(json.status).toBe(0);
		expect(json.stderr).toContain('robustness: 84/84 (100 %)');
		const report = JSON.parse(json.stdout);
		expect(report).toMatchObject({ cases: 12, positive: 5, source: 'command line' });
		expect(report.model).toMatchObject({ name: 'demo-lesion-detector', version: '1.0.0' });
		expect(
			report.outcomes.map((outcome: { kind: string; level: number }) => [
				outcome.kind,
				outcome.level
			])
		).toEqual([
			['rotate', -5],
			['rotate', -2],
			['rotate', 2],
			['rotate', 5],
			['noise', 0.0025],
			['noise', 0.005],
			['noise', 0.01]
		]);
		// Each verdict is the tolerance applied to the reported relative changes.
		for (const outcome of report.outcomes)
			expect(outcome.withinTolerance).toBe(
				outcome.changes.every((change: { relative: number }) => Math.abs(change.relative) <= 0.1)
			);

		// The same run as a table: the same verdict, said plainly.
		const text = runCli([...args, '--perturbations', 'rotate,noise'], env);
		expect(text.status).toBe(0);
		expect(text.stdout).toContain('12 cases (5 diseased), a sample of seed 20261206');
		expect(text.stdout).toContain(
			report.withinTolerance ? 'WITHIN TOLERANCE: every perturbation' : 'OUTSIDE TOLERANCE: '
		);
		expect(text.stdout).toContain('rotate -5.0°');

		const missing = runCli(
			['model', 'compare', '--study', 'demo-crossover', '--with', 'demo-lesion-detector@1.1.0'],
			env
		);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toBe(
			'tandem: Model demo-lesion-detector 1.1.0 is not registered (tandem model add).\n'
		);
		const variant = 'studies/demo-crossover/model/1.1.0';
		expect(
			runCli(
				[
					'model',
					'add',
					'--name',
					'demo-lesion-detector',
					'--version',
					'1.1.0',
					'--file',
					join(variant, 'demo-lesion-detector.onnx'),
					'--manifest',
					join(variant, 'model.json')
				],
				env
			).status
		).toBe(0);
		const compare = runCli(
			[
				'model',
				'compare',
				'--study',
				'demo-crossover',
				'--with',
				'demo-lesion-detector@1.1.0',
				'--sample',
				'20',
				'--json'
			],
			env
		);
		expect(compare.status).toBe(0);
		const comparison = JSON.parse(compare.stdout);
		expect(comparison).toMatchObject({
			cases: 20,
			positive: 8,
			first: { version: '1.0.0', threshold: 0.4451 },
			second: { version: '1.1.0', threshold: 0.3312 }
		});
		const { all } = comparison.calls;
		expect(all.both + all.onlyFirst + all.onlySecond + all.neither).toBe(20);
		expect(comparison.agreement.identicalCalls).toBe(all.both + all.neither);
		expect(comparison.auc.difference).toBeCloseTo(
			comparison.second.performance.auc.auc - comparison.first.performance.auc.auc,
			12
		);
		const table = runCli(
			[
				'model',
				'compare',
				'--study',
				'demo-crossover',
				'--with',
				'demo-lesion-detector@1.1.0',
				'--sample',
				'20'
			],
			env
		);
		expect(table.stdout).toContain(
			'AUC difference (second − first, DeLong, correlated ROC curves)'
		);
		expect(table.stdout).toContain("McNemar on the calls at each model's threshold");

		expect(await auditActions(db)).toEqual([
			'ai.robustness_checked',
			'ai.robustness_checked',
			'ai.models_compared',
			'ai.models_compared'
		]);

		const bad = runCli([...args, '--perturbations', 'rotate,blur'], env);
		expect(bad.status).not.toBe(0);
		expect(bad.stderr).toContain(
			"--perturbations takes a comma-separated list of noise, window, resample, rotate, got 'blur'."
		);
	}, 480_000);
});

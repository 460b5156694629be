// `tandem model evaluate` on a study with truth lesions: after the case-level table, the AI
// judged lesion by lesion (the hand-made study of lesion-evaluation.service.spec.ts, whose
// figures are worked by hand there), in text and in JSON.
import { describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import {
	HAND_LESIONS,
	HAND_OUTPUTS,
	lesionStandaloneStudy,
	storeAiOutputs
} from '$fixtures/lesion-standalone-study.fixture';

describe('tandem model evaluate with truth lesions', () => {
	it('prints the lesion-level figures after the case-level ones', async () => {
		const { env, db: fresh } = await freshCommandDatabase('tandem-lesion-eval-');
		const db = await lesionStandaloneStudy({ lesionsCsv: HAND_LESIONS, db: fresh });
		await storeAiOutputs(db, HAND_OUTPUTS);

		const text = runCli(['model', 'evaluate', '--study', 'mini-study'], env);
		expect(text.stderr).toBe('');
		const lines = text.stdout.split('\n');
		const start = lines.findIndex((line) => line.startsWith('Lesion-level standalone'));
		expect(start).toBeGreaterThan(lines.findIndex((line) => line.startsWith('group')));
		expect(lines[start]).toContain("candidate centre within 10 mm of the lesion's region");
		expect(lines).toContain('12 cases (6 diseased), 7 lesions, 9 candidates');
		expect(lines).toContain(
			'Cases the model could not process: 2, counted with every lesion missed and no NL'
		);
		const figure = (label: string) =>
			lines
				.find((line) => line.startsWith(label))
				?.slice(36)
				.split('  ')[0];
		for (const nlf of [1, 2, 4])
			expect(figure(`lesion sensitivity at ${nlf} NL/image`)).toMatch(/^57\.1% \(/);
		expect(figure('wAFROC')).toMatch(/^0\.639 \(\d\.\d{3}–\d\.\d{3}\)$/);
		expect(figure('AFROC')).toMatch(/^0\.643 \(/);
		expect(figure('AP, all lesions')).toMatch(/^0\.474 \(/);
		expect(figure('AP, mass')).toMatch(/^0\.554 \(/);
		expect(figure('AP, calcification')).toMatch(/^0\.000 \(/);
		expect(figure('mAP')).toMatch(/^0\.277 \(/);

		const json = runCli(['model', 'evaluate', '--study', 'mini-study', '--format', 'json'], env);
		const evaluation = JSON.parse(json.stdout);
		expect(evaluation.overall.cases).toBe(12);
		expect(evaluation.lesionLevel.failedCases).toBe(2);
		expect(evaluation.lesionLevel.wafroc.figure.estimate).toBeCloseTo(23 / 36, 12);
		expect(evaluation.lesionLevel.meanAveragePrecision.estimate).toBeCloseTo(93 / 336, 12);
		expect(evaluation.lesionLevel.bootstrap).toEqual({
			samples: 2000,
			seed: 1,
			level: 0.95,
			interval: 'percentile'
		});
	}, 120_000);

	it('refuses by name a lesion the rule cannot measure, printing nothing', async () => {
		const { env, db: fresh } = await freshCommandDatabase('tandem-lesion-eval-');
		const db = await lesionStandaloneStudy({
			lesionsCsv: HAND_LESIONS,
			db: fresh,
			pixelSpacing: false
		});
		await storeAiOutputs(db, HAND_OUTPUTS);
		const run = runCli(['model', 'evaluate', '--study', 'mini-study'], env);
		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(
			'the lesion-level standalone cannot be computed: lesion 1: image 1 has no pixel spacing, so its radius_mm cannot be measured in mm\n'
		);
	}, 120_000);
});

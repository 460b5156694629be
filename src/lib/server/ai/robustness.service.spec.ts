// The robustness check and the model comparison on the twelve-case fixture, through a scripted
// pool: case Kn scores n/20 (threshold 0.5), a window perturbation of level L adds L to every
// score, noise adds 0.001, rotation nothing. Truth: K1 K2 K5 K6 K9 K10 diseased. Expected
// values are counted by hand below.
import { sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { enqueueStudy } from './inference-jobs';
import { runQueuedJobs } from './scoring-runner';
import { metricChanges, robustnessSettings, runRobustness } from './robustness.service';
import { compareModels } from './model-comparison.service';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { operatorPrincipal } from '../access/principal';
import { AccessDenied } from '../errors';
import type { InferencePool, InferenceTask } from './inference/pool';
import { aiModels } from '../db/schema';
import type { GroupPerformance } from '../../stats/single-reader/standalone-performance';

function scriptedPool(seen: InferenceTask[] = []): InferencePool {
	return {
		async run(task) {
			seen.push(task);
			const caseNumber = Number(/images\/K(\d+)\//.exec(task.images[0]!)![1]);
			const { perturbation } = task;
			const shift =
				perturbation?.kind === 'window'
					? perturbation.level
					: perturbation?.kind === 'noise'
						? 0.001
						: 0;
			return {
				score: Math.min(1, Math.max(0, caseNumber / 20 + shift)),
				inputSha256: 'i',
				outputSha256: 'o',
				latencyMs: 1,
				preprocessMs: 1,
				memoryPeakBytes: 1
			};
		},
		stats: () => ({ threads: 1, queued: 0, completed: 0 }),
		close: async () => {}
	};
}

const ROBUSTNESS_BLOCK = `version: "1"
  robustness:
    perturbations:
      - kind: window
        levels: [0.1]
      - kind: noise
        levels: [0.01]
    tolerance: 0.1`;

async function scoredStudy(yaml = FIXTURE_YAML) {
	const study = await enrolledStudy(['site-a'], twelveCaseOptions(yaml));
	const { db } = study;
	await db.insert(aiModels).values([
		{
			name: 'demo-model',
			version: '1',
			sha256: 'abc',
			manifestJson: '{"threshold":0.5}',
			path: '/m.onnx',
			createdAt: new Date(0)
		},
		{
			name: 'demo-model',
			version: '2',
			sha256: 'def',
			manifestJson: '{"threshold":0.4}',
			path: '/m2.onnx',
			createdAt: new Date(0)
		}
	]);
	await enqueueStudy(db, operatorPrincipal(), 1, 1);
	await runQueuedJobs(db, scriptedPool(), { studyId: 1 });
	return study;
}

async function auditAfter(db: Awaited<ReturnType<typeof scoredStudy>>['db'], action: string) {
	const rows = await sqlRows<{ after: string }>(
		db,
		'SELECT after_json AS after FROM audit_events WHERE action = ? ORDER BY seq',
		action
	);
	return rows.map((row) => JSON.parse(row.after));
}

describe('runRobustness', () => {
	it("runs the protocol's perturbations and judges each against the tolerance", async () => {
		const { db } = await scoredStudy(
			FIXTURE_YAML.replace(
				'name: demo-model\n  version: "1"',
				`name: demo-model\n  ${ROBUSTNESS_BLOCK}`
			)
		);
		const seen: InferenceTask[] = [];
		const report = await runRobustness(db, operatorPrincipal(), scriptedPool(seen), 'mini-study');
		expect(report.source).toBe('protocol');
		expect(report.cases).toBe(12);
		// Unperturbed: sensitivity 1/6 (K10 at 0.50), specificity 4/6 (K11, K12 called positive);
		// AUC: K5, K6 beat K3, K4; K9, K10 beat K3 K4 K7 K8 → 12 of 36 pairs.
		expect(report.unperturbed.binary.sensitivity?.estimate).toBeCloseTo(1 / 6, 12);
		expect(report.unperturbed.auc?.auc).toBeCloseTo(12 / 36, 12);
		const [window, noise] = report.outcomes;
		// +0.1 moves K8 (0.40, non-diseased) and K9 (0.45, diseased) over the threshold:
		// sensitivity 2/6 (+100 %), specificity 3/6 (−25 %), the AUC unchanged (a common shift).
		expect(window).toMatchObject({
			kind: 'window',
			level: 0.1,
			flipped: 2,
			withinTolerance: false
		});
		expect(window!.meanAbsoluteChange).toBeCloseTo(0.1, 12);
		expect(window!.changes.map((change) => [change.metric, change.relative])).toEqual([
			['auc', 0],
			['sensitivity', expect.closeTo(1, 12)],
			['specificity', expect.closeTo(-0.25, 12)]
		]);
		// +0.001 flips no call (nothing lies in [0.499, 0.5)): within tolerance.
		expect(noise).toMatchObject({ kind: 'noise', level: 0.01, flipped: 0, withinTolerance: true });
		expect(noise!.maxAbsoluteChange).toBeCloseTo(0.001, 12);
		expect(report.withinTolerance).toBe(false);
		// The worker gets the perturbation, with a distinct seed per case.
		const noiseTasks = seen.filter((task) => task.perturbation?.kind === 'noise');
		expect(noiseTasks).toHaveLength(12);
		expect(new Set(noiseTasks.map((task) => task.perturbation!.seed)).size).toBe(12);
		// Audited with the model's hash, the settings and the verdicts.
		const [audit] = await auditAfter(db, 'ai.robustness_checked');
		expect(audit.model).toMatchObject({ name: 'demo-model', version: '1', sha256: 'abc' });
		expect(audit.settings.perturbations).toEqual([
			{ kind: 'window', levels: [0.1] },
			{ kind: 'noise', levels: [0.01] }
		]);
		expect(audit.withinTolerance).toBe(false);
		expect(
			audit.outcomes.map((outcome: { withinTolerance: boolean }) => outcome.withinTolerance)
		).toEqual([false, true]);
	});

	it('runs a reproducible sample, keeping both classes', async () => {
		const { db } = await scoredStudy();
		const request = { kinds: ['rotate' as const], sample: 6 };
		const once = await runRobustness(
			db,
			operatorPrincipal(),
			scriptedPool(),
			'mini-study',
			request
		);
		const again = await runRobustness(
			db,
			operatorPrincipal(),
			scriptedPool(),
			'mini-study',
			request
		);
		expect(once.cases).toBe(6);
		expect(once.positive).toBe(3);
		expect(once.source).toBe('command line');
		expect(once.unperturbed).toEqual(again.unperturbed);
		// rotation changes nothing here: every default level within tolerance
		expect(once.outcomes.map((outcome) => outcome.level)).toEqual([-5, -2, 2, 5]);
		expect(once.withinTolerance).toBe(true);
	});

	it('refuses a reader (the standalone figures need the truth)', async () => {
		const { db, readers } = await scoredStudy();
		await expect(runRobustness(db, readers[0]!, scriptedPool(), 'mini-study')).rejects.toThrow(
			AccessDenied
		);
		await expect(
			compareModels(db, readers[0]!, scriptedPool(), 'mini-study', { with: 'demo-model@2' })
		).rejects.toThrow(AccessDenied);
	});
});

describe('robustness settings and changes', () => {
	it('takes the defaults, the protocol, or the command line, in that order', () => {
		const defaults = robustnessSettings(undefined, {});
		expect(defaults.source).toBe('defaults');
		expect(defaults.settings.perturbations.map((entry) => entry.kind)).toEqual([
			'noise',
			'window',
			'resample',
			'rotate'
		]);
		expect(defaults.settings.tolerance).toBe(0.1);
		const declared = {
			perturbations: [{ kind: 'noise' as const, levels: [0.02] }],
			tolerance: 0.05,
			seed: 3
		};
		expect(robustnessSettings(declared, {})).toMatchObject({
			source: 'protocol',
			settings: { tolerance: 0.05, seed: 3 }
		});
		const narrowed = robustnessSettings(declared, { kinds: ['noise', 'rotate'] });
		expect(narrowed.source).toBe('command line');
		expect(narrowed.settings.perturbations).toEqual([
			{ kind: 'noise', levels: [0.02] },
			{ kind: 'rotate', levels: [-5, -2, 2, 5] }
		]);
	});

	it('gives relative changes, 0 when both are 0', () => {
		const performance = (auc: number, sensitivity: number, specificity: number) =>
			({
				auc: { auc },
				binary: { sensitivity: { estimate: sensitivity }, specificity: { estimate: specificity } }
			}) as unknown as GroupPerformance;
		expect(
			metricChanges(performance(0.8, 0, 0.5), performance(0.72, 0, 0.55)).map(
				(change) => change.relative
			)
		).toEqual([expect.closeTo(-0.1, 12), 0, expect.closeTo(0.1, 12)]);
	});
});

describe('compareModels', () => {
	it('pairs the stored scores with the second model scored now', async () => {
		const { db } = await scoredStudy();
		const comparison = await compareModels(db, operatorPrincipal(), scriptedPool(), 'mini-study', {
			with: 'demo-model@2'
		});
		// The same scores, so the same AUC (12/36); the second model's threshold 0.4 adds K8
		// (non-diseased) and K9 (diseased) to the positive calls: McNemar b = 0, c = 2 (exact
		// p = 2 · ¼ = 0.5), 10 of 12 calls identical.
		expect(comparison.auc).toMatchObject({ difference: 0, p: 1 });
		expect(comparison.first.performance.auc?.auc).toBeCloseTo(1 / 3, 12);
		expect(comparison.calls.all).toMatchObject({
			onlyFirst: 0,
			onlySecond: 2,
			exactP: expect.closeTo(0.5, 12)
		});
		expect(comparison.calls.diseased).toMatchObject({ onlyFirst: 0, onlySecond: 1 });
		expect(comparison.calls.nonDiseased).toMatchObject({ onlyFirst: 0, onlySecond: 1 });
		expect(comparison.agreement).toMatchObject({
			identicalCalls: 10,
			maxAbsoluteScoreDifference: 0
		});
		expect(comparison.agreement.differing.map((item) => item.caseKey)).toEqual(['K8', 'K9']);
		const [audit] = await auditAfter(db, 'ai.models_compared');
		expect(audit).toMatchObject({ first: { sha256: 'abc' }, second: { sha256: 'def' }, cases: 12 });
	});

	it('refuses a model that is not registered and a reference without a version', async () => {
		const { db } = await scoredStudy();
		await expect(
			compareModels(db, operatorPrincipal(), scriptedPool(), 'mini-study', { with: 'demo-model@9' })
		).rejects.toThrow('Model demo-model 9 is not registered (tandem model add).');
		await expect(
			compareModels(db, operatorPrincipal(), scriptedPool(), 'mini-study', { with: 'demo-model' })
		).rejects.toThrow('a model is named NAME@VERSION, got "demo-model"');
	});
});

// Standalone performance against the truth, with a failed case kept in the denominator.
// Expected values are counted by hand below from the scripted scores (score = case number / 20).
import { registerFixtureModel } from '$fixtures/scored-cases.fixture';
import { sqlExec } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { evaluateStandalone } from './standalone-evaluation.service';
import { enqueueStudy } from './inference-jobs';
import { runQueuedJobs } from './scoring-runner';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../access/principal';
import type { InferencePool } from './inference/pool';

const pool = (poisoned: string[]): InferencePool => ({
	async run(task) {
		const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
		if (poisoned.includes(caseKey)) throw new Error(`unreadable pixel data in ${caseKey}`);
		return {
			score: Number(caseKey.slice(1)) / 20,
			inputSha256: 'i',
			outputSha256: 'o',
			latencyMs: 1,
			preprocessMs: 1,
			memoryPeakBytes: 1
		};
	},
	stats: () => ({ threads: 1, queued: 0, completed: 0 }),
	close: async () => {}
});

describe('evaluateStandalone', () => {
	it('counts a failed case as a negative call with the lowest score and flags vendor differences', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		await registerFixtureModel(db);
		await expect(evaluateStandalone(db, operatorPrincipal(), 'mini-study')).rejects.toThrow(
			'Scoring is not finished: 12 of 12 cases are not scored yet.'
		);
		await enqueueStudy(db, operatorPrincipal(), 1, 1);
		await sqlExec(db, `UPDATE ai_results SET attempts = 2`); // the next failure is the last attempt
		await runQueuedJobs(db, pool(['K3']), { studyId: 1 });

		const evaluation = await evaluateStandalone(db, operatorPrincipal(), 'mini-study');
		// Diseased K1 K2 K5 K6 K9 K10 score .05 .10 .25 .30 .45 .50; only K10 reaches the 0.5 threshold.
		expect(evaluation.overall.binary.sensitivity).toMatchObject({ successes: 1, trials: 6 });
		// Non-diseased K3(failed → 0) K4 K7 K8 K11 K12: K11 and K12 are called positive.
		expect(evaluation.overall.binary.specificity).toMatchObject({ successes: 4, trials: 6 });
		// Pairs diseased > non-diseased with K3 at 0: 1 + 1 + 2 + 2 + 4 + 4 = 14 of 36.
		expect(evaluation.overall.auc?.auc).toBeCloseTo(14 / 36, 12);
		expect(evaluation.failures).toEqual([{ caseKey: 'K3', error: 'unreadable pixel data in K3' }]);
		const vendor = evaluation.subgroups.find((subgroup) => subgroup.stratum === 'vendor')!;
		// Sensitivity by vendor: ge 1/2 (K10), siemens 0/2, philips 0/2.
		expect(
			vendor.groups.map((group) => [
				group.group,
				group.binary.sensitivity?.successes,
				group.binary.sensitivity?.trials
			])
		).toEqual([
			['ge', 1, 2],
			['philips', 0, 2],
			['siemens', 0, 2]
		]);
		expect(vendor.flags.find((flag) => flag.metric === 'sensitivity')).toMatchObject({
			high: 'ge',
			relativeDifference: 1
		});
		await expect(evaluateStandalone(db, readers[0]!, 'mini-study')).rejects.toThrow(
			/do not have access/
		);
	});
});

// AI robustness (seed 000's robustness and reproducibility; seed 001: performance should not vary
// by more than 10 % across devices): every case of the study (or a reproducible sample) is scored
// again with its pixels perturbed as declared — Gaussian noise, a contrast change, resampling,
// a mild rotation — at each level, through the same worker pool and model. Per level: how far
// the scores move, how many calls flip at the model's threshold, and the standalone figures
// beside the unperturbed ones (the stored results) with their relative change, judged against a
// tolerance. Truth is read: analysts and operators only (as `model evaluate`). Nothing is
// scored into the study; the run is audited with the model's hash, the settings and a summary.
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { NotFound } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { findModel, manifestOf } from './model-registry.service';
import type { InferencePool } from './inference/pool';
import {
	DEFAULT_PERTURBATION_LEVELS,
	PERTURBATION_KINDS,
	perturbationProblem,
	type PerturbationKind
} from '../../imaging/perturbation';
import {
	groupPerformance,
	type GroupPerformance
} from '../../stats/single-reader/standalone-performance';
import {
	rescoreCases,
	sampleCases,
	scoredByRule,
	storedScores,
	studyCasesWithTruth
} from './case-rescoring';
import { withTransaction } from '../db/transaction';

export const DEFAULT_ROBUSTNESS_TOLERANCE = 0.1;
export const DEFAULT_ROBUSTNESS_SEED = 20261206;

export interface RobustnessSettings {
	perturbations: Array<{ kind: PerturbationKind; levels: number[] }>;
	/** Largest relative change of AUC, sensitivity or specificity still within tolerance. */
	tolerance: number;
	seed: number;
	/** Cases in the sample (absent: every case). */
	sample?: number;
}

export interface MetricChange {
	metric: 'auc' | 'sensitivity' | 'specificity';
	unperturbed: number;
	perturbed: number;
	difference: number;
	/** difference / unperturbed (0 when both are 0). */
	relative: number;
}

export interface PerturbationOutcome {
	kind: PerturbationKind;
	level: number;
	meanAbsoluteChange: number;
	maxAbsoluteChange: number;
	flipped: number;
	flipShare: number;
	failures: Array<{ caseKey: string; error: string }>;
	performance: GroupPerformance;
	changes: MetricChange[];
	withinTolerance: boolean;
}

export interface RobustnessReport {
	model: { name: string; version: string; sha256: string; threshold: number };
	settings: RobustnessSettings;
	/** Where the settings came from: the protocol's ai_model.robustness, the defaults, or the command line. */
	source: 'protocol' | 'defaults' | 'command line';
	cases: number;
	positive: number;
	unperturbed: GroupPerformance;
	outcomes: PerturbationOutcome[];
	/** Every perturbation and level within tolerance. */
	withinTolerance: boolean;
}

export interface RobustnessRequest {
	/** Kinds to run (CLI override); their levels from the protocol, else the defaults. */
	kinds?: PerturbationKind[];
	tolerance?: number;
	sample?: number;
	seed?: number;
	onProgress?: (done: number, total: number) => void;
}

/** The settings: the protocol's block (or the defaults), narrowed and overridden by the request. */
export function robustnessSettings(
	declared:
		| {
				perturbations?: Array<{ kind: PerturbationKind; levels: number[] }>;
				tolerance: number;
				seed: number;
		  }
		| undefined,
	request: Omit<RobustnessRequest, 'onProgress'>
): { settings: RobustnessSettings; source: RobustnessReport['source'] } {
	const perturbations =
		declared?.perturbations ??
		PERTURBATION_KINDS.map((kind) => ({ kind, levels: DEFAULT_PERTURBATION_LEVELS[kind] }));
	const chosen = request.kinds
		? request.kinds.map(
				(kind) =>
					perturbations.find((entry) => entry.kind === kind) ?? {
						kind,
						levels: DEFAULT_PERTURBATION_LEVELS[kind]
					}
			)
		: perturbations;
	const settings: RobustnessSettings = {
		perturbations: chosen,
		tolerance: request.tolerance ?? declared?.tolerance ?? DEFAULT_ROBUSTNESS_TOLERANCE,
		seed: request.seed ?? declared?.seed ?? DEFAULT_ROBUSTNESS_SEED,
		...(request.sample === undefined ? {} : { sample: request.sample })
	};
	for (const { kind, levels } of settings.perturbations)
		for (const level of levels) {
			const problem = perturbationProblem({ kind, level, seed: settings.seed });
			if (problem) throw new RangeError(problem);
		}
	const overridden =
		request.kinds !== undefined || request.tolerance !== undefined || request.seed !== undefined;
	return {
		settings,
		source: overridden ? 'command line' : declared ? 'protocol' : 'defaults'
	};
}

/** The change of each standalone figure from the unperturbed run. */
export function metricChanges(before: GroupPerformance, after: GroupPerformance): MetricChange[] {
	const pairs: Array<[MetricChange['metric'], number, number]> = [
		['auc', before.auc?.auc ?? NaN, after.auc?.auc ?? NaN],
		[
			'sensitivity',
			before.binary.sensitivity?.estimate ?? NaN,
			after.binary.sensitivity?.estimate ?? NaN
		],
		[
			'specificity',
			before.binary.specificity?.estimate ?? NaN,
			after.binary.specificity?.estimate ?? NaN
		]
	];
	return pairs.map(([metric, unperturbed, perturbed]) => {
		const difference = perturbed - unperturbed;
		return {
			metric,
			unperturbed,
			perturbed,
			difference,
			relative: unperturbed === 0 ? (difference === 0 ? 0 : Infinity) : difference / unperturbed
		};
	});
}

export async function runRobustness(
	db: Db,
	principal: Principal,
	pool: InferencePool,
	slug: string,
	request: RobustnessRequest = {}
): Promise<RobustnessReport> {
	const study = await requireStudyBySlug(db, slug);
	// The standalone figures need the truth: the roles that may run `model evaluate`.
	await requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const protocol = protocolOf(study);
	const model = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!model)
		throw new NotFound(
			`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered (tandem model add).`
		);
	const { threshold } = manifestOf(model);
	const rule = protocol.ai_model.on_failure;
	const { settings, source } = robustnessSettings(protocol.ai_model.robustness, request);
	const selected = sampleCases(
		await studyCasesWithTruth(db, study),
		settings.sample,
		settings.seed
	);
	const baseline = (await storedScores(db, study.id, model.id, selected)).map((result) =>
		scoredByRule(result, threshold, rule)
	);
	const asScored = (scored: ReadonlyArray<{ score: number; call: number }>) =>
		scored.map((item, k) => ({ ...item, truth: selected[k]!.truth, strata: {} }));
	const unperturbed = groupPerformance('unperturbed', asScored(baseline));

	const runs = settings.perturbations.flatMap(({ kind, levels }) =>
		levels.map((level) => ({ kind, level }))
	);
	const total = runs.length * selected.length;
	let done = 0;
	const outcomes: PerturbationOutcome[] = [];
	for (const { kind, level } of runs) {
		const results = await rescoreCases(
			db,
			pool,
			model.id,
			selected,
			{ kind, level, seed: settings.seed },
			() => request.onProgress?.(++done, total)
		);
		const scored = results.map((result) => scoredByRule(result, threshold, rule));
		const changes = scored.map((item, k) => Math.abs(item.score - baseline[k]!.score));
		const flipped = scored.filter((item, k) => item.call !== baseline[k]!.call).length;
		const performance = groupPerformance(`${kind} ${level}`, asScored(scored));
		const metricChange = metricChanges(unperturbed, performance);
		outcomes.push({
			kind,
			level,
			meanAbsoluteChange: changes.reduce((sum, value) => sum + value, 0) / changes.length,
			maxAbsoluteChange: Math.max(...changes),
			flipped,
			flipShare: flipped / selected.length,
			failures: results.flatMap((result, k) =>
				result.error === null ? [] : [{ caseKey: selected[k]!.caseKey, error: result.error }]
			),
			performance,
			changes: metricChange,
			withinTolerance: metricChange.every(
				(change) => Math.abs(change.relative) <= settings.tolerance
			)
		});
	}
	const report: RobustnessReport = {
		model: { name: model.name, version: model.version, sha256: model.sha256, threshold },
		settings,
		source,
		cases: selected.length,
		positive: selected.filter((item) => item.truth === 1).length,
		unperturbed,
		outcomes,
		withinTolerance: outcomes.every((outcome) => outcome.withinTolerance)
	};
	await withTransaction(
		db,
		async (tx) =>
			await recordAudit(tx, principal, {
				action: 'ai.robustness_checked',
				entityType: 'ai_model',
				entityId: model.id,
				studyId: study.id,
				after: {
					model: report.model,
					settings,
					source,
					cases: report.cases,
					withinTolerance: report.withinTolerance,
					outcomes: outcomes.map((outcome) => ({
						kind: outcome.kind,
						level: outcome.level,
						meanAbsoluteChange: outcome.meanAbsoluteChange,
						flipped: outcome.flipped,
						failures: outcome.failures.length,
						changes: Object.fromEntries(
							outcome.changes.map((change) => [change.metric, change.relative])
						),
						withinTolerance: outcome.withinTolerance
					}))
				}
			})
	);
	return report;
}

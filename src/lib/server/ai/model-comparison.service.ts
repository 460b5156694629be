// Two model versions on the same cases (seed 000: whether an update changes performance): the
// study's model (its stored results) against a second registered version scored now through the
// worker pool (nothing stored). Paired figures: the AUC difference by DeLong's test for two
// correlated ROC curves, McNemar's test on the calls at each model's own threshold (all cases,
// and within the diseased and the non-diseased: the sensitivity and specificity comparisons),
// and the per-case agreement (identical calls, Cohen's κ, score differences). Truth is read:
// the roles that may run `model evaluate`. The run is audited with both models' hashes.
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { NotFound } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { findModel, manifestOf } from './model-registry.service';
import type { InferencePool } from './inference/pool';
import {
	groupPerformance,
	type GroupPerformance
} from '../../stats/single-reader/standalone-performance';
import {
	pairedAucDifference,
	type PairedAucDifference
} from '../../stats/single-reader/paired-auc-difference';
import { mcnemarTest, type McNemarResult } from '../../stats/hypothesis/mcnemar';
import { cohenKappa } from '../../stats/agreement/cohen-kappa';
import {
	rescoreCases,
	sampleCases,
	scoredByRule,
	storedScores,
	studyCasesWithTruth
} from './case-rescoring';
import { withTransaction } from '../db/transaction';

export interface ComparedModel {
	name: string;
	version: string;
	sha256: string;
	threshold: number;
	performance: GroupPerformance;
	failures: number;
}

export interface ModelComparison {
	first: ComparedModel;
	second: ComparedModel;
	cases: number;
	positive: number;
	sample?: { size: number; seed: number };
	/** second − first. */
	auc: PairedAucDifference;
	calls: { all: McNemarResult; diseased: McNemarResult; nonDiseased: McNemarResult };
	agreement: {
		identicalCalls: number;
		share: number;
		kappa: number;
		meanAbsoluteScoreDifference: number;
		maxAbsoluteScoreDifference: number;
		/** Cases whose call differs, in study order. */
		differing: Array<{ caseKey: string; truth: number; first: number; second: number }>;
	};
}

export interface ComparisonRequest {
	/** NAME@VERSION of the registered model to compare with. */
	with: string;
	sample?: number;
	seed?: number;
	onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_COMPARISON_SEED = 20261206;

/** "name@version" → its parts; the version is what follows the last "@". */
export function parseModelReference(reference: string): { name: string; version: string } {
	const at = reference.lastIndexOf('@');
	if (at <= 0 || at === reference.length - 1)
		throw new RangeError(`a model is named NAME@VERSION, got "${reference}"`);
	return { name: reference.slice(0, at), version: reference.slice(at + 1) };
}

export async function compareModels(
	db: Db,
	principal: Principal,
	pool: InferencePool,
	slug: string,
	request: ComparisonRequest
): Promise<ModelComparison> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const protocol = protocolOf(study);
	const firstModel = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!firstModel)
		throw new NotFound(
			`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered (tandem model add).`
		);
	const wanted = parseModelReference(request.with);
	const secondModel = await findModel(db, wanted.name, wanted.version);
	if (!secondModel)
		throw new NotFound(
			`Model ${wanted.name} ${wanted.version} is not registered (tandem model add).`
		);
	const rule = protocol.ai_model.on_failure;
	const seed = request.seed ?? DEFAULT_COMPARISON_SEED;
	const selected = sampleCases(await studyCasesWithTruth(db, study), request.sample, seed);
	const firstThreshold = manifestOf(firstModel).threshold;
	const secondThreshold = manifestOf(secondModel).threshold;
	const first = (await storedScores(db, study.id, firstModel.id, selected)).map((result) =>
		scoredByRule(result, firstThreshold, rule)
	);
	let done = 0;
	const second = (
		await rescoreCases(db, pool, secondModel.id, selected, undefined, () =>
			request.onProgress?.(++done, selected.length)
		)
	).map((result) => scoredByRule(result, secondThreshold, rule));

	const truth = selected.map((item) => item.truth);
	const asScored = (scored: ReadonlyArray<{ score: number; call: number }>) =>
		scored.map((item, k) => ({ ...item, truth: truth[k]!, strata: {} }));
	const describe = (
		model: typeof firstModel,
		threshold: number,
		scored: typeof first
	): ComparedModel => ({
		name: model.name,
		version: model.version,
		sha256: model.sha256,
		threshold,
		performance: groupPerformance(`${model.name} ${model.version}`, asScored(scored)),
		failures: scored.filter((item) => item.failed).length
	});
	const callsWhere = (scored: typeof first, keep: (k: number) => boolean) =>
		scored.flatMap((item, k) => (keep(k) ? [item.call] : []));
	const differences = first.map((item, k) => Math.abs(item.score - second[k]!.score));
	const differing = selected.flatMap((item, k) =>
		first[k]!.call === second[k]!.call
			? []
			: [
					{
						caseKey: item.caseKey,
						truth: item.truth,
						first: first[k]!.call,
						second: second[k]!.call
					}
				]
	);
	const comparison: ModelComparison = {
		first: describe(firstModel, firstThreshold, first),
		second: describe(secondModel, secondThreshold, second),
		cases: selected.length,
		positive: truth.filter((value) => value === 1).length,
		...(request.sample === undefined ? {} : { sample: { size: selected.length, seed } }),
		auc: pairedAucDifference(
			first.map((item) => item.score),
			second.map((item) => item.score),
			truth
		),
		calls: {
			all: mcnemarTest(
				first.map((item) => item.call),
				second.map((item) => item.call)
			),
			diseased: mcnemarTest(
				callsWhere(first, (k) => truth[k] === 1),
				callsWhere(second, (k) => truth[k] === 1)
			),
			nonDiseased: mcnemarTest(
				callsWhere(first, (k) => truth[k] !== 1),
				callsWhere(second, (k) => truth[k] !== 1)
			)
		},
		agreement: {
			identicalCalls: selected.length - differing.length,
			share: (selected.length - differing.length) / selected.length,
			kappa: cohenKappa(
				first.map((item) => item.call),
				second.map((item) => item.call),
				{ categories: ['0', '1'] }
			).kappa,
			meanAbsoluteScoreDifference:
				differences.reduce((sum, value) => sum + value, 0) / differences.length,
			maxAbsoluteScoreDifference: Math.max(...differences),
			differing
		}
	};
	await withTransaction(
		db,
		async (tx) =>
			await recordAudit(tx, principal, {
				action: 'ai.models_compared',
				entityType: 'ai_model',
				entityId: secondModel.id,
				studyId: study.id,
				after: {
					first: { name: firstModel.name, version: firstModel.version, sha256: firstModel.sha256 },
					second: {
						name: secondModel.name,
						version: secondModel.version,
						sha256: secondModel.sha256
					},
					cases: comparison.cases,
					sample: comparison.sample ?? null,
					aucDifference: comparison.auc.difference,
					aucP: comparison.auc.p,
					mcnemarExactP: comparison.calls.all.exactP,
					identicalCalls: comparison.agreement.identicalCalls
				}
			})
	);
	return comparison;
}

// Standalone AI performance (AI-3, AI-4): sensitivity, specificity (Wilson CIs) and AUC (DeLong CI)
// of the study's model against the reference standard, overall and by vendor and site, flagging a
// relative difference above 10 % between subgroups. Cases the AI could not process stay in the
// denominator, counted per the protocol's rule. Truth is read here: analysts and operators only.
import { and, asc, eq } from 'drizzle-orm';
import { aiResults, cases, referenceTruth } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, NotFound } from '../errors';
import { protocolOf } from '../studies/study-overview.service';
import { findModel, manifestOf } from './model-registry.service';
import { aucWithDelongInterval, type AucInterval } from '../../stats/single-reader/auc-interval';
import { binaryPerformance, confusionMatrix, type BinaryPerformance } from '../../stats/single-reader/confusion-matrix';

export const SUBGROUP_FLAG_RELATIVE_DIFFERENCE = 0.1;

export interface GroupPerformance {
	group: string;
	cases: number;
	positive: number;
	binary: BinaryPerformance;
	/** Null when the group has fewer than two cases of a truth class. */
	auc: AucInterval | null;
}

export interface SubgroupComparison {
	stratum: string;
	groups: GroupPerformance[];
	/** Metrics whose highest and lowest subgroup estimates differ by more than 10 % of the highest. */
	flags: Array<{ metric: 'sensitivity' | 'specificity' | 'auc'; low: string; high: string; relativeDifference: number }>;
}

export interface StandaloneEvaluation {
	model: { name: string; version: string; sha256: string; threshold: number };
	failureRule: 'negative' | 'positive';
	overall: GroupPerformance;
	subgroups: SubgroupComparison[];
	failures: Array<{ caseKey: string; error: string }>;
}

interface ScoredCase {
	caseKey: string;
	truth: number;
	score: number;
	call: number;
	strata: Record<string, string>;
}

export function evaluateStandalone(db: Db, principal: Principal, slug: string): StandaloneEvaluation {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const protocol = protocolOf(study);
	const model = findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!model) throw new NotFound(`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered (tandem model add).`);
	const { threshold } = manifestOf(model);
	const rows = db
		.select({ caseKey: cases.caseKey, strataJson: cases.strataJson, truth: referenceTruth.truth, status: aiResults.status, score: aiResults.score, error: aiResults.error })
		.from(cases)
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.leftJoin(aiResults, and(eq(aiResults.caseId, cases.id), eq(aiResults.modelId, model.id)))
		.where(eq(cases.studyId, study.id))
		.orderBy(asc(cases.ordinal))
		.all();
	const pending = rows.filter((row) => row.status !== 'done' && row.status !== 'failed');
	if (pending.length > 0) throw new Conflict(`Scoring is not finished: ${pending.length} of ${rows.length} cases are not scored yet.`);

	const rule = protocol.ai_model.on_failure;
	// AI-3: an unprocessable case counts as the lowest (or highest) score and the matching call.
	const scored: ScoredCase[] = rows.map((row) => {
		const failed = row.status === 'failed' || row.score === null;
		const score = failed ? (rule === 'negative' ? 0 : 1) : row.score!;
		return { caseKey: row.caseKey, truth: row.truth, score, call: failed ? (rule === 'negative' ? 0 : 1) : score >= threshold ? 1 : 0, strata: JSON.parse(row.strataJson) as Record<string, string> };
	});
	return {
		model: { name: model.name, version: model.version, sha256: model.sha256, threshold },
		failureRule: rule,
		overall: performanceOf('all cases', scored),
		subgroups: ['vendor', 'site'].filter((stratum) => protocol.cases.strata.includes(stratum)).map((stratum) => compareSubgroups(stratum, scored)),
		failures: rows.filter((row) => row.status === 'failed').map((row) => ({ caseKey: row.caseKey, error: row.error ?? 'unknown error' }))
	};
}

function performanceOf(group: string, scored: ScoredCase[]): GroupPerformance {
	const truth = scored.map((item) => item.truth);
	const positive = truth.filter((value) => value === 1).length;
	// DeLong's variance needs at least two cases of each class.
	const enoughOfEach = positive >= 2 && scored.length - positive >= 2;
	return {
		group,
		cases: scored.length,
		positive,
		binary: binaryPerformance(confusionMatrix(scored.map((item) => item.call), truth)),
		auc: enoughOfEach ? aucWithDelongInterval(scored.map((item) => item.score), truth) : null
	};
}

function compareSubgroups(stratum: string, scored: ScoredCase[]): SubgroupComparison {
	const values = [...new Set(scored.map((item) => item.strata[stratum] ?? ''))].sort();
	const groups = values.map((value) => performanceOf(value, scored.filter((item) => item.strata[stratum] === value)));
	const metrics = {
		sensitivity: (group: GroupPerformance) => group.binary.sensitivity?.estimate ?? null,
		specificity: (group: GroupPerformance) => group.binary.specificity?.estimate ?? null,
		auc: (group: GroupPerformance) => group.auc?.auc ?? null
	};
	const flags: SubgroupComparison['flags'] = [];
	for (const [metric, read] of Object.entries(metrics) as Array<[keyof typeof metrics, (group: GroupPerformance) => number | null]>) {
		const estimates = groups.map((group) => ({ group: group.group, value: read(group) })).filter((entry): entry is { group: string; value: number } => entry.value !== null);
		if (estimates.length < 2) continue;
		const low = estimates.reduce((a, b) => (b.value < a.value ? b : a));
		const high = estimates.reduce((a, b) => (b.value > a.value ? b : a));
		const relativeDifference = high.value === 0 ? 0 : (high.value - low.value) / high.value;
		if (relativeDifference > SUBGROUP_FLAG_RELATIVE_DIFFERENCE) flags.push({ metric, low: low.group, high: high.group, relativeDifference });
	}
	return { stratum, groups, flags };
}

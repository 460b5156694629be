// Standalone AI performance (AI-3, AI-4): sensitivity, specificity (Wilson CIs) and AUC (DeLong CI)
// of the study's model against the reference standard, overall and by vendor and site, flagging a
// relative difference above 10 % between subgroups. Cases the AI could not process stay in the
// denominator, counted per the protocol's rule. Truth is read here: analysts and operators only.
import { and, asc, eq } from 'drizzle-orm';
import { aiResults, cases, referenceTruth, type studies } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, NotFound } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { findModel, manifestOf } from './model-registry.service';
import {
	compareSubgroups,
	groupPerformance,
	type GroupPerformance,
	type ScoredCase as ScoredPerformance,
	type SubgroupComparison
} from '../../stats/single-reader/standalone-performance';

export {
	SUBGROUP_FLAG_RELATIVE_DIFFERENCE,
	type GroupPerformance,
	type SubgroupComparison
} from '../../stats/single-reader/standalone-performance';

export interface StandaloneEvaluation {
	model: { name: string; version: string; sha256: string; threshold: number };
	failureRule: 'negative' | 'positive';
	overall: GroupPerformance;
	subgroups: SubgroupComparison[];
	failures: Array<{ caseKey: string; error: string }>;
}

interface ScoredCase extends ScoredPerformance {
	caseKey: string;
}

export interface StandaloneCall extends ScoredCase {
	failed: boolean;
	error: string | null;
}

/**
 * The model's call on every case, unprocessable cases scored by the protocol's rule (AI-3).
 * Internal: callers have checked the principal may see truth and AI output.
 */
export async function standaloneCalls(db: Db, study: typeof studies.$inferSelect) {
	const protocol = protocolOf(study);
	const { model, rows } = await scoredCases(db, study);
	const { threshold } = manifestOf(model);
	const rule = protocol.ai_model.on_failure;
	// AI-3: an unprocessable case counts as the lowest (or highest) score and the matching call.
	const calls: StandaloneCall[] = rows.map((row) => {
		const failed = row.status === 'failed' || row.score === null;
		const score = failed ? (rule === 'negative' ? 0 : 1) : row.score!;
		const call = failed ? (rule === 'negative' ? 0 : 1) : score >= threshold ? 1 : 0;
		return {
			caseKey: row.caseKey,
			truth: row.truth,
			score,
			call,
			failed,
			error: failed ? (row.error ?? 'unknown error') : null,
			strata: JSON.parse(row.strataJson) as Record<string, string>
		};
	});
	return {
		model: { name: model.name, version: model.version, sha256: model.sha256, threshold },
		failureRule: rule,
		strata: protocol.cases.strata,
		calls
	};
}

/**
 * The study's model and, per case in order, its truth and the model's stored result; refused
 * while the model is not registered or any case is not scored yet. Internal, as standaloneCalls.
 */
export async function scoredCases(db: Db, study: typeof studies.$inferSelect) {
	const protocol = protocolOf(study);
	const model = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!model)
		throw new NotFound(
			`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered (tandem model add).`
		);
	const rows = await db
		.select({
			caseKey: cases.caseKey,
			strataJson: cases.strataJson,
			truth: referenceTruth.truth,
			status: aiResults.status,
			score: aiResults.score,
			outputJson: aiResults.outputJson,
			error: aiResults.error
		})
		.from(cases)
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.leftJoin(aiResults, and(eq(aiResults.caseId, cases.id), eq(aiResults.modelId, model.id)))
		.where(eq(cases.studyId, study.id))
		.orderBy(asc(cases.ordinal));
	const pending = rows.filter((row) => row.status !== 'done' && row.status !== 'failed');
	if (pending.length > 0)
		throw new Conflict(
			`Scoring is not finished: ${pending.length} of ${rows.length} cases are not scored yet.`
		);
	return { model, rows };
}

export async function evaluateStandalone(
	db: Db,
	principal: Principal,
	slug: string
): Promise<StandaloneEvaluation> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const { model, failureRule, strata, calls } = await standaloneCalls(db, study);
	return {
		model,
		failureRule,
		overall: groupPerformance('all cases', calls),
		subgroups: ['vendor', 'site']
			.filter((stratum) => strata.includes(stratum))
			.map((stratum) => compareSubgroups(stratum, calls)),
		failures: calls
			.filter((row) => row.failed)
			.map((row) => ({ caseKey: row.caseKey, error: row.error ?? 'unknown error' }))
	};
}

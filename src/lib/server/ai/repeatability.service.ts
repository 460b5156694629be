// Repeatability (AI-2): every case of a study run N times through the worker pool on identical
// input; the verdict holds when every case gives one output hash across the runs and it equals the
// stored result's. Nothing is written: this checks, it does not re-score.
import { and, asc, eq } from 'drizzle-orm';
import { aiResults, cases } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { NotFound } from '../errors';
import type { InferencePool } from './inference/pool';
import { protocolOf } from '../studies/study-protocol';
import { findModel } from './model-registry.service';
import { taskFor } from './scoring-runner';

export interface RepeatabilityReport {
	repeat: number;
	cases: number;
	identical: number;
	/** Cases whose runs disagree with each other or with the stored result. */
	differing: Array<{ caseKey: string; hashes: string[]; stored: string | null }>;
	/** Cases the model cannot process, with the error each run gave (they must fail the same way). */
	failing: Array<{ caseKey: string; errors: string[] }>;
}

export async function verifyRepeatability(db: Db, principal: Principal, pool: InferencePool, slug: string, repeat: number, onCase?: (done: number, total: number) => void): Promise<RepeatabilityReport> {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['admin', 'statistician', 'evaluator']);
	const protocol = protocolOf(study);
	const model = findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!model) throw new NotFound(`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered.`);
	const jobs = db
		.select({ job: aiResults, caseKey: cases.caseKey })
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, study.id), eq(aiResults.modelId, model.id)))
		.orderBy(asc(cases.ordinal))
		.all();
	const report: RepeatabilityReport = { repeat, cases: jobs.length, identical: 0, differing: [], failing: [] };
	for (const [index, { job, caseKey }] of jobs.entries()) {
		const { task } = taskFor(db, job);
		const outcomes = await Promise.all(
			Array.from({ length: repeat }, () => pool.run(task).then((output) => ({ hash: output.outputSha256 }), (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })))
		);
		const errors = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
		const hashes = outcomes.flatMap((outcome) => ('hash' in outcome ? [outcome.hash] : []));
		if (errors.length > 0) {
			report.failing.push({ caseKey, errors });
			if (hashes.length > 0 || new Set(errors).size > 1) report.differing.push({ caseKey, hashes, stored: job.outputSha256 });
		} else if (new Set(hashes).size === 1 && (job.outputSha256 === null || job.outputSha256 === hashes[0])) {
			report.identical++;
		} else {
			report.differing.push({ caseKey, hashes: [...new Set(hashes)], stored: job.outputSha256 });
		}
		onCase?.(index + 1, jobs.length);
	}
	return report;
}

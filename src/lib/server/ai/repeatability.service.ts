// Repeatability (AI-2): every case of a study run N times through the worker pool on identical
// input; the verdict holds when every scored case gives one output hash across the runs and it
// equals the stored result's, and a case recorded as failed fails the same way every run. Nothing
// is written: this checks, it does not re-score — a study with cases not scored yet is refused
// (score it first), so the verdict is never drawn on fewer cases than the study has, nor on none.
import { and, asc, count, eq } from 'drizzle-orm';
import { aiResults, cases } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, NotFound } from '../errors';
import type { InferencePool } from './inference/pool';
import { protocolOf } from '../studies/study-protocol';
import { findModel } from './model-registry.service';
import { taskFor } from './scoring-runner';

export interface RepeatabilityReport {
	repeat: number;
	cases: number;
	identical: number;
	/** Cases whose runs disagree with each other or with the stored result (null: stored as failed). */
	differing: Array<{ caseKey: string; hashes: string[]; errors: string[]; stored: string | null }>;
	/** Cases recorded as failed that failed the same way in every run, with the error each run gave. */
	failing: Array<{ caseKey: string; errors: string[] }>;
	/** No case differs and at least one case gave identical outputs: never true on nothing. */
	passed: boolean;
}

export async function verifyRepeatability(
	db: Db,
	principal: Principal,
	pool: InferencePool,
	slug: string,
	repeat: number,
	onCase?: (done: number, total: number) => void
): Promise<RepeatabilityReport> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician', 'evaluator']);
	const protocol = protocolOf(study);
	const model = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	if (!model)
		throw new NotFound(
			`Model ${protocol.ai_model.name} ${protocol.ai_model.version} is not registered.`
		);
	const jobs = await db
		.select({ job: aiResults, caseKey: cases.caseKey })
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, study.id), eq(aiResults.modelId, model.id)))
		.orderBy(asc(cases.ordinal));
	const total =
		(await db.select({ n: count() }).from(cases).where(eq(cases.studyId, study.id)))[0]?.n ?? 0;
	if (total === 0)
		throw new Conflict(`${slug}: the study has no cases; there is nothing to verify.`);
	const unscored =
		total - jobs.filter(({ job }) => job.status === 'done' || job.status === 'failed').length;
	if (unscored > 0)
		throw new Conflict(
			`${slug}: ${unscored} of ${total} cases have no model result yet; score them first (tandem model score --study ${slug})`
		);
	const report: RepeatabilityReport = {
		repeat,
		cases: jobs.length,
		identical: 0,
		differing: [],
		failing: [],
		passed: false
	};
	for (const [index, { job, caseKey }] of jobs.entries()) {
		const { task } = await taskFor(db, job);
		const outcomes = await Promise.all(
			Array.from({ length: repeat }, () =>
				pool.run(task).then(
					(output) => ({ hash: output.outputSha256 }),
					(error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })
				)
			)
		);
		const errors = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
		const hashes = [
			...new Set(outcomes.flatMap((outcome) => ('hash' in outcome ? [outcome.hash] : [])))
		];
		if (
			job.status === 'done' &&
			errors.length === 0 &&
			hashes.length === 1 &&
			hashes[0] === job.outputSha256
		) {
			report.identical++;
		} else if (job.status === 'failed' && hashes.length === 0 && new Set(errors).size === 1) {
			report.failing.push({ caseKey, errors });
		} else {
			report.differing.push({
				caseKey,
				hashes,
				errors: [...new Set(errors)],
				stored: job.outputSha256
			});
		}
		onCase?.(index + 1, jobs.length);
	}
	report.passed = report.differing.length === 0 && report.identical > 0;
	return report;
}

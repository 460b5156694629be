// What the robustness check and the model comparison share: the study's cases with their truth
// and the stored result of its model, a reproducible sample of them, and scoring them again
// through the worker pool (with a perturbation, or with another model) without storing anything.
// Internal: callers have checked that the principal may see truth and AI output.
import { and, asc, eq } from 'drizzle-orm';
import { aiResults, cases, referenceTruth, type studies } from '../db/schema';
import type { Db } from '../db/client';
import { Conflict } from '../errors';
import { createRandom } from '../../stats/random';
import type { Perturbation } from '../../imaging/perturbation';
import type { InferencePool } from './inference/pool';
import { taskFor } from './scoring-runner';

export interface StudyCase {
	caseId: number;
	caseKey: string;
	/** 0-based position in the study's case order. */
	index: number;
	truth: number;
}

/** Every case of the study in order, with its reference truth. */
export async function studyCasesWithTruth(
	db: Db,
	study: typeof studies.$inferSelect
): Promise<StudyCase[]> {
	return (
		await db
			.select({ caseId: cases.id, caseKey: cases.caseKey, truth: referenceTruth.truth })
			.from(cases)
			.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
			.where(eq(cases.studyId, study.id))
			.orderBy(asc(cases.ordinal))
	).map((row, index) => ({ ...row, index }));
}

/**
 * A reproducible sample of `size` cases keeping the study's share of diseased cases (at least two
 * of each class, so DeLong's variance exists), in study order; all cases when size is absent.
 */
export function sampleCases<T extends { truth: number }>(
	all: readonly T[],
	size: number | undefined,
	seed: number
): T[] {
	if (size === undefined || size >= all.length) return [...all];
	const positives = all.filter((item) => item.truth === 1);
	const negatives = all.filter((item) => item.truth !== 1);
	if (size < 4 || positives.length < 2 || negatives.length < 2)
		throw new Conflict(
			`a sample needs at least 2 diseased and 2 non-diseased cases (asked for ${size} of ${all.length})`
		);
	const wantedPositives = Math.min(
		positives.length,
		Math.max(2, Math.min(size - 2, Math.round((size * positives.length) / all.length)))
	);
	const random = createRandom(seed);
	const chosen = new Set([
		...draw(positives, wantedPositives, random.integerBelow),
		...draw(negatives, size - wantedPositives, random.integerBelow)
	]);
	return all.filter((item) => chosen.has(item));
}

/** The first `count` items of a partial Fisher–Yates shuffle. */
function draw<T>(items: readonly T[], count: number, below: (bound: number) => number): T[] {
	const pool = [...items];
	for (let k = 0; k < count; k++) {
		const pick = k + below(pool.length - k);
		[pool[k], pool[pick]] = [pool[pick] as T, pool[k] as T];
	}
	return pool.slice(0, count);
}

export type Rescored = { score: number; error: null } | { score: null; error: string };

/**
 * Scores each case with `modelId` through the pool (perturbed when asked; the seed of case k is
 * the perturbation's seed mixed with k), in parallel; nothing is stored. A failure is returned,
 * not thrown, so it counts by the protocol's rule like a failure in scoring.
 */
export async function rescoreCases(
	db: Db,
	pool: InferencePool,
	modelId: number,
	selected: readonly StudyCase[],
	perturbation?: Perturbation,
	onCase?: () => void
): Promise<Rescored[]> {
	return Promise.all(
		selected.map(async (item) => {
			const { task } = await taskFor(db, { modelId, caseId: item.caseId });
			if (perturbation)
				task.perturbation = { ...perturbation, seed: caseSeed(perturbation.seed, item.index) };
			try {
				const output = await pool.run(task);
				return { score: output.score, error: null };
			} catch (error) {
				return { score: null, error: error instanceof Error ? error.message : String(error) };
			} finally {
				onCase?.();
			}
		})
	);
}

/** A 31-bit seed for case `index` of a run seeded with `seed` (distinct images add their index). */
export function caseSeed(seed: number, index: number): number {
	return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + Math.imul(index + 1, 0x9e3779b1)) >>> 1;
}

/** Score and call of a case by the protocol's rule for a case the AI could not process (AI-3). */
export function scoredByRule(
	result: Rescored | { score: number | null; error?: string | null },
	threshold: number,
	rule: 'negative' | 'positive'
): { score: number; call: number; failed: boolean } {
	if (result.score === null) {
		const value = rule === 'negative' ? 0 : 1;
		return { score: value, call: value, failed: true };
	}
	return { score: result.score, call: result.score >= threshold ? 1 : 0, failed: false };
}

/** The stored results of the study's model, refused while any case is not scored yet. */
export async function storedScores(
	db: Db,
	studyId: number,
	modelId: number,
	selected: readonly StudyCase[]
): Promise<Array<{ score: number | null; error: string | null }>> {
	const rows = await db
		.select({
			caseId: aiResults.caseId,
			status: aiResults.status,
			score: aiResults.score,
			error: aiResults.error
		})
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, studyId), eq(aiResults.modelId, modelId)));
	const byCase = new Map(rows.map((row) => [row.caseId, row]));
	const pending = selected.filter((item) => {
		const status = byCase.get(item.caseId)?.status;
		return status !== 'done' && status !== 'failed';
	});
	if (pending.length > 0)
		throw new Conflict(
			`${pending.length} of ${selected.length} cases have no model result yet; score them first (tandem model score)`
		);
	return selected.map((item) => {
		const row = byCase.get(item.caseId)!;
		return row.status === 'done' && row.score !== null
			? { score: row.score, error: null }
			: { score: null, error: row.error ?? 'unknown error' };
	});
}

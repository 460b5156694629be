// The AI judged lesion by lesion (issue 18, item 8): for a study with truth lesions (protocol
// truth.lesions), the model's stored candidates of every case — all of them, sub-threshold ones
// included, as a FROC curve sweeps the threshold — are matched to the truth lesions by the
// protocol's matching rule (a box candidate: its box for IoU, its centre for distance and
// inside; distances in mm through each image's pixel spacing), then analysed by
// standalone-analysis.ts. A case the AI failed on counts with every lesion missed and no NL.
// Truth is read here: analysts and operators only, as the case-level standalone.
import type { studies } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { protocolOf } from '../studies/study-protocol';
import { hasTruthLesions } from '../../design/protocol/protocol.schema';
import { scoredCases } from './standalone-evaluation.service';
import { truthLesionsByCase } from '../cases/truth-lesions';
import { matchRuleOf, spacingLookup } from '../export/lesion-export';
import type { AiBox } from '../../domain/ai-output';
import {
	analyzeStandalone,
	type StandaloneOptions,
	type StandaloneResult
} from '../../stats/lesion/standalone/standalone-analysis';
import type { AiCandidate, StandaloneCase } from '../../stats/lesion/standalone/standalone-input';
import type { MatchRule } from '../../stats/lesion/match-marks';

export interface LesionEvaluation extends Omit<StandaloneResult, 'matched'> {
	model: { name: string; version: string };
	rule: MatchRule;
	failures: Array<{ caseKey: string; error: string }>;
}

/** A stored candidate box (left, top, width, height) as the matching engine's candidate. */
export function candidateOf(box: AiBox): AiCandidate {
	return {
		image: box.image,
		x: box.x + box.width / 2,
		y: box.y + box.height / 2,
		box: { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height },
		score: box.score
	};
}

/**
 * The lesion-level standalone evaluation of the study's model, or null when the protocol names
 * no truth lesions.
 */
export async function evaluateLesionStandalone(
	db: Db,
	principal: Principal,
	slug: string,
	options: StandaloneOptions = {}
): Promise<LesionEvaluation | null> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	return await lesionStandaloneOf(db, study, options);
}

/**
 * The evaluation without an access check, for a service that has checked its caller may see
 * truth and AI output (the trial analysis).
 */
export async function lesionStandaloneOf(
	db: Db,
	study: typeof studies.$inferSelect,
	options: StandaloneOptions = {}
): Promise<LesionEvaluation | null> {
	const protocol = protocolOf(study);
	if (!hasTruthLesions(protocol)) return null;
	const { model, rows } = await scoredCases(db, study);
	const lesions = await truthLesionsByCase(db, study.id);
	const spacing = await spacingLookup(db, study.id);
	const rule = matchRuleOf(protocol);
	const failures: LesionEvaluation['failures'] = [];
	const standaloneCases: StandaloneCase[] = rows.map((row) => {
		const failed = row.status === 'failed' || row.score === null;
		if (failed) failures.push({ caseKey: row.caseKey, error: row.error ?? 'unknown error' });
		const output = failed ? {} : (JSON.parse(row.outputJson ?? '{}') as { boxes?: AiBox[] });
		return {
			id: row.caseKey,
			lesions: (lesions.get(row.caseKey) ?? []).flatMap((lesion) =>
				lesion.regions.map((region) => ({
					...region,
					id: lesion.id,
					weight: lesion.weight,
					...(lesion.attributes['type'] ? { type: lesion.attributes['type'] } : {})
				}))
			),
			candidates: (output.boxes ?? []).map(candidateOf),
			spacing: (image: number) => spacing(row.caseKey, image),
			failed
		};
	});
	const { matched: _matched, ...result } = analyzeStandalone(
		{ cases: standaloneCases, rule },
		options
	);
	return { ...result, model: { name: model.name, version: model.version }, rule, failures };
}

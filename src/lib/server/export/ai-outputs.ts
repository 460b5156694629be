// The AI's per-case outputs as the lock seals them and the blind export carries them: the final
// result (done or failed) of the study's declared model (protocol ai_model) on each case — score,
// candidates, input and output hashes, error and attempt count — with the model's name, version
// and weights hash. Results of other models (a later version compared after the lock) are not the
// study's evidence and are not sealed; a job still queued or running is not an output yet.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { aiResults, cases, type studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { protocolOf } from '../studies/study-protocol';
import type { AiBox } from '../../domain/ai-output';
import { findModel } from '../ai/model-registry.service';

export interface SealedAiModel {
	name: string;
	version: string;
	sha256: string;
	/** The score at or above which the model calls a case positive (its manifest's threshold). */
	threshold: number | null;
	/** How a case the AI could not process counts (protocol ai_model.on_failure). */
	failureRule: 'negative' | 'positive';
}

export interface SealedAiOutput {
	caseKey: string;
	status: 'done' | 'failed';
	score: number | null;
	/** The stored output (candidate boxes, heat map reference), parsed. */
	output: unknown;
	outputSha256: string | null;
	inputSha256: string | null;
	error: string | null;
	attempts: number;
}

/** The declared model (null when it is not registered) and its final outputs in case-key order. */
export async function sealedAiOutputs(
	tx: DbOrTx,
	study: typeof studies.$inferSelect
): Promise<{ model: SealedAiModel | null; outputs: SealedAiOutput[] }> {
	const protocol = protocolOf(study);
	const model = await findModel(tx, protocol.ai_model.name, protocol.ai_model.version);
	if (!model) return { model: null, outputs: [] };
	const manifest = JSON.parse(model.manifestJson) as { threshold?: unknown };
	const rows = await tx
		.select({
			caseKey: cases.caseKey,
			status: aiResults.status,
			score: aiResults.score,
			outputJson: aiResults.outputJson,
			outputSha256: aiResults.outputSha256,
			inputSha256: aiResults.inputSha256,
			error: aiResults.error,
			attempts: aiResults.attempts
		})
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(
			and(
				eq(cases.studyId, study.id),
				eq(aiResults.modelId, model.id),
				inArray(aiResults.status, ['done', 'failed'])
			)
		)
		.orderBy(asc(cases.caseKey));
	return {
		model: {
			name: model.name,
			version: model.version,
			sha256: model.sha256,
			threshold: typeof manifest.threshold === 'number' ? manifest.threshold : null,
			failureRule: protocol.ai_model.on_failure
		},
		outputs: rows.map(({ outputJson, status, ...row }) => ({
			...row,
			status: status as 'done' | 'failed',
			output: outputJson === null ? null : (JSON.parse(outputJson) as unknown)
		}))
	};
}

/** The candidate boxes of a stored output (none for a failed case or an output without boxes). */
export function candidateBoxes(output: unknown): AiBox[] {
	if (output === null || typeof output !== 'object') return [];
	const boxes = (output as { boxes?: unknown }).boxes;
	return Array.isArray(boxes) ? (boxes as AiBox[]) : [];
}

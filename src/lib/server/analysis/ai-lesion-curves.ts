// The AI's lesion-level standalone curves for the trial analysis: its FROC, wAFROC and
// precision–recall curves from its candidates matched to the truth lesions (lesion-evaluation
// service), or why they are not available (scoring unfinished, model not registered, a lesion
// the rule cannot measure). Numbers only: no case appears in them.
import type { Db } from '../db/client';
import type { studies } from '../db/schema';
import { ServiceError } from '../errors';
import { lesionStandaloneOf } from '../ai/lesion-evaluation.service';
import { StandaloneInputError } from '../../stats/lesion/standalone/standalone-input';
import { MatchRuleError } from '../../stats/lesion/match-marks';
import type { AiLesionCurves } from '../../stats/trial/lesion-curve-data';

const xy = (points: ReadonlyArray<{ x: number; y: number }>) =>
	points.map(({ x, y }) => ({ x, y }));
const pr = (points: ReadonlyArray<{ recall: number; precision: number }>) =>
	points.map(({ recall, precision }) => ({ recall, precision }));
const figure = ({
	estimate,
	lower,
	upper
}: {
	estimate: number;
	lower: number;
	upper: number;
}) => ({
	estimate,
	lower,
	upper
});

export async function aiLesionCurves(
	db: Db,
	study: typeof studies.$inferSelect
): Promise<{ curves: AiLesionCurves | null; note: string | null }> {
	try {
		const evaluation = await lesionStandaloneOf(db, study);
		if (!evaluation) return { curves: null, note: null };
		return {
			curves: {
				froc: xy(evaluation.froc),
				wafroc: evaluation.wafroc ? xy(evaluation.wafroc.curve) : null,
				precisionRecall: {
					points: pr(evaluation.precisionRecall.points),
					averagePrecision: figure(evaluation.precisionRecall.averagePrecision)
				},
				byType: evaluation.byType.map((type) => ({
					type: type.type,
					points: pr(type.points),
					averagePrecision: figure(type.averagePrecision)
				})),
				level: evaluation.bootstrap.level
			},
			note: null
		};
	} catch (error) {
		if (
			error instanceof ServiceError ||
			error instanceof StandaloneInputError ||
			error instanceof MatchRuleError
		)
			return { curves: null, note: `lesion-level standalone AI not analysed: ${error.message}` };
		throw error;
	}
}

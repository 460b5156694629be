// STAT-5 in a reader study: how far readers agree with each other on the binary decision in
// each arm (Fleiss' kappa over all readers; the mean of the pairwise Cohen's kappas), and how
// far each arm's decisions agree with the AI's standalone calls (mean Cohen's kappa reader vs
// AI) — in the aided arm a rise shows readers following the AI.
import { cohenKappa } from '../agreement/cohen-kappa';
import { fleissKappa, type FleissKappa } from '../agreement/fleiss-kappa';
import type { ReadingStudy } from '../study';
import type { StandaloneAiCase } from './trial-input';

export interface ArmAgreement {
	arm: string;
	fleiss: Pick<FleissKappa, 'kappa' | 'se' | 'ciLower' | 'ciUpper' | 'observedAgreement'> | null;
	/** Mean of the Cohen's kappas of every pair of readers. */
	meanPairwiseCohen: number | null;
	/** Mean over readers of Cohen's kappa between the reader's decisions and the AI's calls. */
	meanCohenWithAi: number | null;
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

function mean(values: number[]): number | null {
	const finite = values.filter(Number.isFinite);
	return finite.length === 0 ? null : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

export function readerAgreement(
	study: ReadingStudy,
	ai: readonly StandaloneAiCase[] | undefined,
	alpha = 0.05
): ArmAgreement[] {
	const calls = study.decision;
	if (!calls) return [];
	const aiCall = ai ? new Map(ai.map((row) => [row.case, row.call])) : undefined;
	const aiCalls = aiCall ? study.cases.map((id) => aiCall.get(id)) : undefined;
	const categories = ['0', '1'];
	return study.modalities.map((arm, m) => {
		const byReader = calls[m] as Float64Array[];
		const subjects = study.cases.map((_, k) => byReader.map((series) => series[k] as number));
		const fleiss = byReader.length >= 2 ? fleissKappa(subjects, { categories, alpha }) : null;
		const pairwise: number[] = [];
		for (let a = 0; a < byReader.length; a++)
			for (let b = a + 1; b < byReader.length; b++)
				pairwise.push(cohenKappa(byReader[a]!, byReader[b]!, { categories }).kappa);
		const withAi =
			aiCalls && aiCalls.every((value) => value !== undefined)
				? byReader.map((series) => cohenKappa(series, aiCalls as number[], { categories }).kappa)
				: [];
		return {
			arm,
			fleiss:
				fleiss && Number.isFinite(fleiss.kappa)
					? {
							kappa: fleiss.kappa,
							se: fleiss.se,
							ciLower: fleiss.ciLower,
							ciUpper: fleiss.ciUpper,
							observedAgreement: fleiss.observedAgreement
						}
					: null,
			meanPairwiseCohen: finiteOrNull(mean(pairwise) ?? NaN),
			meanCohenWithAi: withAi.length > 0 ? mean(withAi) : null
		};
	});
}

// The lesion-level figures of a trial (issue 18, item 9), from the analysis's lesion curves:
// FROC and wAFROC curves per arm, each reader thin and the arm's reader average bold, the AI's
// standalone curve beside them when available, and the AI's precision–recall curve. Arms in the
// report's order (reference, then test), labelled as the analysis labels them (codes while
// blinded). Each returns a standalone SVG string, or null when there is nothing to draw.
import type { TrialAnalysis } from '../stats/trial/trial-analysis';
import type { LesionArmCurves } from '../stats/trial/lesion-curve-data';
import { frocCurves, wafrocCurves, type LesionCurveArm } from './figures/lesion-curves';
import { precisionRecallCurve } from './figures/precision-recall-curve';
import {
	FROC_LABELS_EN,
	FROC_LABELS_ZH,
	PR_LABELS_EN,
	PR_LABELS_ZH,
	WAFROC_LABELS_EN,
	WAFROC_LABELS_ZH,
	type FrocLabels,
	type PrLabels,
	type WafrocLabels
} from './figures/lesion-figure-labels';
import { orderedArms } from './report-figures';
import { inLanguage, type ReportLanguage } from './report-language';

export interface LesionFigureLabels {
	froc: FrocLabels;
	wafroc: WafrocLabels;
	pr: PrLabels;
}

export const LESION_FIGURE_LABELS_EN: LesionFigureLabels = {
	froc: FROC_LABELS_EN,
	wafroc: WAFROC_LABELS_EN,
	pr: PR_LABELS_EN
};

export const LESION_FIGURE_LABELS_ZH: LesionFigureLabels = {
	froc: FROC_LABELS_ZH,
	wafroc: WAFROC_LABELS_ZH,
	pr: PR_LABELS_ZH
};

/** The lesion-level figures' words in the report's language. */
export const lesionFigureLabels = (lang: ReportLanguage): LesionFigureLabels =>
	inLanguage(lang, { en: LESION_FIGURE_LABELS_EN, zh: LESION_FIGURE_LABELS_ZH });

function armsOf(analysis: TrialAnalysis, curves: readonly LesionArmCurves[]): LesionCurveArm[] {
	const byArm = new Map(curves.map((arm) => [arm.arm, arm]));
	return orderedArms(analysis)
		.filter((label) => byArm.has(label))
		.map((label) => ({ label, readers: byArm.get(label)!.readers }));
}

/** FROC curves per arm, with the AI's standalone FROC labelled `aiLabel`. */
export function frocFigure(
	analysis: TrialAnalysis,
	aiLabel: string,
	labels = LESION_FIGURE_LABELS_EN
): string | null {
	const curves = analysis.lesionCurves;
	if (!curves || curves.froc.length === 0) return null;
	return frocCurves({
		arms: armsOf(analysis, curves.froc),
		ai: curves.ai ? { label: aiLabel, points: curves.ai.froc } : undefined,
		labels: labels.froc
	});
}

/** wAFROC curves per arm (null without non-diseased cases), with the AI's when available. */
export function wafrocFigure(
	analysis: TrialAnalysis,
	aiLabel: string,
	labels = LESION_FIGURE_LABELS_EN
): string | null {
	const curves = analysis.lesionCurves;
	if (!curves || curves.wafroc.length === 0) return null;
	return wafrocCurves({
		arms: armsOf(analysis, curves.wafroc),
		ai: curves.ai?.wafroc ? { label: aiLabel, points: curves.ai.wafroc } : undefined,
		labels: labels.wafroc
	});
}

/** The AI's precision–recall curve, over all lesions and per lesion type; null without it. */
export function aiPrFigure(
	analysis: TrialAnalysis,
	labels = LESION_FIGURE_LABELS_EN
): string | null {
	const ai = analysis.lesionCurves?.ai;
	if (!ai || ai.precisionRecall.points.length === 0) return null;
	return precisionRecallCurve({
		overall: ai.precisionRecall,
		types: ai.byType,
		level: ai.level,
		labels: labels.pr
	});
}

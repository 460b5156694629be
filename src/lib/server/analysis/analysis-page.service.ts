// A study's analysis page: where it stands from lock to released key, and — once the caller may
// see it — the trial analysis on the blind export with its figures. The page gets the tables and
// the drawn figures, not the raw series behind them. Each part is its service's, with its own
// access check.
import type { Db } from '../db/client';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { analysisPipeline } from './analysis-pipeline.service';
import { trialAnalysisFor, type TrialAnalysisView } from './trial-analysis.service';
import {
	readerForest,
	readingTimeFigure,
	rocFigure,
	subgroupForest,
	primaryResult,
	FIGURE_LABELS_EN,
	type FigureLabels
} from '../../verification-report/report-figures';
import {
	aiPrFigure,
	frocFigure,
	wafrocFigure,
	LESION_FIGURE_LABELS_EN,
	type LesionFigureLabels
} from '../../verification-report/lesion-report-figures';

/** `labels`: the figures' words in the page's language (English by default, as in the report). */
export async function analysisPage(
	db: Db,
	principal: Principal,
	slug: string,
	labels: FigureLabels = FIGURE_LABELS_EN,
	lesionLabels: LesionFigureLabels = LESION_FIGURE_LABELS_EN
) {
	const pipeline = await analysisPipeline(db, principal, slug);
	if (!pipeline.can.viewAnalysis) return { pipeline, view: null, figures: null, problem: null };
	let view: TrialAnalysisView;
	try {
		view = await trialAnalysisFor(db, principal, slug);
	} catch (error) {
		if (error instanceof Conflict)
			return { pipeline, view: null, figures: null, problem: error.message };
		throw error;
	}
	return {
		pipeline,
		view: withoutSeries(view),
		figures: analysisFigures(view, labels, lesionLabels),
		problem: null
	};
}

/**
 * The page's figures as SVG strings: ROC curves, per-reader and subgroup forests, reading times;
 * in a lesion-level study also the FROC and wAFROC curves per arm and the AI's precision–recall
 * curve (null where there is nothing to draw).
 */
function analysisFigures(
	{ analysis, unblinded, ai }: TrialAnalysisView,
	labels: FigureLabels,
	lesionLabels: LesionFigureLabels
) {
	const primary = primaryResult(analysis);
	const aiLabel = ai ? `${ai.name} ${ai.version}` : 'AI';
	return {
		roc: rocFigure(analysis, labels),
		readers: readerForest(analysis, unblinded, labels),
		subgroups: primary
			? subgroupForest(analysis, primary.endpoint.metric, unblinded, labels)
			: null,
		readingTime: readingTimeFigure(analysis, labels),
		froc: frocFigure(analysis, aiLabel, lesionLabels),
		wafroc: wafrocFigure(analysis, aiLabel, lesionLabels),
		aiPrecisionRecall: aiPrFigure(analysis, lesionLabels)
	};
}

/** The view without the curves, reading times and endpoint reports the figures were drawn from. */
function withoutSeries(view: TrialAnalysisView) {
	const { analysis } = view;
	return {
		...view,
		analysis: {
			...analysis,
			curves: undefined,
			lesionCurves: undefined,
			readingTimes: undefined,
			endpoints: analysis.endpoints.map((outcome) =>
				'report' in outcome ? { ...outcome, report: undefined } : outcome
			)
		}
	};
}

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

/** `labels`: the figures' words in the page's language (English by default, as in the report). */
export function analysisPage(
	db: Db,
	principal: Principal,
	slug: string,
	labels: FigureLabels = FIGURE_LABELS_EN
) {
	const pipeline = analysisPipeline(db, principal, slug);
	if (!pipeline.can.viewAnalysis) return { pipeline, view: null, figures: null, problem: null };
	let view: TrialAnalysisView;
	try {
		view = trialAnalysisFor(db, principal, slug);
	} catch (error) {
		if (error instanceof Conflict)
			return { pipeline, view: null, figures: null, problem: error.message };
		throw error;
	}
	return {
		pipeline,
		view: withoutSeries(view),
		figures: analysisFigures(view, labels),
		problem: null
	};
}

/** The page's figures as SVG strings: ROC curves, per-reader and subgroup forests, reading times. */
function analysisFigures({ analysis, unblinded }: TrialAnalysisView, labels: FigureLabels) {
	const primary = primaryResult(analysis);
	return {
		roc: rocFigure(analysis, labels),
		readers: readerForest(analysis, unblinded, labels),
		subgroups: primary
			? subgroupForest(analysis, primary.endpoint.metric, unblinded, labels)
			: null,
		readingTime: readingTimeFigure(analysis, labels)
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

// What the analysis of a whole trial takes: the long reads table (coded or not), the case
// strata, the readers' sites and sequences, the AI's standalone calls and the endpoints the
// protocol declares. Pure data; the server assembles it from a locked study.
import type { AiLesionCurves } from './lesion-curve-data';
import type { ReadRow } from '../input/read-row';

export type CaseEndpointMetric = 'auc' | 'sensitivity' | 'specificity' | 'reading_time';
/** Measured from marks matched to truth lesions (lesion-endpoint.ts). */
export type LesionEndpointMetric =
	'wafroc' | 'afroc' | 'lesion_sensitivity' | 'fp_per_image' | 'lroc';
export type EndpointMetric = CaseEndpointMetric | LesionEndpointMetric;

const LESION_METRICS: readonly string[] = [
	'wafroc',
	'afroc',
	'lesion_sensitivity',
	'fp_per_image',
	'lroc'
] satisfies LesionEndpointMetric[];

export const isLesionMetric = (metric: EndpointMetric): metric is LesionEndpointMetric =>
	LESION_METRICS.includes(metric);
export type EndpointHypothesis = 'non-inferiority' | 'superiority';

export interface TrialEndpoint {
	group: 'primary' | 'secondary';
	metric: EndpointMetric;
	hypothesis: EndpointHypothesis;
	/** Non-inferiority margin δ on the metric's scale (test − reference > −δ). */
	margin?: number;
	/** One-sided significance level. */
	alpha: number;
	/** lroc: the false-positive fraction PCL is read at (default 0.2). */
	fpf?: number;
}

/** The arm under test (reader with AI) and the reference arm (reader alone), as labelled in the reads. */
export interface ArmPair {
	test: string;
	reference: string;
}

export interface StandaloneAiCase {
	case: string;
	/** The AI score; for a case the AI could not process, the score the protocol's failure rule assigns. */
	score: number;
	call: 0 | 1;
	failed: boolean;
}

export interface TrialInput {
	reads: ReadRow[];
	readers: Array<{ reader: string; site: string }>;
	cases: Array<{ case: string; strata: Record<string, string> }>;
	arms: ArmPair;
	endpoints: TrialEndpoint[];
	/** Case strata to report subgroups for (site is taken from the readers). */
	strata: string[];
	ai?: StandaloneAiCase[];
	/**
	 * The blind export's lesion-level files (lesions.csv and marks.csv, coded like the reads), for
	 * the lesion-level endpoints; without them such an endpoint is reported as not analysable.
	 */
	lesions?: LesionFiles;
	/** The protocol's lesion-level task and matching rule, stated beside the lesion endpoints. */
	lesionMethod?: LesionMethod;
	/** The AI's lesion-level standalone curves, drawn beside the arms' (lesion-curve-data.ts). */
	lesionAi?: AiLesionCurves;
	/** Two-sided level of the confidence intervals (0.05 → 95 %). */
	alpha?: number;
}

/** The text of the export's lesions.csv and marks.csv (or why they are missing). */
export type LesionFiles = { truthCsv: string; marksCsv: string } | { missing: string };

/** How the marks were made and matched to the truth lesions (the protocol's rating and matching). */
export interface LesionMethod {
	task: 'roc' | 'froc' | 'lroc';
	markShape: 'point' | 'box';
	matching: { criterion: 'distance' | 'iou' | 'inside'; acceptanceMm: number; iou: number };
}

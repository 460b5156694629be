// What the analysis of a whole trial takes: the long reads table (coded or not), the case
// strata, the readers' sites and sequences, the AI's standalone calls and the endpoints the
// protocol declares. Pure data; the server assembles it from a locked study.
import type { ReadRow } from '../input/read-row';

export type EndpointMetric = 'auc' | 'sensitivity' | 'specificity' | 'reading_time';
export type EndpointHypothesis = 'non-inferiority' | 'superiority';

export interface TrialEndpoint {
	group: 'primary' | 'secondary';
	metric: EndpointMetric;
	hypothesis: EndpointHypothesis;
	/** Non-inferiority margin δ on the metric's scale (test − reference > −δ). */
	margin?: number;
	/** One-sided significance level. */
	alpha: number;
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
	/** Two-sided level of the confidence intervals (0.05 → 95 %). */
	alpha?: number;
}

// The reference standard's progress, agreement and provenance report (issue 19), as the report
// page and `tandem annotation status --json` show it. Seen by the study's admin, statistician and
// evaluator; it names the annotators and adjudicators but never gives a case's truth itself.

/** Quartiles of IoUs (R's type 7); all null for no values. */
export interface IouSummaryView {
	n: number;
	median: number | null;
	q1: number | null;
	q3: number | null;
	min: number | null;
	max: number | null;
}

export interface ReferenceStandardReport {
	study: { slug: string; title: string };
	settings: {
		annotators: number;
		minYears: number;
		adjudicatorMinYears: number;
		kappaThreshold: number;
		iouThreshold: number;
		pointAcceptanceMm: number;
		qcFraction: number;
	};
	progress: {
		cases: number;
		/** Annotations submitted, of those assigned. */
		annotationsIn: number;
		annotationsAssigned: number;
		/** Cases still waiting for an annotation. */
		waiting: number;
		consensus: number;
		awaitingAdjudication: number;
		adjudicated: number;
		/** Cases whose truth is imported (it takes precedence). */
		imported: number;
	};
	/** Classification agreement: Cohen's kappa per pair of annotators; Fleiss' with ≥ 3 per case. */
	classification: {
		pairs: Array<{ a: string; b: string; cases: number; kappa: number | null }>;
		fleiss: { cases: number; kappa: number | null } | null;
	};
	/** Lesion-level agreement per pair: one-to-one matches under the protocol's rule. */
	lesions: Array<{
		a: string;
		b: string;
		cases: number;
		matched: number;
		onlyA: number;
		onlyB: number;
		f1: number | null;
		iou: IouSummaryView;
	}>;
	annotators: Array<{
		name: string;
		email: string;
		assigned: number;
		submitted: number;
		/** Share of their finished cases that went to adjudication. */
		disagreementRate: number | null;
		/** Against the adjudicator on the checked QC cases; flagged below kappaThreshold. */
		qc: { cases: number; agreement: number | null; kappa: number | null; flagged: boolean };
	}>;
	qc: {
		drawn: boolean;
		sampled: number;
		checked: number;
		corrected: number;
		override: { by: string; at: string; reason: string } | null;
	};
	/** Each case's truth: where it came from, who decided, when (ISO 8601). */
	cases: Array<{
		caseKey: string;
		status:
			| 'waiting'
			| 'awaiting-adjudication'
			| 'consensus'
			| 'adjudicated'
			| 'qc-corrected'
			| 'imported';
		source: string | null;
		/** The adjudicator who decided (adjudicated, qc-corrected). */
		by: string | null;
		at: string | null;
		reason: string | null;
		inQcSample: boolean;
	}>;
}

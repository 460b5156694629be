// The shapes of the consensus comparison (reference standard, issue 19): what is compared, by
// which rule, and what the comparison finds. The rules themselves are in consensus.ts. Pure.
import type { AnnotationLesion } from '$lib/domain/annotation';

/** The protocol's reference_standard thresholds. */
export interface ConsensusRule {
	/** Two lesions (not both points) match when their regionIoU is at least this. */
	iouThreshold: number;
	/** Two point lesions match when their centres lie at most this many mm apart. */
	pointAcceptanceMm: number;
}

/** One annotator's work on a case, anonymised by a label (A, B, C…). */
export interface AnnotatorWork {
	label: string;
	classification: 0 | 1;
	lesions: AnnotationLesion[];
}

/** One annotator's lesion: the annotator's label and the lesion's id. */
export interface LesionRef {
	annotator: string;
	lesion: string;
}

export type Disagreement =
	| { kind: 'classification'; values: Record<string, 0 | 1> }
	| {
			kind: 'unmatched-lesion';
			annotator: string;
			lesion: string;
			/** With three or more annotators: those with no counterpart (absent: none of the others). */
			missingIn?: string[];
	  }
	| { kind: 'low-overlap'; a: LesionRef; b: LesionRef; iou: number; threshold: number }
	| { kind: 'far-points'; a: LesionRef; b: LesionRef; distanceMm: number; acceptanceMm: number };

export interface CaseComparison {
	agreed: boolean;
	disagreements: Disagreement[];
	/** The lesions matched across all annotators (every pair meeting the rule); iou: the mean of the pairs'. */
	matches: Array<{ members: LesionRef[]; iou: number }>;
}

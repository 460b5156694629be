// What the AI standalone analysis takes per case: the truth lesions (the matching engine's
// TruthLesion, with a weight and a lesion type), the AI's candidates (a point or a box on an
// image, with its score), the images' pixel spacing, and whether the AI failed on the case.
import type { Box, MatchRule, Spacing, TruthLesion } from '../match-marks';

export interface StandaloneLesion extends TruthLesion {
	/** The lesion's weight within its case (wAFROC); omitted on every lesion of a case: equal. */
	weight?: number;
	/** A lesion attribute (e.g. mass, calcification) for the per-type PR curves and mAP. */
	type?: string;
}

export interface AiCandidate {
	/** 1-based stack position. */
	image: number;
	x: number;
	y: number;
	/** The candidate's box, required when the rule matches by IoU. */
	box?: Box;
	/** The AI's score, higher = more suspicious; any finite number. */
	score: number;
}

export interface StandaloneCase {
	id: string;
	/** Empty for a non-diseased case. Regions sharing an id are one lesion. */
	lesions: readonly StandaloneLesion[];
	candidates: readonly AiCandidate[];
	/** mm per pixel of an image, null when it has none; omitted: no image has one. */
	spacing?: (image: number) => Spacing | null;
	/** The AI produced no output for the case: every lesion counts as missed, and no NL. */
	failed?: boolean;
}

export interface StandaloneInput {
	cases: readonly StandaloneCase[];
	rule: MatchRule;
}

export class StandaloneInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StandaloneInputError';
	}
}

// Binary decisions against the reference standard: the 2 × 2 confusion matrix and the
// proportions read from it (sensitivity, specificity, accuracy, PPV, NPV), each with a 95 %
// Wilson score interval (Newcombe 1998, method 3). A proportion whose denominator is empty
// (e.g. PPV when nothing was called positive) is undefined and reported as null with the
// reason, never as NaN or 0.
import { wilsonInterval, type ProportionEstimate } from './wilson-interval';

export interface ConfusionMatrix {
	truePositive: number;
	falseNegative: number;
	falsePositive: number;
	trueNegative: number;
}

export interface BinaryPerformance {
	matrix: ConfusionMatrix;
	/** TP / (TP + FN); null without diseased cases. */
	sensitivity: ProportionEstimate | null;
	/** TN / (TN + FP); null without non-diseased cases. */
	specificity: ProportionEstimate | null;
	/** (TP + TN) / N. */
	accuracy: ProportionEstimate;
	/** Positive predictive value TP / (TP + FP); null when no case was called positive. */
	ppv: ProportionEstimate | null;
	/** Negative predictive value TN / (TN + FN); null when no case was called negative. */
	npv: ProportionEstimate | null;
	/** Why a proportion is null. */
	notes: string[];
}

/** Count the four cells from per-case calls (1 = positive) and truth (1 = diseased). */
export function confusionMatrix(
	calls: ArrayLike<number>,
	truth: ArrayLike<number>
): ConfusionMatrix {
	if (calls.length !== truth.length) {
		throw new Error(
			`${calls.length} calls but ${truth.length} truth values: one call per case is needed`
		);
	}
	if (calls.length === 0) throw new Error('a confusion matrix needs at least one case');
	const matrix: ConfusionMatrix = {
		truePositive: 0,
		falseNegative: 0,
		falsePositive: 0,
		trueNegative: 0
	};
	for (let k = 0; k < calls.length; k++) {
		const [call, disease] = [calls[k], truth[k]];
		if (call !== 0 && call !== 1)
			throw new Error(`case ${k + 1}: the call must be 0 or 1, found ${call}`);
		if (disease !== 0 && disease !== 1)
			throw new Error(`case ${k + 1}: truth must be 0 or 1, found ${disease}`);
		if (disease === 1) {
			if (call === 1) matrix.truePositive++;
			else matrix.falseNegative++;
		} else if (call === 1) matrix.falsePositive++;
		else matrix.trueNegative++;
	}
	return matrix;
}

function proportionOrNull(
	successes: number,
	trials: number,
	alpha: number,
	reason: string,
	notes: string[]
): ProportionEstimate | null {
	if (trials > 0) return wilsonInterval(successes, trials, alpha);
	notes.push(reason);
	return null;
}

/** Sensitivity, specificity, accuracy, PPV and NPV with (1 − α) Wilson intervals. */
export function binaryPerformance(matrix: ConfusionMatrix, alpha = 0.05): BinaryPerformance {
	const { truePositive: tp, falseNegative: fn, falsePositive: fp, trueNegative: tn } = matrix;
	const notes: string[] = [];
	return {
		matrix,
		sensitivity: proportionOrNull(
			tp,
			tp + fn,
			alpha,
			'sensitivity undefined: no diseased cases',
			notes
		),
		specificity: proportionOrNull(
			tn,
			tn + fp,
			alpha,
			'specificity undefined: no non-diseased cases',
			notes
		),
		accuracy: wilsonInterval(tp + tn, tp + fn + fp + tn, alpha),
		ppv: proportionOrNull(tp, tp + fp, alpha, 'PPV undefined: no case was called positive', notes),
		npv: proportionOrNull(tn, tn + fn, alpha, 'NPV undefined: no case was called negative', notes),
		notes
	};
}

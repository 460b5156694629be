// The difference of two correlated empirical AUCs — two models (or modalities) scored on the same
// cases — with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837):
//   Var(Â₂ − Â₁) = Var(Â₁) + Var(Â₂) − 2 Cov(Â₁, Â₂), from the DeLong covariance matrix,
//   z = (Â₂ − Â₁)/SE, two-sided p = 2(1 − Φ(|z|)), (1 − α) CI = (Â₂ − Â₁) ± z₁₋α/₂ · SE.
// The test pROC's roc.test(method = "delong", paired = TRUE) performs.
import { delongCovariance } from '../covariance/delong';
import { normalQuantile, normalSurvival } from '../distributions';
import { aucPlacements } from '../fom/empirical-auc';
import { DesignError } from '../design-error';

export interface PairedAucDifference {
	firstAuc: number;
	secondAuc: number;
	/** second − first. */
	difference: number;
	firstVariance: number;
	secondVariance: number;
	covariance: number;
	se: number;
	/** difference / se (NaN when se is 0: the two are indistinguishable on these cases). */
	z: number;
	/** Two-sided p (1 when se is 0 and the difference is 0). */
	p: number;
	ciLower: number;
	ciUpper: number;
	positive: number;
	negative: number;
}

function checked(name: string, values: ArrayLike<number>): Float64Array {
	const out = Float64Array.from(values);
	out.forEach((value, index) => {
		if (!Number.isFinite(value))
			throw new DesignError(`case ${index + 1}: the ${name} score ${value} is not a finite number`);
	});
	return out;
}

/** DeLong's paired test of second − first on the same cases (truth 1 = diseased). */
export function pairedAucDifference(
	first: ArrayLike<number>,
	second: ArrayLike<number>,
	truth: ArrayLike<number>,
	alpha = 0.05
): PairedAucDifference {
	if (first.length !== truth.length || second.length !== truth.length)
		throw new DesignError(
			`${first.length} and ${second.length} scores for ${truth.length} cases: both need one score per case`
		);
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
	const classes = Uint8Array.from(truth, (value, index) => {
		if (value !== 0 && value !== 1)
			throw new DesignError(`case ${index + 1}: truth must be 0 or 1, found ${value}`);
		return value;
	});
	const a = aucPlacements(checked('first', first), classes);
	const b = aucPlacements(checked('second', second), classes);
	const matrix = delongCovariance([a, b]).values;
	const [firstVariance, covariance, , secondVariance] = [...matrix] as [
		number,
		number,
		number,
		number
	];
	const difference = b.auc - a.auc;
	const se = Math.sqrt(Math.max(0, firstVariance + secondVariance - 2 * covariance));
	const z = se > 0 ? difference / se : difference === 0 ? 0 : NaN;
	const p = se > 0 ? 2 * normalSurvival(Math.abs(z)) : difference === 0 ? 1 : NaN;
	const halfWidth = normalQuantile(1 - alpha / 2) * se;
	return {
		firstAuc: a.auc,
		secondAuc: b.auc,
		difference,
		firstVariance,
		secondVariance,
		covariance,
		se,
		z,
		p,
		ciLower: difference - halfWidth,
		ciUpper: difference + halfWidth,
		positive: a.positiveCount,
		negative: a.negativeCount
	};
}

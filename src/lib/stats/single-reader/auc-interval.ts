// Empirical AUC of one reader (or one standalone AI) with its DeLong standard error
// (DeLong, DeLong & Clarke-Pearson 1988) and a normal-theory (1 − α) confidence interval
// truncated to [0, 1] — the convention MRMCaov uses for per-reader AUC limits. The AUC and
// the placement values come from the core's fom/empirical-auc and covariance/delong.
import { delongCovariance } from '../covariance/delong';
import { normalQuantile } from '../distributions';
import { aucPlacements } from '../fom/empirical-auc';

export interface AucInterval {
	/** P(rating diseased > rating non-diseased) + ½ P(tie). */
	auc: number;
	/** DeLong standard error √(S10/m + S01/n). */
	se: number;
	ciLower: number;
	ciUpper: number;
	positive: number;
	negative: number;
}

/** Empirical AUC with its DeLong SE and (1 − α) interval AUC ± z·SE, clipped to [0, 1]. */
export function aucWithDelongInterval(
	ratings: ArrayLike<number>,
	truth: ArrayLike<number>,
	alpha = 0.05
): AucInterval {
	if (ratings.length !== truth.length) {
		throw new Error(
			`${ratings.length} ratings but ${truth.length} truth values: one rating per case is needed`
		);
	}
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
	const values = Float64Array.from(ratings);
	const classes = Uint8Array.from(truth, (value, k) => {
		if (value !== 0 && value !== 1)
			throw new Error(`case ${k + 1}: truth must be 0 or 1, found ${value}`);
		return value;
	});
	for (let k = 0; k < values.length; k++) {
		if (!Number.isFinite(values[k] as number))
			throw new Error(`case ${k + 1}: the rating ${values[k]} is not a finite number`);
	}
	const placements = aucPlacements(values, classes);
	const variance = delongCovariance([placements]).values[0] as number;
	const se = Math.sqrt(Math.max(variance, 0));
	const halfWidth = normalQuantile(1 - alpha / 2) * se;
	return {
		auc: placements.auc,
		se,
		ciLower: Math.max(0, placements.auc - halfWidth),
		ciUpper: Math.min(1, placements.auc + halfWidth),
		positive: placements.positiveCount,
		negative: placements.negativeCount
	};
}

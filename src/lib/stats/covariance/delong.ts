// DeLong covariance of empirical AUCs (DeLong, DeLong & Clarke-Pearson 1988, Biometrics
// 44:837): Cov = S10/m + S01/n with S10_ab = Σ_i (V10_a,i − A_a)(V10_b,i − A_b)/(m − 1) over
// the m diseased cases and S01 likewise over the n non-diseased cases.
import { DesignError } from '../design-error';
import type { AucPlacements } from '../fom/empirical-auc';
import type { CovarianceMatrix } from './covariance-matrix';
import { scaledCrossProduct } from './covariance-matrix';

/** DeLong covariance matrix of the groups' AUCs (all groups on the same cases). */
export function delongCovariance(placements: AucPlacements[]): CovarianceMatrix {
	const first = placements[0];
	if (!first) throw new DesignError('DeLong covariance needs at least one reader × modality');
	const { positiveCount: m, negativeCount: n } = first;
	if (m < 2 || n < 2) {
		throw new DesignError(
			'DeLong covariance needs at least two diseased and two non-diseased cases'
		);
	}
	// Placement values V10_i = wins_i/(2n) and V01_j = wins_j/(2m), centred on the AUC.
	const v10 = placements.map((p) => centredPlacements(p.positiveWins, 2 * n, p.auc));
	const v01 = placements.map((p) => centredPlacements(p.negativeWins, 2 * m, p.auc));
	const s10 = scaledCrossProduct(v10, 1 / ((m - 1) * m), false);
	const s01 = scaledCrossProduct(v01, 1 / ((n - 1) * n), false);
	const values = Float64Array.from(
		s10.values,
		(value, index) => value + (s01.values[index] as number)
	);
	return { size: s10.size, values };
}

/** wins / divisor − auc for every case. */
function centredPlacements(wins: Float64Array, divisor: number, auc: number): Float64Array {
	const out = new Float64Array(wins.length);
	for (let i = 0; i < wins.length; i++) out[i] = (wins[i] as number) / divisor - auc;
	return out;
}

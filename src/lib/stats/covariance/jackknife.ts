// Jackknife covariance of the figures of merit over cases (Efron 1981; as MRMCaov's
// jackknife(): ((n − 1)/n) Σ_k (θ_(k)a − θ̄_(·)a)(θ_(k)b − θ̄_(·)b)), with the leave-one-out
// figures taken from each FOM's closed form (placement values for the AUC), not by refitting.
import { DesignError } from '../design-error';
import type { FomComputation } from '../fom/figure-of-merit';
import { scaledCrossProduct, type CovarianceMatrix } from './covariance-matrix';

/** Jackknife covariance from leave-one-out figures (one Float64Array per group). */
export function jackknifeCovarianceFromLeaveOneOut(leaveOneOut: Float64Array[]): CovarianceMatrix {
	const n = leaveOneOut[0]?.length ?? 0;
	if (n < 2) throw new DesignError('the jackknife needs at least two cases');
	return scaledCrossProduct(leaveOneOut, (n - 1) / n);
}

/** Jackknife covariance of the groups' figures of merit. */
export function jackknifeCovariance(computations: FomComputation[]): CovarianceMatrix {
	return jackknifeCovarianceFromLeaveOneOut(
		computations.map((computation) => computation.leaveOneOut())
	);
}

/**
 * Jackknife pseudovalues Y_k = n·θ − (n − 1)·θ_(k) (Dorfman, Berbaum & Metz 1992), re-centred
 * so that their mean equals θ, as RJafroc does (a no-op for the empirical AUC).
 */
export function pseudovalues(estimate: number, leaveOneOut: Float64Array): Float64Array {
	const n = leaveOneOut.length;
	const values = new Float64Array(n);
	let sum = 0;
	for (let k = 0; k < n; k++) {
		values[k] = n * estimate - (n - 1) * (leaveOneOut[k] as number);
		sum += values[k] as number;
	}
	const shift = estimate - sum / n;
	for (let k = 0; k < n; k++) values[k] = (values[k] as number) + shift;
	return values;
}

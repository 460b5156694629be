// Noncentral t distribution T'(ν, δ) — jstat's noncentralt.cdf returns 0 for δ ≳ 30 and has no
// inverse. For t ≥ 0, with x = t²/(t² + ν) and μ = δ²/2 (Guenther 1978; Lenth 1989, Algorithm
// AS 243, Appl Stat 38:185):
//   P(T' ≤ t) = Φ(−δ) + ½ Σ_j [p_j I_x(j + ½, ν/2) + q_j I_x(j + 1, ν/2)],
//   p_j = e^{−μ} μ^j / j!,   q_j = δ/√2 · e^{−μ} μ^j / Γ(j + 3/2).
// Since Σ p_j = 1 and Σ q_j = 2Φ(δ) − 1, the upper tail is the same series over the
// complements, P(T' > t) = ½ Σ_j [p_j I_{1−x}(ν/2, j + ½) + q_j I_{1−x}(ν/2, j + 1)], summed
// directly. Negative t use P(T' ≤ t; ν, δ) = P(T' ≥ −t; ν, −δ).
import {
	logGamma,
	normalCdf,
	regularizedBeta,
	regularizedGammaP,
	studentTCdf,
	studentTSurvival
} from '../distributions';
import { poissonWeights } from './noncentral-f';
import { sumWeightedSeries, type WeightSequence } from './poisson-series';

const HALF_LOG_TWO = 0.5 * Math.LN2;

function checkArguments(df: number, ncp: number, name: string): void {
	if (!(df > 0)) throw new RangeError(`${name} needs degrees of freedom > 0, got ${df}`);
	if (!Number.isFinite(ncp))
		throw new RangeError(`${name} needs a finite noncentrality, got ${ncp}`);
}

/** |q_j| = |δ|/√2 · e^{−μ} μ^j / Γ(j + 3/2), starting near its peak j ≈ μ − 3/2; Σ|q_j| = erf(|δ|/√2) = P(½, μ). */
function oddWeights(ncp: number): WeightSequence {
	const mean = (ncp * ncp) / 2;
	const start = Math.max(0, Math.floor(mean - 0.5));
	return {
		start,
		logWeightAtStart:
			Math.log(Math.abs(ncp)) -
			HALF_LOG_TWO -
			mean +
			start * Math.log(mean) -
			logGamma(start + 1.5),
		ratio: (j) => mean / (j + 1.5),
		total: regularizedGammaP(0.5, mean)
	};
}

/** The two series for t ≥ 0, over I_x (lower) or over the complements I_{1−x} (upper). */
function series(t: number, df: number, ncp: number, upper: boolean): number {
	const denominator = t * t + df;
	const x = (t * t) / denominator;
	const complement = df / denominator;
	const b = df / 2;
	const even = sumWeightedSeries(poissonWeights((ncp * ncp) / 2), (j) =>
		upper ? regularizedBeta(complement, b, j + 0.5) : regularizedBeta(x, j + 0.5, b)
	);
	const odd = sumWeightedSeries(oddWeights(ncp), (j) =>
		upper ? regularizedBeta(complement, b, j + 1) : regularizedBeta(x, j + 1, b)
	);
	return 0.5 * (even + Math.sign(ncp) * odd);
}

/** P(T' ≤ t) for the noncentral t with ν > 0 (Infinity allowed) degrees of freedom. */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
	checkArguments(df, ncp, 'noncentralTCdf');
	if (Number.isNaN(t)) return NaN;
	if (t === Infinity) return 1;
	if (t === -Infinity) return 0;
	if (df === Infinity) return normalCdf(t - ncp);
	if ((ncp * ncp) / 2 === 0) return studentTCdf(t, df); // δ = 0, or |δ| < 1e-154 (δ²/2 underflows)
	if (t < 0) return noncentralTSurvival(-t, df, -ncp);
	return Math.min(1, Math.max(0, normalCdf(-ncp) + series(t, df, ncp, false)));
}

/** P(T' > t), summed directly for t ≥ 0 (the power of a one-sided t test). */
export function noncentralTSurvival(t: number, df: number, ncp: number): number {
	checkArguments(df, ncp, 'noncentralTSurvival');
	if (Number.isNaN(t)) return NaN;
	if (t === Infinity) return 0;
	if (t === -Infinity) return 1;
	if (df === Infinity) return normalCdf(ncp - t);
	if ((ncp * ncp) / 2 === 0) return studentTSurvival(t, df);
	if (t < 0) return noncentralTCdf(-t, df, -ncp);
	return Math.min(1, Math.max(0, series(t, df, ncp, true)));
}

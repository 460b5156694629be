// Noncentral F distribution F'(df1, df2, λ) — jstat has none. Its cdf is the Poisson mixture
// of central-F (incomplete beta) terms (Johnson, Kotz & Balakrishnan 1995, eq. 30.7; Lenth
// 1987 AS 226):
//   P(F' ≤ x) = Σ_j e^{−λ/2} (λ/2)^j / j! · I_y(df1/2 + j, df2/2),   y = df1·x / (df1·x + df2),
// and the upper tail is summed directly from I_{1−y}(df2/2, df1/2 + j), never as 1 − cdf, so
// small power values and small p-values keep their relative precision. With df2 = ∞ the
// terms become regularized gamma functions (the noncentral chi-square of df1·F').
import {
	fCdf,
	fSurvival,
	logGamma,
	regularizedBeta,
	regularizedGammaP,
	regularizedGammaQ
} from '../distributions';
import { sumWeightedSeries, type WeightSequence } from './poisson-series';

function checkArguments(df1: number, df2: number, ncp: number, name: string): void {
	if (!(df1 > 0 && Number.isFinite(df1)))
		throw new RangeError(`${name} needs a finite df1 > 0, got ${df1}`);
	if (!(df2 > 0)) throw new RangeError(`${name} needs df2 > 0, got ${df2}`);
	if (!(ncp >= 0 && Number.isFinite(ncp)))
		throw new RangeError(`${name} needs a finite noncentrality ≥ 0, got ${ncp}`);
}

/** Poisson(μ) weights e^{−μ} μ^j / j!, starting at the mode ⌊μ⌋. */
export function poissonWeights(mean: number): WeightSequence {
	const start = Math.floor(mean);
	return {
		start,
		logWeightAtStart: -mean + start * Math.log(mean) - logGamma(start + 1),
		ratio: (j) => mean / (j + 1),
		total: 1
	};
}

function mixture(x: number, df1: number, df2: number, ncp: number, upper: boolean): number {
	const a = df1 / 2;
	if (df2 === Infinity) {
		const half = (df1 * x) / 2;
		return sumWeightedSeries(poissonWeights(ncp / 2), (j) =>
			upper ? regularizedGammaQ(a + j, half) : regularizedGammaP(a + j, half)
		);
	}
	const denominator = df1 * x + df2;
	const y = (df1 * x) / denominator;
	const complement = df2 / denominator;
	const b = df2 / 2;
	return sumWeightedSeries(poissonWeights(ncp / 2), (j) =>
		upper ? regularizedBeta(complement, b, a + j) : regularizedBeta(y, a + j, b)
	);
}

/** P(F' ≤ x) for the noncentral F with df1, df2 (may be Infinity) and noncentrality λ ≥ 0. */
export function noncentralFCdf(x: number, df1: number, df2: number, ncp: number): number {
	checkArguments(df1, df2, ncp, 'noncentralFCdf');
	if (Number.isNaN(x)) return NaN;
	if (x <= 0) return 0;
	if (x === Infinity) return 1;
	if (ncp / 2 === 0) return fCdf(x, df1, df2); // λ = 0 (or so small that λ/2 underflows)
	return Math.min(1, mixture(x, df1, df2, ncp, false));
}

/** P(F' > x), summed directly (the power of an F test at critical value x). */
export function noncentralFSurvival(x: number, df1: number, df2: number, ncp: number): number {
	checkArguments(df1, df2, ncp, 'noncentralFSurvival');
	if (Number.isNaN(x)) return NaN;
	if (x <= 0) return 1;
	if (x === Infinity) return 0;
	if (ncp / 2 === 0) return fSurvival(x, df1, df2);
	return Math.min(1, mixture(x, df1, df2, ncp, true));
}

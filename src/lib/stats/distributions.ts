// Probability distributions for the statistics engine — the only module that imports jstat.
// jstat alone is not precise enough (6-term Lanczos log-gamma, ibetainv stopping at 1e-8),
// so cdfs are computed here from an accurate log-gamma, the regularized incomplete beta
// (continued fraction) and the regularized incomplete gamma (series / continued fraction);
// jstat only supplies starting points that safeguarded Newton steps then refine.
// Upper tails are computed directly (symmetry of the incomplete beta), never as 1 − cdf.
import pkg from 'jstat';
import {
	logBeta,
	logGamma,
	regularizedBeta,
	regularizedBetaPair,
	regularizedBetaUpperPair,
	regularizedGammaP,
	regularizedGammaQ
} from './special-functions';

export { logBeta, logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ };

const { jStat } = pkg;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// ---------------------------------------------------------------- normal

/** Standard normal density. */
export function normalPdf(x: number): number {
	return Math.exp(-0.5 * x * x - HALF_LOG_TWO_PI);
}

/** Standard normal cdf Φ(x) = ½ erfc(−x/√2), erfc(z) = Q(½, z²) (DLMF 7.11.2). */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const half = 0.5 * x * x;
	return x < 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 + 0.5 * regularizedGammaP(0.5, half);
}

/** Standard normal upper tail 1 − Φ(x), accurate for large x. */
export function normalSurvival(x: number): number {
	return normalCdf(-x);
}

/** Standard normal quantile Φ⁻¹(p): jstat start, refined by Newton steps on the accurate cdf. */
export function normalQuantile(p: number): number {
	checkProbability(p, 'normalQuantile');
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	if (p > 0.5) return -normalQuantile(1 - p);
	return refineQuantile(p, jStat.normal.inv(p, 0, 1), normalCdf, normalPdf, -Infinity, 0);
}

// ---------------------------------------------------------------- Student t

/** Student t density with df > 0 degrees of freedom (df = Infinity gives the normal). */
export function studentTPdf(t: number, df: number): number {
	if (df === Infinity) return normalPdf(t);
	const logDensity =
		-logBeta(0.5, df / 2) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df);
	return Math.exp(logDensity);
}

/** Student t cdf via I_{df/(df+t²)}(df/2, ½) (A&S 26.7.1). */
export function studentTCdf(t: number, df: number): number {
	checkDf(df, 'studentTCdf');
	if (Number.isNaN(t)) return NaN;
	if (df === Infinity) return normalCdf(t);
	if (t === Infinity) return 1;
	if (t === -Infinity) return 0;
	const denominator = df + t * t;
	const tail = 0.5 * regularizedBetaPair(df / denominator, (t * t) / denominator, df / 2, 0.5);
	return t > 0 ? 1 - tail : tail;
}

/** Student t upper tail P(T > t), computed directly. */
export function studentTSurvival(t: number, df: number): number {
	return studentTCdf(-t, df);
}

/** Student t quantile: jstat start refined on the accurate cdf (Newton, bracketed). */
export function studentTQuantile(p: number, df: number): number {
	checkProbability(p, 'studentTQuantile');
	checkDf(df, 'studentTQuantile');
	if (df === Infinity) return normalQuantile(p);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	if (p === 0.5) return 0;
	if (p > 0.5) return -studentTQuantile(1 - p, df);
	const cdf = (t: number) => studentTCdf(t, df);
	const pdf = (t: number) => studentTPdf(t, df);
	return refineQuantile(p, jStat.studentt.inv(p, df), cdf, pdf, -Infinity, 0);
}

// ---------------------------------------------------------------- F

/** Central F density. */
export function fPdf(x: number, df1: number, df2: number): number {
	if (x < 0) return 0;
	if (x === 0) return df1 === 2 ? 1 : df1 < 2 ? Infinity : 0;
	if (df2 === Infinity) return chiSquarePdf(x * df1, df1) * df1;
	const logDensity =
		0.5 * df1 * Math.log(df1) +
		0.5 * df2 * Math.log(df2) +
		(0.5 * df1 - 1) * Math.log(x) -
		0.5 * (df1 + df2) * Math.log(df1 * x + df2) -
		logBeta(df1 / 2, df2 / 2);
	return Math.exp(logDensity);
}

/** Central F cdf: I_{d1 x/(d1 x + d2)}(d1/2, d2/2) (A&S 26.6.2). */
export function fCdf(x: number, df1: number, df2: number): number {
	checkDf(df1, 'fCdf');
	checkDf(df2, 'fCdf');
	if (Number.isNaN(x)) return NaN;
	if (x <= 0) return 0;
	if (x === Infinity) return 1;
	if (df2 === Infinity) return chiSquareCdf(x * df1, df1);
	const denominator = df1 * x + df2;
	return regularizedBetaPair((df1 * x) / denominator, df2 / denominator, df1 / 2, df2 / 2);
}

/** Central F upper tail P(F > x) = I_{d2/(d1 x + d2)}(d2/2, d1/2), computed directly. */
export function fSurvival(x: number, df1: number, df2: number): number {
	checkDf(df1, 'fSurvival');
	checkDf(df2, 'fSurvival');
	if (Number.isNaN(x)) return NaN;
	if (x <= 0) return 1;
	if (x === Infinity) return 0;
	if (df2 === Infinity) return chiSquareSurvival(x * df1, df1);
	const denominator = df1 * x + df2;
	return regularizedBetaUpperPair((df1 * x) / denominator, df2 / denominator, df1 / 2, df2 / 2);
}

/** Central F quantile: jstat start refined on the accurate cdf / upper tail. */
export function fQuantile(p: number, df1: number, df2: number): number {
	checkProbability(p, 'fQuantile');
	checkDf(df1, 'fQuantile');
	checkDf(df2, 'fQuantile');
	if (p === 0) return 0;
	if (p === 1) return Infinity;
	if (df2 === Infinity) return chiSquareQuantile(p, df1) / df1;
	const pdf = (x: number) => fPdf(x, df1, df2);
	const start = jStat.centralF.inv(p, df1, df2);
	if (p > 0.5) {
		const survival = (x: number) => -fSurvival(x, df1, df2);
		return refineQuantile(-(1 - p), start, survival, pdf, 0, Infinity);
	}
	return refineQuantile(p, start, (x) => fCdf(x, df1, df2), pdf, 0, Infinity);
}

// ---------------------------------------------------------------- chi-square

/** Chi-square density. */
export function chiSquarePdf(x: number, df: number): number {
	if (x < 0) return 0;
	if (x === 0) return df === 2 ? 0.5 : df < 2 ? Infinity : 0;
	const k = df / 2;
	return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - logGamma(k));
}

/** Chi-square cdf P(df/2, x/2). */
export function chiSquareCdf(x: number, df: number): number {
	checkDf(df, 'chiSquareCdf');
	if (Number.isNaN(x)) return NaN;
	return regularizedGammaP(df / 2, x / 2);
}

/** Chi-square upper tail Q(df/2, x/2), computed directly. */
export function chiSquareSurvival(x: number, df: number): number {
	checkDf(df, 'chiSquareSurvival');
	if (Number.isNaN(x)) return NaN;
	return regularizedGammaQ(df / 2, x / 2);
}

/** Chi-square quantile: jstat start refined on the accurate cdf / upper tail. */
export function chiSquareQuantile(p: number, df: number): number {
	checkProbability(p, 'chiSquareQuantile');
	checkDf(df, 'chiSquareQuantile');
	if (p === 0) return 0;
	if (p === 1) return Infinity;
	const pdf = (x: number) => chiSquarePdf(x, df);
	const start = jStat.chisquare.inv(p, df);
	if (p > 0.5) {
		const survival = (x: number) => -chiSquareSurvival(x, df);
		return refineQuantile(-(1 - p), start, survival, pdf, 0, Infinity);
	}
	return refineQuantile(p, start, (x) => chiSquareCdf(x, df), pdf, 0, Infinity);
}

// ---------------------------------------------------------------- helpers

function checkProbability(p: number, name: string): void {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} needs 0 ≤ p ≤ 1, got ${p}`);
}

function checkDf(df: number, name: string): void {
	if (!(df > 0)) throw new RangeError(`${name} needs degrees of freedom > 0, got ${df}`);
}

/**
 * Solve increasing(x) = target on (lower, upper) by Newton steps from `start`, keeping a
 * bracket and bisecting whenever a Newton step leaves it (so a poor start cannot diverge).
 * `slope` is the derivative of `increasing` (the density).
 */
function refineQuantile(
	target: number,
	start: number,
	increasing: (x: number) => number,
	slope: (x: number) => number,
	lower: number,
	upper: number
): number {
	let low = lower;
	let high = upper;
	let x =
		Number.isFinite(start) && start > lower && start < upper ? start : initialGuess(lower, upper);
	for (let iteration = 0; iteration < 200; iteration++) {
		const error = increasing(x) - target;
		if (error === 0) return x;
		if (error > 0) high = x;
		else low = x;
		let next = x - error / slope(x);
		if (!(next > low && next < high)) next = bisect(low, high, x);
		if (Math.abs(next - x) <= 4 * Number.EPSILON * Math.abs(x)) return next;
		x = next;
	}
	return x;
}

function initialGuess(lower: number, upper: number): number {
	if (Number.isFinite(lower) && Number.isFinite(upper)) return (lower + upper) / 2;
	if (Number.isFinite(lower)) return lower + 1;
	return upper - 1;
}

function bisect(low: number, high: number, x: number): number {
	if (Number.isFinite(low) && Number.isFinite(high)) return (low + high) / 2;
	if (Number.isFinite(low)) return low === 0 ? 2 * x + 1 : Math.max(2 * Math.abs(x), 1) + low;
	return Math.min(-2 * Math.abs(x), -1) + high;
}

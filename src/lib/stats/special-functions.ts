// Special functions behind the probability distributions: log-gamma, log-beta, and the
// regularized incomplete beta and gamma functions, to ~1e-15 relative where the inputs allow.
// Pure arithmetic, no third-party code; distributions.ts builds the cdfs and quantiles on them.

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// Stirling series coefficients B_{2k} / (2k (2k − 1)) (Abramowitz & Stegun 6.1.40).
const STIRLING = [
	1 / 12,
	-1 / 360,
	1 / 1260,
	-1 / 1680,
	1 / 1188,
	-691 / 360360,
	1 / 156,
	-3617 / 122400
];

/** Stirling-series remainder log Γ(x) − [(x − ½) log x − x + ½ log 2π] for x ≥ 10 (A&S 6.1.40). */
function stirlingRemainder(x: number): number {
	const inverse = 1 / x;
	const inverseSquared = inverse * inverse;
	let series = 0;
	let power = inverse;
	for (const coefficient of STIRLING) {
		series += coefficient * power;
		power *= inverseSquared;
	}
	return series;
}

/** log Γ(x) for x > 0: recurrence up to x ≥ 15, then the Stirling series (A&S 6.1.40), ~1e-15. */
export function logGamma(x: number): number {
	if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
	if (x === Infinity) return Infinity;
	let shift = 0;
	let product = 1;
	while (x < 15) {
		product *= x;
		x += 1;
		if (product > 1e280) {
			shift += Math.log(product);
			product = 1;
		}
	}
	shift += Math.log(product);
	return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingRemainder(x) - shift;
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), arranged (as R's lbeta, after
 * Didonato & Morris) so the large Stirling terms cancel analytically: with a huge argument
 * (t or F with large df) the plain difference of log-gammas would lose ~log10(a) digits.
 */
export function logBeta(a: number, b: number): number {
	const p = Math.min(a, b);
	const q = Math.max(a, b);
	if (p >= 10) {
		const correction = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q);
		return (
			-0.5 * Math.log(q) +
			HALF_LOG_TWO_PI +
			correction +
			(p - 0.5) * Math.log(p / (p + q)) +
			q * Math.log1p(-p / (p + q))
		);
	}
	if (q >= 10) {
		const correction = stirlingRemainder(q) - stirlingRemainder(p + q);
		return (
			logGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q))
		);
	}
	return logGamma(p) + logGamma(q) - logGamma(p + q);
}

// Continued fraction for I_x(a, b) (modified Lentz; Numerical Recipes §6.4, DLMF 8.17.22).
// Returns NaN when it has not converged within `maxIterations`.
function betaContinuedFraction(
	x: number,
	a: number,
	b: number,
	maxIterations = MAX_ITERATIONS
): number {
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let result = d;
	for (let m = 1; m <= maxIterations; m++) {
		const m2 = 2 * m;
		for (const numerator of [
			(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
			(-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
		]) {
			d = 1 + numerator * d;
			if (Math.abs(d) < TINY) d = TINY;
			c = 1 + numerator / c;
			if (Math.abs(c) < TINY) c = TINY;
			d = 1 / d;
			result *= d * c;
		}
		if (Math.abs(d * c - 1) < EPSILON) return result;
	}
	return NaN;
}

// Iterations allowed on the side Numerical Recipes prefers before trying the other side.
// Near x ≈ (a + 1)/(a + b + 2) with one huge parameter (t or F with very large df) the
// preferred fraction needs ~√max(a, b) terms and accumulates rounding, while the other
// side's fraction (like the incomplete-gamma one) converges in a few dozen.
const PREFERRED_ITERATIONS = 300;

/**
 * I_x(a, b) given both x and y = 1 − x, so callers that know y exactly (t, F tails)
 * do not lose it to cancellation.
 */
export function regularizedBetaPair(x: number, y: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (y <= 0) return 1;
	// log x and log y from whichever of x, y is exact when small (log1p for the one near 1).
	const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
	const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
	const front = Math.exp(a * logX + b * logY - logBeta(a, b));
	const lower = (limit: number) => (front * betaContinuedFraction(x, a, b, limit)) / a; // I_x(a, b)
	const upper = (limit: number) => (front * betaContinuedFraction(y, b, a, limit)) / b; // I_y(b, a) = 1 − I_x(a, b)
	const preferLower = x < (a + 1) / (a + b + 2);
	// The preferred fraction's argument near 1 with a huge parameter is ill-conditioned (t or F
	// with very large df): then take the other side, if its own argument is near its
	// threshold (so its fraction is reliable), it converges, and the complement costs ≤ 2 digits.
	const otherNearItsThreshold = preferLower
		? y < (4 * (b + 1)) / (a + b + 2)
		: x < (4 * (a + 1)) / (a + b + 2);
	if ((preferLower ? x : y) > 0.5 && otherNearItsThreshold) {
		const other = preferLower ? upper(PREFERRED_ITERATIONS) : lower(PREFERRED_ITERATIONS);
		if (other < 0.99) return preferLower ? 1 - other : other;
	}
	const first = preferLower ? lower(PREFERRED_ITERATIONS) : upper(PREFERRED_ITERATIONS);
	if (!Number.isNaN(first)) return preferLower ? first : 1 - first;
	const second = preferLower ? upper(PREFERRED_ITERATIONS) : lower(PREFERRED_ITERATIONS);
	if (!Number.isNaN(second)) return preferLower ? 1 - second : second;
	const slow = preferLower ? lower(MAX_ITERATIONS) : 1 - upper(MAX_ITERATIONS);
	if (Number.isNaN(slow))
		throw new Error(
			`regularizedBeta: continued fraction did not converge (x=${x}, a=${a}, b=${b})`
		);
	return slow;
}

/** Upper tail 1 − I_x(a, b) = I_{1−x}(b, a), computed without subtraction where it matters. */
export function regularizedBetaUpperPair(x: number, y: number, a: number, b: number): number {
	return regularizedBetaPair(y, x, b, a);
}

/** Regularized incomplete beta I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (!(a > 0 && b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0 (a=${a}, b=${b})`);
	if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta needs 0 ≤ x ≤ 1, got ${x}`);
	return regularizedBetaPair(x, 1 - x, a, b);
}

// Series for the lower regularized gamma P(a, x) (Numerical Recipes §6.2), x < a + 1.
function gammaSeries(a: number, x: number): number {
	let term = 1 / a;
	let sum = term;
	for (let n = 1; n <= MAX_ITERATIONS; n++) {
		term *= x / (a + n);
		sum += term;
		if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
	}
	return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

// Continued fraction for the upper regularized gamma Q(a, x) (Lentz; NR §6.2), x ≥ a + 1.
function gammaContinuedFraction(a: number, x: number): number {
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let result = d;
	for (let i = 1; i <= MAX_ITERATIONS; i++) {
		const numerator = -i * (i - a);
		b += 2;
		d = numerator * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + numerator / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		result *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return Math.exp(-x + a * Math.log(x) - logGamma(a)) * result;
}

/** Lower regularized incomplete gamma P(a, x). */
export function regularizedGammaP(a: number, x: number): number {
	if (!(a > 0)) throw new RangeError(`regularizedGammaP needs a > 0, got ${a}`);
	if (x <= 0) return 0;
	if (x === Infinity) return 1;
	return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Upper regularized incomplete gamma Q(a, x) = 1 − P(a, x), computed directly in the tail. */
export function regularizedGammaQ(a: number, x: number): number {
	if (!(a > 0)) throw new RangeError(`regularizedGammaQ needs a > 0, got ${a}`);
	if (x <= 0) return 1;
	if (x === Infinity) return 0;
	return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

// Checked against closed forms and published constants, not against this module's output:
// t(1) is Cauchy, t(2) and t(3) have closed-form cdfs, chi-square(2) is exponential,
// chi-square(1) = Z², F(1, ν) = t(ν)², F(2, ν) has a closed-form tail, I_x(a, 1) = x^a, and
// Γ at integers and ½ is known exactly.
import { describe, expect, it } from 'vitest';
import {
	chiSquareCdf,
	chiSquareQuantile,
	chiSquareSurvival,
	fCdf,
	fQuantile,
	fSurvival,
	normalCdf,
	normalQuantile,
	studentTCdf,
	studentTQuantile,
	studentTSurvival
} from './distributions';

function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
	const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
	if (!(Math.abs(actual - expected) / scale <= tolerance)) {
		throw new Error(
			`expected ${expected}, got ${actual} (relative error ${Math.abs(actual - expected) / scale})`
		);
	}
}

const PROBABILITIES = [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-6];

describe('normal', () => {
	it('reproduces published quantiles and tail areas', () => {
		// Φ⁻¹(0.975) and Φ⁻¹(0.995) to 16 digits (e.g. NIST/SEMATECH, Wichura AS 241).
		expectRelative(normalQuantile(0.975), 1.959963984540054, 1e-14);
		expectRelative(normalQuantile(0.995), 2.5758293035489004, 1e-14);
		expectRelative(normalQuantile(0.025), -1.959963984540054, 1e-14);
		expect(normalQuantile(0.5)).toBe(0);
		// Φ(−1) = 0.158655253931457051..., Φ(−10) = 7.6198530241605260659e−24 (A&S 26.2).
		expectRelative(normalCdf(-1), 0.15865525393145705, 1e-14);
		expectRelative(normalCdf(-10), 7.619853024160526e-24, 1e-13);
	});

	it('inverts its cdf', () => {
		for (const p of PROBABILITIES) expectRelative(normalCdf(normalQuantile(p)), p, 1e-13);
	});
});

describe('Student t', () => {
	it('df = 1 is Cauchy: F(t) = ½ + atan(t)/π, quantile tan(π(p − ½))', () => {
		for (const t of [-50, -3, -0.5, 0.2, 1, 7.5, 300]) {
			expectRelative(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13);
		}
		// tan(π(p − ½)) = −cot(πp) = −1/tan(πp), which keeps full precision for small p.
		for (const p of PROBABILITIES.filter((q) => q < 0.5)) {
			expectRelative(studentTQuantile(p, 1), -1 / Math.tan(Math.PI * p), 1e-12);
			expectRelative(studentTQuantile(1 - p, 1), 1 / Math.tan(Math.PI * p), 1e-9 + 1e-16 / p);
		}
	});

	it('df = 2: F(t) = ½ + t / (2√(2 + t²)), quantile (2p − 1)/√(2p(1 − p))', () => {
		for (const t of [-20, -1.3, 0.4, 2, 9])
			expectRelative(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13);
		for (const p of PROBABILITIES) {
			if (p === 0.5) continue;
			expectRelative(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12);
		}
		// upper tail computed directly: P(T > t) = ½ − t/(2√(2 + t²)) = 1/(√(2 + t²)(√(2 + t²) + t))
		for (const t of [10, 1000, 1e6]) {
			const root = Math.sqrt(2 + t * t);
			expectRelative(studentTSurvival(t, 2), 1 / (root * (root + t)), 1e-12);
		}
	});

	it('df = 3: F(t) = ½ + [t/(√3(1 + t²/3)) + atan(t/√3)]/π', () => {
		for (const t of [-4, -0.7, 0.1, 1.5, 6]) {
			const expected =
				0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
			expectRelative(studentTCdf(t, 3), expected, 1e-13);
		}
	});

	it('reproduces R qt(0.975, 15.2597) as implied by the MRMCaov CI width on Van Dyke', () => {
		// (ci_upper − estimate)/se from vandyke.auc.jackknife.expected.json (R's qt).
		const implied = (0.00035885444417137896 + 0.043800322061191554) / 0.020748618378944948;
		expectRelative(studentTQuantile(0.975, 15.259674589141575), implied, 1e-12);
	});

	it('tends to the normal as df → ∞', () => {
		expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
		// Cornish–Fisher: t_ν ≈ z + (z³ + z)/(4ν) for large ν
		const z = 1.959963984540054;
		for (const df of [1e6, 1e9, 1e12])
			expectRelative(studentTQuantile(0.975, df), z + (z ** 3 + z) / (4 * df), 1e-11);
	});
});

describe('chi-square', () => {
	it('df = 2 is exponential with mean 2', () => {
		for (const x of [1e-5, 0.3, 2, 11, 100]) {
			expectRelative(chiSquareCdf(x, 2), -Math.expm1(-x / 2), 1e-13);
			expectRelative(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13);
		}
		for (const p of PROBABILITIES)
			expectRelative(chiSquareQuantile(p, 2), -2 * Math.log1p(-p), 1e-12);
	});

	it('df = 1 is Z²: quantile(0.95) = 1.959963984540054²', () => {
		expectRelative(chiSquareQuantile(0.95, 1), 1.959963984540054 ** 2, 1e-13);
		for (const x of [0.01, 1, 4, 30])
			expectRelative(chiSquareSurvival(x, 1), 2 * normalCdf(-Math.sqrt(x)), 1e-13);
	});
});

describe('F', () => {
	it('F(1, ν) = t(ν)²', () => {
		for (const df of [2, 4.5, 15.26, 113]) {
			for (const x of [0.05, 1, 4.456, 30]) {
				expectRelative(fSurvival(x, 1, df), 2 * studentTSurvival(Math.sqrt(x), df), 1e-13);
				expectRelative(fCdf(x, 1, df), 1 - 2 * studentTSurvival(Math.sqrt(x), df), 1e-12);
			}
		}
		// F(1, 2) 0.95 quantile = t(2) 0.975 quantile² = 0.95² / (2·0.975·0.025), exactly 18.5128205128…
		expectRelative(fQuantile(0.95, 1, 2), 0.9025 / 0.04875, 1e-13);
	});

	it('F(2, ν) has upper tail (1 + 2x/ν)^(−ν/2)', () => {
		for (const df of [1, 3, 10.5, 200]) {
			for (const x of [0.2, 1.7, 8, 60])
				expectRelative(fSurvival(x, 2, df), (1 + (2 * x) / df) ** (-df / 2), 1e-12);
			// quantile: x = (ν/2)((1 − p)^(−2/ν) − 1)
			for (const p of [0.05, 0.5, 0.95, 0.999])
				expectRelative(fQuantile(p, 2, df), (df / 2) * ((1 - p) ** (-2 / df) - 1), 1e-12);
		}
	});

	it('reproduces the published Van Dyke RRRC p-value (Hillis 2008: F = 4.456, ddf = 15.26, p = 0.0517)', () => {
		expect(fSurvival(4.456318693157258, 1, 15.259674589141575)).toBeCloseTo(0.0517, 4);
	});
});

describe('quantiles against 40-digit values (mpmath 1.3 findroot on betainc, written out)', () => {
	// [df, p, t quantile] — including the Van Dyke Hillis ddf and per-modality df.
	const studentT: Array<[number, number, number]> = [
		[1.5, 0.975, 6.0166631044279319219],
		[1.5, 0.995, 17.820310514462807269],
		[1.5, 0.9999, 242.26409884650629707],
		[4, 0.975, 2.7764451051977943578],
		[4, 0.995, 4.6040948713499932254],
		[4, 0.9999, 13.033671720896456198],
		[12.744647598118153, 0.975, 2.1647769936756144043],
		[12.744647598118153, 0.995, 3.0223455796808880454],
		[12.744647598118153, 0.9999, 5.1466712004368130822],
		[15.259674589141575, 0.975, 2.1282947952898060373],
		[15.259674589141575, 0.995, 2.9396128495211301813],
		[15.259674589141575, 0.9999, 4.8554868711590386698],
		[54.44672178237436, 0.975, 2.0045026251519358256],
		[54.44672178237436, 0.995, 2.6691863340038658966],
		[54.44672178237436, 0.9999, 3.9884408547536775097],
		[113, 0.975, 1.9811803594146611719],
		[113, 0.995, 2.6200389567971965366],
		[113, 0.9999, 3.8447081934553891916],
		[1000, 0.975, 1.962339080826408485],
		[1000, 0.995, 2.5807546980659510793],
		[1000, 0.9999, 3.7328516045753681138]
	];
	it.each(studentT)('t quantile df = %d, p = %d', (df, p, expected) => {
		expectRelative(studentTQuantile(p, df), expected, 1e-13);
		expectRelative(studentTQuantile(1 - p, df), -expected, 1e-11);
	});

	// [df1, df2, p, F quantile]
	const fisher: Array<[number, number, number, number]> = [
		[1, 15.259674589141575, 0.95, 4.5296387356576773865],
		[1, 15.259674589141575, 0.99, 8.6413237050697387554],
		[2, 20.5, 0.95, 3.479465214257546514],
		[2, 20.5, 0.99, 5.8137085738776529408],
		[3, 8, 0.95, 4.0661805513511622507],
		[3, 8, 0.99, 7.5909919475988546445],
		[4, 400, 0.95, 2.394248911603847152],
		[4, 400, 0.99, 3.3663531744994908218]
	];
	it.each(fisher)('F quantile (%d, %d), p = %d', (df1, df2, p, expected) => {
		expectRelative(fQuantile(p, df1, df2), expected, 1e-12);
	});

	it('keeps precision for very large df, where the plain continued fraction loses digits', () => {
		// P(T > 1.96) for ν = 10⁶ and 10⁸ (mpmath betainc, 40 digits)
		expectRelative(studentTSurvival(1.96, 1e6), 0.024999, 1e-3);
		expectRelative(studentTQuantile(0.975, 1e6), 1.959966356814107035, 1e-13);
		expectRelative(studentTQuantile(0.975, 1e9), 1.959963986912325469, 1e-13);
	});
});

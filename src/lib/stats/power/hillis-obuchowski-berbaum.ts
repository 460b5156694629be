// Power and sample size for an MRMC comparison of two modalities analysed by the
// Obuchowski–Rockette method with random readers and random cases and Hillis's denominator
// degrees of freedom (Hillis, Obuchowski & Berbaum 2011, "Power estimation for multireader
// ROC methods: an updated and unified approach", Acad Radiol 18:129) — the computation of
// RJafroc's SsPowerGivenJKOrVarComp. Pilot OR components are carried to a study with r readers
// and c cases by keeping σ²_TR and scaling the case-level (co)variances Var, Cov1, Cov2, Cov3
// by c_pilot / c; negative σ²_TR and Cov2 − Cov3 are truncated at 0 (Hillis 2007).
//   D  = max(σ²_TR, 0) + (c*/c)·[Var − Cov1 + (r − 1)·max(Cov2 − Cov3, 0)]   (E of the F denominator)
//   M  = max(σ²_TR, 0) + (c*/c)·[Var − Cov1 − max(Cov2 − Cov3, 0)]           (E of MS(T×R))
//   ddf_H = D² / (M² / (r − 1)),   λ = r·d² / (2D)
// Two-sided test: power = P(F′(1, ddf_H, λ) > F_{1−α}(1, ddf_H)). One-sided (non-inferiority
// with margin δ, or superiority when δ = 0): the test the analysis runs is t = (Δ̂ + δ)/SE
// with SE² = 2D/r on ddf_H, so power = P(T′(ddf_H, (d + δ)/√(2D/r)) > t_{1−α}(ddf_H)).
import { fQuantile, studentTQuantile } from '../distributions';
import { noncentralFSurvival } from './noncentral-f';
import { noncentralTSurvival } from './noncentral-t';

/** Obuchowski–Rockette components of a pilot study (names as in the analysis report). */
export interface PilotComponents {
	varTR: number;
	/** Var: variance of a reader × modality figure of merit over case samples. */
	variance: number;
	cov1: number;
	cov2: number;
	cov3: number;
	/** Number of cases the components were estimated from (c*). */
	cases: number;
}

export type PowerTest = 'one-sided' | 'two-sided';

export interface PowerSettings {
	/** Expected difference d of the figures of merit (aided − unaided for a one-sided test). */
	effect: number;
	/** Non-inferiority margin δ ≥ 0 (one-sided only; 0 = superiority). */
	margin: number;
	/** Significance level: one-sided α for 'one-sided', two-sided α for 'two-sided'. */
	alpha: number;
	test: PowerTest;
}

export interface PowerResult {
	readers: number;
	cases: number;
	power: number;
	/** Hillis denominator degrees of freedom. */
	ddf: number;
	/** F noncentrality λ (two-sided) or t noncentrality (one-sided). */
	noncentrality: number;
	/** Critical value of the test (F or t). */
	criticalValue: number;
	/** Standard error of the difference, √(2D/r). */
	se: number;
}

export function checkPilot(pilot: PilotComponents): void {
	for (const key of ['varTR', 'variance', 'cov1', 'cov2', 'cov3'] as const) {
		if (!Number.isFinite(pilot[key]))
			throw new RangeError(`pilot component ${key} must be a finite number, got ${pilot[key]}`);
	}
	if (!(Number.isInteger(pilot.cases) && pilot.cases >= 2))
		throw new RangeError(`pilot cases must be a whole number ≥ 2, got ${pilot.cases}`);
}

export function checkSettings(settings: PowerSettings): void {
	const { effect, margin, alpha, test } = settings;
	if (!Number.isFinite(effect))
		throw new RangeError(`the effect must be a finite number, got ${effect}`);
	if (!(margin >= 0 && Number.isFinite(margin)))
		throw new RangeError(`the margin must be a number ≥ 0, got ${margin}`);
	if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`);
	if (test === 'two-sided' && margin !== 0)
		throw new RangeError('a margin needs the one-sided (non-inferiority) test');
}

/** Expected F denominator D and MS(T×R) M for r readers and c cases (HOB 2011). */
function expectedMeanSquares(
	pilot: PilotComponents,
	readers: number,
	cases: number
): { denominator: number; msTR: number } {
	const scale = pilot.cases / cases;
	const readerTerm = Math.max(pilot.varTR, 0);
	const correlated = Math.max(pilot.cov2 - pilot.cov3, 0);
	return {
		denominator: readerTerm + scale * (pilot.variance - pilot.cov1 + (readers - 1) * correlated),
		msTR: readerTerm + scale * (pilot.variance - pilot.cov1 - correlated)
	};
}

/** Power from the expected denominator D and MS(T×R) M (HOB 2011). */
function powerFromMeanSquares(
	denominator: number,
	msTR: number,
	readers: number,
	cases: number,
	settings: PowerSettings
): PowerResult {
	if (!(denominator > 0)) {
		throw new RangeError(
			`the pilot components give a non-positive F denominator (${denominator}): no variability to size a study on`
		);
	}
	const ddf = msTR === 0 ? Infinity : denominator ** 2 / (msTR ** 2 / (readers - 1));
	const se = Math.sqrt((2 * denominator) / readers);
	if (settings.test === 'two-sided') {
		const noncentrality = (readers * settings.effect ** 2) / (2 * denominator);
		const criticalValue = fQuantile(1 - settings.alpha, 1, ddf);
		const power = noncentralFSurvival(criticalValue, 1, ddf, noncentrality);
		return { readers, cases, power, ddf, noncentrality, criticalValue, se };
	}
	const noncentrality = (settings.effect + settings.margin) / se;
	const criticalValue = studentTQuantile(1 - settings.alpha, ddf);
	const power = noncentralTSurvival(criticalValue, ddf, noncentrality);
	return { readers, cases, power, ddf, noncentrality, criticalValue, se };
}

function checkReaders(readers: number): void {
	if (!(Number.isInteger(readers) && readers >= 2))
		throw new RangeError(`readers must be a whole number ≥ 2, got ${readers}`);
}

/** Power of the RRRC test of two modalities with r readers and c cases. */
export function orPower(
	pilot: PilotComponents,
	readers: number,
	cases: number,
	settings: PowerSettings
): PowerResult {
	checkPilot(pilot);
	checkSettings(settings);
	checkReaders(readers);
	if (!(cases > 0 && Number.isFinite(cases)))
		throw new RangeError(`cases must be a positive number, got ${cases}`);
	const { denominator, msTR } = expectedMeanSquares(pilot, readers, cases);
	return powerFromMeanSquares(denominator, msTR, readers, cases, settings);
}

/**
 * Power with unlimited cases: only σ²_TR is left (D = M = σ²_TR, ddf = r − 1). With σ²_TR ≤ 0
 * the noncentrality grows without bound (limit 1 for a positive shift).
 */
export function limitingPower(
	pilot: PilotComponents,
	readers: number,
	settings: PowerSettings
): number {
	checkPilot(pilot);
	checkSettings(settings);
	checkReaders(readers);
	if (!(pilot.varTR > 0)) {
		// The t (or F) statistic's noncentrality tends to ±∞, or stays 0 when there is no shift.
		const shift =
			settings.test === 'two-sided' ? Math.abs(settings.effect) : settings.effect + settings.margin;
		return shift > 0 ? 1 : shift < 0 ? 0 : settings.alpha;
	}
	return powerFromMeanSquares(pilot.varTR, pilot.varTR, readers, Infinity, settings).power;
}

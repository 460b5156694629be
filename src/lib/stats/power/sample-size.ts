// Cases needed for a target power with a given number of readers, and the readers × cases
// table `tandem power` prints, from the Hillis–Obuchowski–Berbaum power of
// hillis-obuchowski-berbaum.ts. More cases shrink the case-level components, so the
// noncentrality grows with c; as c → ∞ only σ²_TR is left and the power tends to a limit
// below 1 when σ²_TR > 0 — a study that cannot reach the target with r readers is reported as
// such, with that limit, rather than with an arbitrary cap.
import {
	limitingPower,
	orPower,
	type PilotComponents,
	type PowerResult,
	type PowerSettings
} from './hillis-obuchowski-berbaum';

export interface CasesNeeded {
	readers: number;
	/** The smallest number of cases reaching the target, or null when none does. */
	cases: number | null;
	/** The power at that number of cases (or at the largest number tried). */
	result: PowerResult;
	/** Power with unlimited cases (only σ²_TR left): the ceiling for this many readers. */
	limitingPower: number;
}

export interface SampleSizeOptions {
	targetPower: number;
	/** Largest study considered (default 1,000,000 cases). */
	maxCases?: number;
	/** Smallest study considered (default 10 cases). */
	minCases?: number;
}

/** The smallest c in [minCases, maxCases] with power ≥ target (bisection on c). */
export function casesForPower(
	pilot: PilotComponents,
	readers: number,
	settings: PowerSettings,
	options: SampleSizeOptions
): CasesNeeded {
	const { targetPower } = options;
	if (!(targetPower > 0 && targetPower < 1))
		throw new RangeError(`the target power must be in (0, 1), got ${targetPower}`);
	const minCases = options.minCases ?? 10;
	const maxCases = options.maxCases ?? 1_000_000;
	const power = (cases: number) => orPower(pilot, readers, cases, settings);
	const ceiling = limitingPower(pilot, readers, settings);
	const largest = power(maxCases);
	if (largest.power < targetPower)
		return { readers, cases: null, result: largest, limitingPower: ceiling };
	let high = minCases;
	while (power(high).power < targetPower) high = Math.min(2 * high, maxCases);
	let low = high === minCases ? minCases - 1 : Math.floor(high / 2);
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (power(middle).power >= targetPower) high = middle;
		else low = middle;
	}
	// The Hillis ddf falls slightly as c grows, so check below the bisection point.
	while (high > minCases && power(high - 1).power >= targetPower) high -= 1;
	return { readers, cases: high, result: power(high), limitingPower: ceiling };
}

/** Cases needed for each number of readers. */
export function sampleSizeTable(
	pilot: PilotComponents,
	readers: number[],
	settings: PowerSettings,
	options: SampleSizeOptions
): CasesNeeded[] {
	return readers.map((count) => casesForPower(pilot, count, settings, options));
}

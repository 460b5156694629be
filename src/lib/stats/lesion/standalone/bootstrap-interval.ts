// Case-resampling bootstrap for the AI standalone figures: each replicate draws, with
// replacement, as many diseased cases from the diseased and as many non-diseased from the
// non-diseased as the study has (the resampling of the MRMC bootstrap, covariance/bootstrap.ts),
// as case multiplicities. The interval is the percentile interval (Efron & Tibshirani 1993,
// ch. 13): the α/2 and 1 − α/2 quantiles of the replicates, by linear interpolation between
// order statistics (Hyndman & Fan type 7, R's default). Replicates where a figure is undefined
// (NaN: e.g. no lesion of a type drawn) are left out, and their number is reported.
import { casesWithTruth } from '../../fom/figure-of-merit';
import type { SimulationRandom } from '../../random';

export interface IntervalEstimate {
	estimate: number;
	lower: number;
	upper: number;
	/** The replicates the interval rests on (those where the figure is defined). */
	replicates: number;
}

export interface CaseResampler {
	/** Fill `into` with a new replicate's case multiplicities. */
	next(into: Float64Array): void;
}

export function stratifiedResampler(truth: Uint8Array, random: SimulationRandom): CaseResampler {
	const strata = [casesWithTruth(truth, 1), casesWithTruth(truth, 0)];
	return {
		next(into) {
			into.fill(0);
			for (const stratum of strata)
				for (let i = 0; i < stratum.length; i++) {
					const k = stratum[random.integerBelow(stratum.length)] as number;
					into[k] = (into[k] as number) + 1;
				}
		}
	};
}

/** The type-7 quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
	const h = (sorted.length - 1) * p;
	const below = Math.floor(h);
	const low = sorted[below] as number;
	const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
	return low + (h - below) * (high - low);
}

export function percentileInterval(
	estimate: number,
	replicates: ArrayLike<number>,
	level: number
): IntervalEstimate {
	if (!(level > 0 && level < 1))
		throw new RangeError(`confidence level must lie in (0, 1), got ${level}`);
	const defined = Float64Array.from(Array.from(replicates).filter((value) => !Number.isNaN(value)));
	defined.sort();
	if (defined.length === 0) return { estimate, lower: NaN, upper: NaN, replicates: 0 };
	const alpha = 1 - level;
	return {
		estimate,
		lower: quantile(defined, alpha / 2),
		upper: quantile(defined, 1 - alpha / 2),
		replicates: defined.length
	};
}

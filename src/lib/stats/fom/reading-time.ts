// Reading time as a figure of merit: the mean of log(seconds) over all cases for one
// reader × modality. exp(mean) is the geometric-mean reading time, and the exponential
// of a difference of two such means is the ratio of geometric means (Tandem reports both).
import { DesignError } from '../design-error';
import { allCases, type FigureOfMerit } from './figure-of-merit';

/** log of a reading time given in milliseconds, in log-seconds. */
export function logSeconds(timeMs: number): number {
	if (!(timeMs > 0 && Number.isFinite(timeMs)))
		throw new DesignError(`reading time must be a positive number of ms, got ${timeMs}`);
	return Math.log(timeMs / 1000);
}

export const readingTimeFom: FigureOfMerit = {
	name: 'reading-time',
	label: 'mean log reading time (s)',
	boundedToUnitInterval: false,
	jackknifeCases: allCases,
	compute(timesMs) {
		const n = timesMs.length;
		const logs = new Float64Array(n);
		let total = 0;
		for (let k = 0; k < n; k++) {
			logs[k] = logSeconds(timesMs[k] as number);
			total += logs[k] as number;
		}
		return {
			estimate: total / n,
			leaveOneOut() {
				if (n < 2) throw new DesignError('the jackknife needs at least two cases');
				const out = new Float64Array(n);
				for (let k = 0; k < n; k++) out[k] = (total - (logs[k] as number)) / (n - 1);
				return out;
			},
			weightedEstimate(weights) {
				let weighted = 0;
				let weightTotal = 0;
				logs.forEach((value, k) => {
					weighted += (weights[k] as number) * value;
					weightTotal += weights[k] as number;
				});
				return weighted / weightTotal;
			}
		};
	}
};

/** Geometric mean reading time in seconds from a mean log-seconds. */
export function geometricMeanSeconds(meanLogSeconds: number): number {
	return Math.exp(meanLogSeconds);
}

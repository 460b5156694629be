// Reading time as a figure of merit: the mean of log(seconds) over all cases for one
// reader × modality. exp(mean) is the geometric-mean reading time, and the exponential
// of a difference of two such means is the ratio of geometric means (Tandem reports both).
// A time not recorded (NaN) is missing for this figure only.
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
	// A missing time (NaN: not recorded) is left out: the mean is over the reads with a time, and
	// leaving out a case without one changes nothing.
	compute(timesMs) {
		const n = timesMs.length;
		const logs = new Float64Array(n);
		let total = 0;
		let timed = 0;
		for (let k = 0; k < n; k++) {
			const time = timesMs[k] as number;
			logs[k] = Number.isNaN(time) ? NaN : logSeconds(time);
			if (Number.isNaN(time)) continue;
			total += logs[k] as number;
			timed++;
		}
		if (timed === 0) throw new DesignError('no reading time recorded for a reader in a modality');
		const estimate = total / timed;
		return {
			estimate,
			leaveOneOut() {
				if (timed < 2) throw new DesignError('the jackknife needs at least two timed cases');
				const out = new Float64Array(n);
				for (let k = 0; k < n; k++) {
					const value = logs[k] as number;
					out[k] = Number.isNaN(value) ? estimate : (total - value) / (timed - 1);
				}
				return out;
			},
			weightedEstimate(weights) {
				let weighted = 0;
				let weightTotal = 0;
				logs.forEach((value, k) => {
					if (Number.isNaN(value)) return;
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

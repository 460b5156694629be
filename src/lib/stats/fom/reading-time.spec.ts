import { describe, expect, it } from 'vitest';
import { geometricMeanSeconds, logSeconds, readingTimeFom } from './reading-time';

describe('reading time', () => {
	it('is the mean log-seconds; its exponential is the geometric mean (10 s and 40 s → 20 s)', () => {
		const times = Float64Array.from([10_000, 40_000]);
		const computation = readingTimeFom.compute(times, Uint8Array.from([0, 1]));
		expect(geometricMeanSeconds(computation.estimate)).toBeCloseTo(20, 12);
		const [withoutFirst, withoutSecond] = computation.leaveOneOut();
		expect(withoutFirst).toBeCloseTo(Math.log(40), 14);
		expect(withoutSecond).toBeCloseTo(Math.log(10), 14);
	});

	it('refuses non-positive times', () => {
		expect(() => logSeconds(0)).toThrow('positive number of ms');
	});

	it('leaves a missing time (NaN) out of the mean and of every leave-one-out value', () => {
		const times = Float64Array.from([10_000, NaN, 40_000]);
		const computation = readingTimeFom.compute(times, Uint8Array.from([0, 1, 1]));
		expect(geometricMeanSeconds(computation.estimate)).toBeCloseTo(20, 12);
		const [withoutFirst, withoutMissing, withoutThird] = computation.leaveOneOut();
		expect(withoutFirst).toBeCloseTo(Math.log(40), 14);
		expect(withoutMissing).toBeCloseTo(computation.estimate, 14);
		expect(withoutThird).toBeCloseTo(Math.log(10), 14);
		expect(computation.weightedEstimate(Float64Array.from([1, 5, 1]))).toBeCloseTo(
			computation.estimate,
			14
		);
	});

	it('has no estimate without any recorded time', () => {
		expect(() =>
			readingTimeFom.compute(Float64Array.from([NaN, NaN]), Uint8Array.from([0, 1]))
		).toThrow('no reading time recorded');
	});
});

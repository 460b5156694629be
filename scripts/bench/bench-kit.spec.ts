import { describe, expect, it } from 'vitest';
import { comparisonText, figuresTable, median, percentile, spreadText } from './bench-kit';

describe('bench kit', () => {
	it('takes the median of odd and even counts, and nearest-rank percentiles', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		// Nearest rank: p95 of 20 values is the 19th smallest, p50 the 10th.
		const values = Array.from({ length: 20 }, (_, index) => 20 - index);
		expect(percentile(values, 95)).toBe(19);
		expect(percentile(values, 50)).toBe(10);
		expect(percentile([7], 95)).toBe(7);
	});

	it('states the median with the range of the runs', () => {
		expect(spreadText({ runs: [180, 170, 195], unit: 'ms' })).toBe(
			'median 180 ms (170–195 ms, 3 runs)'
		);
		expect(spreadText({ runs: [0.41, 0.45, 0.43], unit: 's' })).toBe(
			'median 0.43 s (0.41–0.45 s, 3 runs)'
		);
		expect(spreadText({ runs: [-4, 1.6, 1.8], unit: '%' })).toBe(
			'median 1.6 % (-4.0 to 1.8 %, 3 runs)'
		);
		expect(spreadText({ runs: [42], unit: 'ms' })).toBe('median 42 ms (1 run)');
	});

	it('compares with the target and the peer the right way round', () => {
		expect(
			comparisonText({
				label: 'x',
				runs: [0.43],
				unit: 's',
				target: { value: 0.5, better: 'lower' },
				peer: { label: 'MRMCaov', value: 96 }
			})
		).toBe('target < 0.50 s: met, 0.86 ×; MRMCaov 96.0 s: 223 × faster');
		expect(
			comparisonText({ label: 'x', runs: [60], unit: 'ms', target: { value: 50, better: 'lower' } })
		).toBe('target < 50 ms: NOT met, 1.20 ×');
		// A rate: more per second is faster.
		expect(
			comparisonText({ label: 'x', runs: [80], unit: '/s', peer: { label: 'before', value: 40 } })
		).toBe('before 40 /s: 2 × faster');
		expect(
			comparisonText({ label: 'x', runs: [-1], unit: '%', target: { value: 5, better: 'lower' } })
		).toBe('target < 5.0 %: met');
	});

	it('tabulates figures as Markdown', () => {
		const table = figuresTable([{ label: 'tandem --help', runs: [150, 160], unit: 'ms' }]);
		expect(table.split('\n')).toEqual([
			'| figure | median (min–max, runs) | target / peer |',
			'|---|---|---|',
			'| tandem --help | median 155 ms (150–160 ms, 2 runs) | — |'
		]);
	});
});

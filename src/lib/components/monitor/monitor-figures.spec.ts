import { describe, expect, it } from 'vitest';
import { cumulativeChart } from './cumulative-chart';
import { progressBarsLayout } from './progress-bars-layout';
import { approxTextWidth } from '$lib/verification-report/figures/text-width';

const SIZE = { width: 560, height: 200 };

/** The points of an SVG path made of M and L commands. */
const points = (path: string) =>
	[...path.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((match) => [
		Number(match[1]),
		Number(match[2])
	]);

describe('the cumulative reads chart', () => {
	it('draws a visible line when every read falls on one day', () => {
		const chart = cumulativeChart([{ day: '2026-12-04', reads: 3, cumulative: 3 }], 48, null, SIZE);
		const drawn = points(chart.path);
		expect(drawn.length).toBeGreaterThanOrEqual(2);
		const xs = drawn.map(([x]) => x!);
		const ys = drawn.map(([, y]) => y!);
		expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(10);
		expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(0);
	});

	it('rises day by day over many days, within the plot', () => {
		const timeline = [
			{ day: '2026-11-01', reads: 10, cumulative: 10 },
			{ day: '2026-11-02', reads: 5, cumulative: 15 },
			{ day: '2026-11-20', reads: 33, cumulative: 48 }
		];
		const chart = cumulativeChart(timeline, 48, null, SIZE);
		const drawn = points(chart.path);
		expect(drawn.length).toBe(4);
		for (let index = 1; index < drawn.length; index++) {
			expect(drawn[index]![0]).toBeGreaterThan(drawn[index - 1]![0]!);
			expect(drawn[index]![1]).toBeLessThan(drawn[index - 1]![1]!);
		}
		for (const [x, y] of drawn) {
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThanOrEqual(SIZE.width);
			expect(y).toBeGreaterThanOrEqual(0);
			expect(y).toBeLessThanOrEqual(SIZE.height);
		}
		expect(chart.firstDay).toBe('2026-11-01');
		expect(chart.lastDay).toBe('2026-11-20');
	});

	it('draws nothing when nothing was read, and places a projected end inside the plot', () => {
		expect(cumulativeChart([], 48, null, SIZE).path).toBe('');
		const chart = cumulativeChart(
			[{ day: '2026-12-04', reads: 3, cumulative: 3 }],
			48,
			'2026-12-30',
			SIZE
		);
		expect(chart.projectedX).not.toBeNull();
		expect(chart.projectedX!).toBeLessThanOrEqual(SIZE.width);
		expect(chart.projectedX!).toBeGreaterThan(Math.max(...points(chart.path).map(([x]) => x!)));
	});
});

describe('the progress bars', () => {
	it('leave room for every whole label and value, in English and in Chinese', () => {
		const rows = [
			{ label: 'P1 Reader with AI', done: 3, total: 1440 },
			{ label: '周期2 仅阅片者（无 AI 辅助）', done: 1440, total: 1440 }
		];
		const layout = progressBarsLayout(rows, 12);
		for (const row of rows) {
			expect(layout.labelWidth).toBeGreaterThan(approxTextWidth(row.label, 12));
			const valueEnd =
				layout.labelWidth +
				layout.scale(row.total) +
				6 +
				approxTextWidth(`${row.done}/${row.total}`, 12);
			expect(valueEnd).toBeLessThanOrEqual(layout.width);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { createRandom } from '../../stats/random';
import {
	readingTimeDistribution,
	readingTimeSummary,
	type ReadingTimeDistributionInput
} from './reading-time-distribution';
import { allText, byClass, parseXml, pathPoints, type XmlElement } from './xml.fixture';

// 10·2^k seconds for k = 0, 1, 2, 3 and 1000 s (k ≈ 6.64). On the log scale (in units of log 2,
// from 10 s) the sorted values are 0, 1, 2, 3, 6.64; type-7 quartiles at h = 1, 2, 3 are exactly
// 20, 40 and 80 s. IQR = 2 units, so the fences are 1 − 3 = −2 (2.5 s) and 3 + 3 = 6 (640 s):
// 1000 s is an outlier and the whiskers end at 10 s and 80 s.
// Geometric mean (10·20·40·80·1000)^(1/5) = (6.4·10^8)^(1/5) ≈ 57.7 s.
const fiveReads = [80, 10, 1000, 40, 20];

function plotExtent(root: XmlElement): [number, number] {
	const axis = byClass(root, 'x-axis')[0]!.children[0]!;
	return [Number(axis.attributes.x1), Number(axis.attributes.x2)];
}

describe('readingTimeSummary', () => {
	it('gives quartiles, whiskers, outliers and geometric mean of log time (hand computation)', () => {
		const summary = readingTimeSummary(fiveReads);
		expect(summary.count).toBe(5);
		expect(summary.lowerQuartile).toBeCloseTo(20, 10);
		expect(summary.median).toBeCloseTo(40, 10);
		expect(summary.upperQuartile).toBeCloseTo(80, 10);
		expect(summary.lowerWhisker).toBeCloseTo(10, 10);
		expect(summary.upperWhisker).toBeCloseTo(80, 10);
		expect(summary.outliers.map((value) => Math.round(value * 1e9) / 1e9)).toEqual([1000]);
		expect(summary.geometricMean).toBeCloseTo(6.4e8 ** 0.2, 10);
	});

	it('takes the median of an even count as the geometric mean of the middle two (10 and 40 → 20)', () => {
		expect(readingTimeSummary(Float64Array.from([10, 40])).median).toBeCloseTo(20, 10);
	});

	it('refuses no times and non-positive or non-finite times', () => {
		expect(() => readingTimeSummary([])).toThrow('at least one');
		expect(() => readingTimeSummary([3, 0])).toThrow('positive');
		expect(() => readingTimeSummary([3, Number.POSITIVE_INFINITY])).toThrow('positive');
	});
});

describe('readingTimeDistribution', () => {
	const input: ReadingTimeDistributionInput = {
		title: 'Reading time',
		arms: [
			{ label: 'Unaided', seconds: fiveReads },
			{ label: 'Aided', seconds: [12, 15, 30, 35, 50, 60] }
		]
	};

	it('is well-formed XML with title and a description giving each arm’s numbers', () => {
		const root = parseXml(readingTimeDistribution(input));
		expect(root.children[0]).toMatchObject({ name: 'title', text: 'Reading time' });
		expect(root.children[1]!.text).toContain(
			'Unaided: 5 reads, median 40.0 s (quartiles 20.0 to 80.0 s), geometric mean 57.7 s, 1 outlier'
		);
		expect(
			byClass(root, 'arm-stat')
				.map((element) => element.text)
				.slice(0, 3)
		).toEqual(['n = 5', 'median 40.0 s', 'geometric mean 57.7 s']);
	});

	it('draws the box on a log axis: 10–1000 s over 360 px', () => {
		// So 20, 40 and 80 s sit at log10(2, 4, 8)/2 of the width.
		const root = parseXml(readingTimeDistribution(input));
		const [left, right] = plotExtent(root);
		expect(right - left).toBe(360);
		expect(byClass(root, 'tick-labels')[0]!.children.map((element) => element.text)).toEqual([
			'10',
			'20',
			'50',
			'100',
			'200',
			'500',
			'1000'
		]);
		const at = (seconds: number) => left + (360 * Math.log10(seconds / 10)) / 2;
		const [box] = byClass(root, 'box');
		expect(Number(box!.attributes.x)).toBeCloseTo(at(20), 1);
		expect(Number(box!.attributes.x) + Number(box!.attributes.width)).toBeCloseTo(at(80), 1);
		expect(Number(byClass(root, 'median')[0]!.attributes.x1)).toBeCloseTo(at(40), 1);
		const [outlier] = byClass(root, 'outlier');
		expect(Number(outlier!.attributes.cx)).toBeCloseTo(right, 1);
		const caps = byClass(root, 'whisker-cap')
			.slice(0, 2)
			.map((element) => Number(element.attributes.x1));
		expect(caps[0]).toBeCloseTo(left, 1);
		expect(caps[1]).toBeCloseTo(at(80), 1);
		const diamond = pathPoints(byClass(root, 'geometric-mean')[0]!.attributes.points!);
		expect(diamond[0]![0]).toBeCloseTo(at(6.4e8 ** 0.2), 1);
	});

	it('scales histogram bars to the largest share: the fullest bin is 50 px tall', () => {
		// Both arms in one 3-bin histogram over [10, 1000] s, edges 10, 46.4, 215.4, 1000 s.
		// Unaided: 10, 20, 40 | 80 | 1000 → shares 3/5, 1/5, 1/5. Aided: 12, 15, 30, 35 | 50, 60 →
		// shares 4/6, 2/6. The largest share, 4/6, gets 50 px; 3/5 gets 50·0.6/(2/3) = 45 px.
		const root = parseXml(readingTimeDistribution({ ...input, bins: 3 }));
		const heights = byClass(root, 'histogram').map((path) =>
			[...path.attributes.d!.matchAll(/M[\d.]+,([\d.]+) V([\d.]+)/g)].map(
				(bar) => Math.round((Number(bar[1]) - Number(bar[2])) * 100) / 100
			)
		);
		expect(heights).toEqual([
			[45, 15, 15],
			[50, 25]
		]);
	});

	it('shows "no reads" for an empty arm and still draws the others', () => {
		const root = parseXml(
			readingTimeDistribution({
				arms: [
					{ label: 'Aided', seconds: [] },
					{ label: 'Unaided', seconds: fiveReads }
				]
			})
		);
		expect(allText(root)).toContain('no reads');
		expect(byClass(root, 'box')).toHaveLength(1);
	});

	it('escapes arm labels', () => {
		const label = `AI <v2> & "beta" 'x'`;
		const svg = readingTimeDistribution({ arms: [{ label, seconds: [5, 6, 7] }] });
		expect(svg).toContain('AI &lt;v2&gt; &amp; &quot;beta&quot; &apos;x&apos;');
		expect(byClass(parseXml(svg), 'arm-label')[0]!.text).toBe(label);
	});

	it('is deterministic, also for a large seeded sample', () => {
		const random = createRandom(7);
		const seconds = Float64Array.from({ length: 2000 }, () =>
			Math.exp(3.5 + 0.6 * random.nextNormal())
		);
		const big = {
			arms: [
				{ label: 'A', seconds },
				{ label: 'B', seconds: seconds.map((value) => value * 0.8) }
			]
		};
		const svg = readingTimeDistribution(big);
		expect(readingTimeDistribution(big)).toBe(svg);
		expect(() => parseXml(svg)).not.toThrow();
	});

	it('refuses no arms, bad times and bad bin counts', () => {
		expect(() => readingTimeDistribution({ arms: [] })).toThrow('at least one arm');
		expect(() => readingTimeDistribution({ arms: [{ label: 'A', seconds: [1, -2] }] })).toThrow(
			'arm "A", read 1'
		);
		expect(() => readingTimeDistribution({ ...input, bins: 0 })).toThrow('bins');
	});
});

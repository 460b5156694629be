import { describe, expect, it } from 'vitest';
import { interpolatedPrecision, precisionRecallCurve } from './precision-recall-curve';
import { allText, byClass, parseXml, pathPoints } from './xml.fixture';

const px = (recall: number, precision: number): [number, number] => [
	Math.round((64 + 320 * recall) * 100) / 100,
	Math.round((336 - 320 * precision) * 100) / 100
];

// The hand-worked AI of standalone-analysis.spec: 0.9 TP, 0.8 FP, 0.7 TP, 0.6 FP, 0.5 TP over 4
// lesions; AP = ¼·1 + ¼·⅔ + ¼·0.6 = 17/30.
const points = [
	{ recall: 0.25, precision: 1 },
	{ recall: 0.25, precision: 0.5 },
	{ recall: 0.5, precision: 2 / 3 },
	{ recall: 0.5, precision: 0.5 },
	{ recall: 0.75, precision: 0.6 }
];

describe('precisionRecallCurve', () => {
	it('the interpolated precision is a step line from recall 0 whose area is the AP', () => {
		const steps = interpolatedPrecision(points);
		expect(steps.map((p) => [p.recall, p.precision])).toEqual([
			[0, 1],
			[0.25, 1],
			[0.25, 2 / 3],
			[0.5, 2 / 3],
			[0.5, 0.6],
			[0.75, 0.6]
		]);
		let area = 0;
		for (let i = 1; i < steps.length; i++)
			area += (steps[i]!.recall - steps[i - 1]!.recall) * steps[i]!.precision;
		expect(area).toBeCloseTo(17 / 30, 15);
	});

	it('steps once per recall: no drop where false positives follow the last lesion found', () => {
		// Recall 0 at precision 0 (an NL first), then 0.5 at 0.5, then two NLs at recall 0.5.
		const tail = [
			{ recall: 0, precision: 0 },
			{ recall: 0.5, precision: 0.5 },
			{ recall: 0.5, precision: 1 / 3 },
			{ recall: 0.5, precision: 0.25 }
		];
		expect(interpolatedPrecision(tail).map((p) => [p.recall, p.precision])).toEqual([
			[0, 0.5],
			[0.5, 0.5]
		]);
	});

	const svg = precisionRecallCurve({
		overall: { points, averagePrecision: { estimate: 17 / 30, lower: 0.31, upper: 0.82 } },
		types: [
			{
				type: 'mass',
				points: [
					{ recall: 0.5, precision: 1 },
					{ recall: 1, precision: 2 / 3 }
				],
				averagePrecision: { estimate: 5 / 6 }
			}
		]
	});
	const root = parseXml(svg);

	it('plots the raw points and the steps of each series', () => {
		const raw = byClass(root, 'pr-raw').map((element) => pathPoints(element.attributes.d!));
		expect(raw[0]).toEqual(points.map((p) => px(p.recall, p.precision)));
		const steps = byClass(root, 'pr-interpolated').map((element) =>
			pathPoints(element.attributes.d!)
		);
		expect(steps[0]).toEqual(interpolatedPrecision(points).map((p) => px(p.recall, p.precision)));
		expect(steps[1]).toEqual([px(0, 1), px(0.5, 1), px(0.5, 2 / 3), px(1, 2 / 3)]);
	});

	it('has an accessible title and gives each AP, with its interval when known', () => {
		expect(root.children[0]).toMatchObject({
			name: 'title',
			text: 'Precision–recall curve of the AI'
		});
		expect(root.children[1]!.text).toContain('all-point interpolated AP of PASCAL VOC');
		const text = allText(root);
		expect(text).toContain('All lesions — AP 0.567 (95% CI 0.310–0.820)');
		expect(text).toContain('mass — AP 0.833');
	});

	it('refuses a point outside the unit square', () => {
		expect(() =>
			precisionRecallCurve({
				overall: { points: [{ recall: 1.2, precision: 0.5 }], averagePrecision: { estimate: 0 } }
			})
		).toThrow(/point 1 must lie in \[0, 1\]²/);
	});
});

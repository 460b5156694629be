import { describe, expect, it } from 'vitest';
import { frocCurves, wafrocCurves } from './lesion-curves';
import { allText, byClass, parseXml, pathPoints } from './xml.fixture';

// The plot spans (64, 16)–(384, 336): x = 64 + 320·x / xEnd, y = 336 − 320·y.
const px = (x: number, y: number, xEnd = 1): [number, number] => [
	Math.round((64 + (320 * x) / xEnd) * 100) / 100,
	Math.round((336 - 320 * y) * 100) / 100
];

// Two readers' FROC curves: R1 rises at NLF 0 to 0.4 then to (1, 0.6); R2 reaches (0.5, 0.8) and
// (2, 1). Their vertical average, up to NLF 1 (R1's end): (0, 0), (0, 0.2), (0.5, 0.65),
// (1, (0.6 + 0.8 + 0.2/3) / 2).
const r1 = [
	{ x: 0, y: 0 },
	{ x: 0, y: 0.4 },
	{ x: 1, y: 0.6 }
];
const r2 = [
	{ x: 0, y: 0 },
	{ x: 0.5, y: 0.8 },
	{ x: 2, y: 1 }
];
const aiFroc = [
	{ x: 0, y: 0 },
	{ x: 0.25, y: 0.5 },
	{ x: 2.3, y: 0.9 }
];

describe('frocCurves', () => {
	const svg = frocCurves({
		title: 'FROC, pilot',
		arms: [
			{
				label: 'Unaided',
				readers: [
					{ reader: 'R1', points: r1 },
					{ reader: 'R2', points: r2 }
				]
			}
		],
		ai: { label: 'Model v2', points: aiFroc }
	});
	const root = parseXml(svg);

	it('has the accessible title and a description naming the arms, the method and the AI', () => {
		expect(root.children[0]).toMatchObject({ name: 'title', text: 'FROC, pilot' });
		expect(root.children[1]!.text).toContain('Empirical FROC curves');
		expect(root.children[1]!.text).toContain('Unaided: 2 readers');
		expect(root.children[1]!.text).toContain('standalone FROC curve of Model v2');
	});

	it('scales NLF to a 1–2–5 tick above the largest (2.3 → 2.5) and plots every point there', () => {
		const ticks = byClass(root, 'tick-labels')[0]!.children.map((child) => child.text);
		expect(ticks.slice(0, 6)).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0', '2.5']);
		const readers = byClass(root, 'reader-curve').map((element) =>
			pathPoints(element.attributes.d!)
		);
		expect(readers).toEqual([r1.map((p) => px(p.x, p.y, 2.5)), r2.map((p) => px(p.x, p.y, 2.5))]);
		expect(pathPoints(byClass(root, 'ai-curve')[0]!.attributes.d!)).toEqual(
			aiFroc.map((p) => px(p.x, p.y, 2.5))
		);
		expect(byClass(root, 'ai-curve')[0]!.attributes.stroke).toBe('#000');
	});

	it('draws the reader average, vertical and stopping at the shortest reader', () => {
		const average = pathPoints(byClass(root, 'average-curve')[0]!.attributes.d!);
		expect(average).toEqual([
			px(0, 0, 2.5),
			px(0, 0.2, 2.5),
			px(0.5, 0.65, 2.5),
			px(1, (0.6 + 0.8 + 0.2 / 3) / 2, 2.5)
		]);
	});

	it('names each arm and the AI in the legend', () => {
		const text = allText(root);
		expect(text).toContain('Unaided — reader average (2 readers)');
		expect(text).toContain('Model v2 — standalone');
	});

	it('refuses a curve that does not start at (0, 0)', () => {
		expect(() =>
			frocCurves({
				arms: [{ label: 'A', readers: [{ reader: 'R9', points: [{ x: 0.1, y: 0 }] }] }]
			})
		).toThrow(/reader "R9" in arm "A" must start at \(0, 0\)/);
	});
});

describe('wafrocCurves', () => {
	// Trapezoidal areas: a = (0.5 + 1)/2 = 0.75; b = 0.5·0.5/2 + 0.5·(0.5 + 1)/2 = 0.5.
	const a = [
		{ x: 0, y: 0 },
		{ x: 0, y: 0.5 },
		{ x: 1, y: 1 }
	];
	const b = [
		{ x: 0, y: 0 },
		{ x: 0.5, y: 0.5 },
		{ x: 1, y: 1 }
	];
	const svg = wafrocCurves({
		arms: [
			{ label: 'Unaided', readers: [{ reader: 'R1', points: b }] },
			{
				label: 'Aided',
				readers: [
					{ reader: 'R1', points: a },
					{ reader: 'R2', points: b }
				]
			}
		],
		ai: { label: 'AI', points: a }
	});
	const root = parseXml(svg);

	it('has its default title, and the areas (mean wAFROC) in the legend and tooltips', () => {
		expect(root.children[0]!.text).toBe('wAFROC curves by arm');
		const text = allText(root);
		expect(text).toContain('Unaided — reader-averaged wAFROC 0.500 (1 reader)');
		expect(text).toContain('Aided — reader-averaged wAFROC 0.625 (2 readers)');
		expect(text).toContain('AI — standalone wAFROC 0.750');
		expect(text).toContain('R1, Aided: wAFROC 0.750');
	});

	it('plots the unit square and the second arm’s average at (0, 0.25), (0.5, 0.625), (1, 1)', () => {
		const averages = byClass(root, 'average-curve').map((element) =>
			pathPoints(element.attributes.d!)
		);
		expect(averages[0]).toEqual(b.map((p) => px(p.x, p.y)));
		expect(averages[1]).toEqual([px(0, 0), px(0, 0.25), px(0.5, 0.625), px(1, 1)]);
		expect(byClass(root, 'average-curve')[1]!.attributes['stroke-dasharray']).toBe('7 4');
	});

	it('puts five markers on each average, on the curve (arm 1 at FPF 0.05: wLLF 0.05)', () => {
		const markers = byClass(root, 'average-marker');
		expect(markers).toHaveLength(10);
		expect([Number(markers[0]!.attributes.cx), Number(markers[0]!.attributes.cy)]).toEqual(
			px(0.05, 0.05)
		);
	});

	it('refuses a wAFROC curve that does not end at (1, 1)', () => {
		expect(() =>
			wafrocCurves({
				arms: [{ label: 'A', readers: [{ reader: 'R1', points: [{ x: 0, y: 0 }] }] }]
			})
		).toThrow(/must end at \(1, 1\)/);
	});
});

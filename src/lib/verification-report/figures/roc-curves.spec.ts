import { describe, expect, it } from 'vitest';
import { empiricalRocPoints } from './empirical-roc';
import { rocCurves, rocPixel, type RocCurvesInput } from './roc-curves';
import { allText, byClass, parseXml, pathPoints } from './xml.fixture';

// The unit square is drawn from (64, 16) to (384, 336): x = 64 + 320·FPR, y = 336 − 320·TPR.
const oneStep = [
	{ fpr: 0, tpr: 0 },
	{ fpr: 0.25, tpr: 0.5 },
	{ fpr: 1, tpr: 1 }
];

// Reader A: the hand example of empirical-roc.spec (AUC 19/24); reader B separates perfectly (AUC 1).
const truth = [1, 1, 1, 0, 0, 0, 0];
const readerA = empiricalRocPoints([3, 5, 2, 1, 3, 2, 2], truth);
const readerB = empiricalRocPoints([9, 8, 7, 1, 3, 2, 2], truth);
const readerC = empiricalRocPoints([4, 4, 2, 4, 1, 1, 1], truth);

const study: RocCurvesInput = {
	title: 'ROC curves, pilot',
	arms: [
		{
			label: 'Unaided',
			readers: [
				{ reader: 'R1', points: readerA, operatingPoint: { fpr: 0.25, tpr: 0.5 } },
				{ reader: 'R2', points: readerB, operatingPoint: { fpr: 0, tpr: 1 } }
			]
		},
		{ label: 'Aided', readers: [{ reader: 'R1', points: readerC }] }
	]
};

describe('rocCurves', () => {
	it('is well-formed XML with size, viewBox, title and description', () => {
		const root = parseXml(rocCurves(study));
		expect(root.name).toBe('svg');
		expect(root.attributes.viewBox).toBe(`0 0 ${root.attributes.width} ${root.attributes.height}`);
		expect(root.children[0]).toMatchObject({ name: 'title', text: 'ROC curves, pilot' });
		expect(root.children[1]!.name).toBe('desc');
		expect(root.children[1]!.text).toContain('vertical averaging');
		expect(root.children[1]!.text).toContain('Unaided: 2 readers, reader-averaged AUC 0.896');
	});

	it('maps (FPR 0.25, TPR 0.5) to pixel (144, 176), the corners to the plot corners', () => {
		expect([rocPixel.x(0.25), rocPixel.y(0.5)]).toEqual([144, 176]);
		const root = parseXml(
			rocCurves({
				arms: [
					{
						label: 'Only',
						readers: [{ reader: 'R', points: oneStep, operatingPoint: { fpr: 0.25, tpr: 0.5 } }]
					}
				]
			})
		);
		const [curve] = byClass(root, 'reader-curve');
		expect(curve!.attributes.d).toBe('M64,336 L144,176 L384,16');
		const [point] = byClass(root, 'operating-point');
		expect(point).toMatchObject({ name: 'circle', attributes: { cx: '144', cy: '176' } });
		const [chance] = byClass(root, 'chance-line');
		expect(chance!.attributes).toMatchObject({ x1: '64', y1: '336', x2: '384', y2: '16' });
	});

	it('draws the bold curve as the vertical average of the readers', () => {
		// Readers A (0,0) (0,⅓) (¼,⅔) (¾,1) (1,1) and B (0,0) (0,⅓) (0,⅔) (0,1) (1/4,1) … (1,1):
		// at FPR 0 the mean rises from 0 to (⅓ + 1)/2 = ⅔; at ¼ it is (⅔ + 1)/2 = ⅚.
		const root = parseXml(rocCurves(study));
		const [unaided] = byClass(root, 'average-curve');
		const pixels = pathPoints(unaided!.attributes.d!);
		expect(pixels[0]).toEqual([64, 336]);
		expect(pixels[1]).toEqual([64, Math.round((336 - 320 * (2 / 3)) * 100) / 100]);
		expect(pixels).toContainEqual([144, Math.round((336 - 320 * (5 / 6)) * 100) / 100]);
		expect(pixels[pixels.length - 1]).toEqual([384, 16]);
		expect(unaided!.attributes['stroke-width']).toBe('2.5');
		expect(byClass(root, 'reader-curve').map((curve) => curve.attributes['stroke-width'])).toEqual([
			'1',
			'1',
			'1'
		]);
	});

	it('gives each arm its reader-averaged AUC in the legend: 0.896 and 0.833', () => {
		// Unaided: (19/24 + 1)/2 = 0.896; Aided: 10/12 = 0.833 for its single reader.
		// Reader C rates diseased 4, 4, 2 and non-diseased 4, 1, 1, 1: each diseased 4 beats the three
		// 1s and ties the 4 → 3.5; the 2 beats the three 1s → 3; (3.5 + 3.5 + 3)/12 = 10/12.
		const legend = byClass(parseXml(rocCurves(study)), 'legend-arm').map((element) => element.text);
		expect(legend).toEqual([
			'Unaided — reader-averaged AUC 0.896 (2 readers)',
			'Aided — reader-averaged AUC 0.833 (1 reader)'
		]);
	});

	it('tells arms apart without colour: dash pattern and marker shape differ', () => {
		const root = parseXml(rocCurves(study));
		const [first, second] = byClass(root, 'average-curve');
		expect(first!.attributes['stroke-dasharray']).toBeUndefined();
		expect(second!.attributes['stroke-dasharray']).toBe('7 4');
		const markers = byClass(root, 'average-marker').map((element) => element.name);
		expect(markers).toEqual([
			'circle',
			'circle',
			'circle',
			'circle',
			'circle',
			'rect',
			'rect',
			'rect',
			'rect',
			'rect'
		]);
	});

	it('escapes labels with <, &, and quotes', () => {
		const label = `<Aided> & "AI" 'v2'`;
		const svg = rocCurves({
			arms: [{ label, readers: [{ reader: `R<1>&`, points: oneStep }] }],
			title: 'A & B <test>'
		});
		expect(svg).not.toContain('<Aided>');
		expect(svg).toContain('&lt;Aided&gt; &amp; &quot;AI&quot; &apos;v2&apos;');
		const root = parseXml(svg);
		expect(allText(root)).toContain(`${label} — reader-averaged AUC 0.625 (1 reader)`);
		expect(root.children[0]!.text).toBe('A & B <test>');
		expect(byClass(root, 'reader-curve')[0]!.children[0]!.text).toBe(`R<1>&, ${label}: AUC 0.625`);
	});

	it('is deterministic: the same input gives byte-identical SVG', () => {
		const copy = structuredClone(study);
		expect(rocCurves(study)).toBe(rocCurves(study));
		expect(rocCurves(copy)).toBe(rocCurves(study));
	});

	it('leaves out the operating-point layer and note when no reader has one', () => {
		const svg = rocCurves({ arms: [{ label: 'A', readers: [{ reader: 'R', points: oneStep }] }] });
		expect(byClass(parseXml(svg), 'operating-point')).toHaveLength(0);
		expect(svg).not.toContain('operating points');
	});

	it('refuses no arms, an arm without readers, an incomplete curve and an operating point off the square', () => {
		expect(() => rocCurves({ arms: [] })).toThrow('at least one arm');
		expect(() => rocCurves({ arms: [{ label: 'A', readers: [] }] })).toThrow(
			'arm "A" has no readers'
		);
		expect(() =>
			rocCurves({ arms: [{ label: 'A', readers: [{ reader: 'R', points: oneStep.slice(0, 2) }] }] })
		).toThrow('end at (1, 1)');
		expect(() =>
			rocCurves({
				arms: [
					{
						label: 'A',
						readers: [{ reader: 'R', points: oneStep, operatingPoint: { fpr: 1.2, tpr: 0 } }]
					}
				]
			})
		).toThrow('[0, 1]²');
	});
});

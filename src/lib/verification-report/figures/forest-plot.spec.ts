import { describe, expect, it } from 'vitest';
import { forestPlot, formatEstimateCi, type ForestPlotInput } from './forest-plot';
import { allText, byClass, parseXml, pathPoints, type XmlElement } from './xml.fixture';

// The label column is as wide as the longest label, so the plot's left edge is read off the
// x-axis line; the plot is 280 px wide (or plotWidth).
function plotExtent(root: XmlElement): [number, number] {
	const axis = byClass(root, 'x-axis')[0]!.children[0]!;
	return [Number(axis.attributes.x1), Number(axis.attributes.x2)];
}

const readers: ForestPlotInput = {
	title: 'Per-reader differences',
	xLabel: 'Difference in AUC (aided − unaided)',
	labelHeading: 'Reader',
	margin: 0.05,
	rows: [
		{ label: 'R1', estimate: 0.031, ciLower: -0.012, ciUpper: 0.074 },
		{ label: 'R2', estimate: -0.02, ciLower: -0.06, ciUpper: 0.02 },
		{ label: 'R3', estimate: 0.05, ciLower: 0.01, ciUpper: 0.09, note: 'n = 48' }
	],
	overall: { label: 'All readers', estimate: 0.02, ciLower: -0.01, ciUpper: 0.05 },
	favours: { left: 'favours unaided', right: 'favours aided' }
};

const xOf = (element: { attributes: Record<string, string> } | undefined, name = 'x1') =>
	Number(element?.attributes[name]);

describe('formatEstimateCi', () => {
	it('prints estimate and interval with fixed decimals and U+2212 minus signs', () => {
		expect(formatEstimateCi(0.0314, -0.0123, 0.0741, 3)).toBe('0.031 (\u22120.012, 0.074)');
		expect(formatEstimateCi(-0.2, -0.35, -0.05, 2)).toBe('\u22120.20 (\u22120.35, \u22120.05)');
		expect(formatEstimateCi(Number.NaN, 0, 1, 3)).toBe('not estimable');
	});
});

describe('forestPlot', () => {
	it('is well-formed XML with title, description and the numbers at right', () => {
		const root = parseXml(forestPlot(readers));
		expect(root.children[0]).toMatchObject({ name: 'title', text: 'Per-reader differences' });
		expect(root.children[1]!.text).toContain('R2: \u22120.020 (\u22120.060, 0.020)');
		expect(root.children[1]!.text).toContain('non-inferiority margin −δ = \u22120.050');
		expect(byClass(root, 'row-numbers').map((element) => element.text)).toEqual([
			'0.031 (\u22120.012, 0.074)',
			'\u22120.020 (\u22120.060, 0.020)',
			'0.050 (0.010, 0.090)',
			'0.020 (\u22120.010, 0.050)'
		]);
		expect(byClass(root, 'row-note').map((element) => element.text)).toEqual(['n = 48']);
	});

	it('fits the default axis to all intervals, 0 and −δ: [−0.06, 0.09] ± 4 % → ticks −0.10 … 0.10 by 0.05', () => {
		const root = parseXml(forestPlot(readers));
		const [plotLeft, plotRight] = plotExtent(root);
		expect(plotRight - plotLeft).toBe(280);
		const labels = byClass(root, 'tick-labels')[0]!.children.map((element) => element.text);
		// About one tick per 60 px: 4 intervals over [−0.066, 0.096] → step 0.162/4 ≈ 0.04 → 0.05.
		expect(labels).toEqual(['\u22120.10', '\u22120.05', '0.00', '0.05', '0.10']);
		// Axis [−0.10, 0.10] over 280 px: 0 at left + 140, −δ = −0.05 at left + 70 (to 0.01 px).
		expect(xOf(byClass(root, 'zero-line')[0])).toBeCloseTo(plotLeft + 140, 1);
		expect(xOf(byClass(root, 'margin-line')[0])).toBeCloseTo(plotLeft + 70, 1);
		// R1's square is centred on 0.031: left + 280·0.131/0.2 = left + 183.4.
		const [square] = byClass(root, 'estimate-marker');
		expect(xOf(square, 'x') + 3.5).toBeCloseTo(plotLeft + 183.4, 1);
	});

	it('puts the dashed margin line at −δ on a fixed axis and labels it', () => {
		const root = parseXml(forestPlot({ ...readers, xDomain: [-0.1, 0.1], plotWidth: 200 }));
		const [plotLeft] = plotExtent(root);
		const [marginLine] = byClass(root, 'margin-line');
		expect(marginLine!.attributes['stroke-dasharray']).toBe('5 3');
		expect([xOf(marginLine, 'x1'), xOf(marginLine, 'x2')]).toEqual([plotLeft + 50, plotLeft + 50]); // 200·0.05/0.2
		expect(xOf(byClass(root, 'zero-line')[0])).toBe(plotLeft + 100);
		expect(byClass(root, 'margin-label')[0]!.text).toBe('non-inferiority margin −δ = \u22120.050');
		// Overall 0.020 (−0.010, 0.050) as a diamond: left + 200·(0.09, 0.12, 0.15)/0.2 = left + 90, 120, 150.
		const [diamond] = byClass(root, 'overall-diamond');
		const xs = pathPoints(diamond!.attributes.points!).map(([x]) => x - plotLeft);
		expect(xs).toEqual([90, 120, 150, 120]);
		const ticks = byClass(root, 'tick-labels')[0]!.children.map((element) => element.text);
		expect(ticks).toEqual(['\u22120.10', '\u22120.05', '0.00', '0.05', '0.10']);
	});

	it('draws no margin line or label without a margin', () => {
		const svg = forestPlot({ ...readers, margin: undefined });
		expect(byClass(parseXml(svg), 'margin-line')).toHaveLength(0);
		expect(svg).not.toContain('non-inferiority');
	});

	it('cuts an interval at a fixed axis edge and marks the cut with an arrow', () => {
		const root = parseXml(
			forestPlot({
				xLabel: 'Δ',
				xDomain: [-0.1, 0.1],
				plotWidth: 200,
				rows: [{ label: 'wide', estimate: 0.05, ciLower: -0.02, ciUpper: 0.3 }]
			})
		);
		// Labels this short get the 60 px minimum column: the plot starts at 12 + 60 + 16 = 88 px.
		expect(plotExtent(root)).toEqual([88, 288]);
		const [line] = byClass(root, 'ci-line');
		expect([xOf(line, 'x1'), xOf(line, 'x2')]).toEqual([168, 288]); // 88 + 200·0.08/0.2, the plot's right edge
		expect(byClass(root, 'cut-arrow')).toHaveLength(1);
	});

	it('prints a group heading once per run of rows and indents the rows under it', () => {
		const root = parseXml(
			forestPlot({
				xLabel: 'Difference in sensitivity',
				rows: [
					{ label: 'Mass', group: 'Lesion type', estimate: 0.04, ciLower: 0.0, ciUpper: 0.08 },
					{
						label: 'Calcification',
						group: 'Lesion type',
						estimate: 0.02,
						ciLower: -0.03,
						ciUpper: 0.07
					},
					{ label: 'Dense', group: 'Breast density', estimate: 0.06, ciLower: 0.01, ciUpper: 0.11 }
				]
			})
		);
		expect(byClass(root, 'group-heading').map((element) => element.text)).toEqual([
			'Lesion type',
			'Breast density'
		]);
		expect(byClass(root, 'row-label').map((element) => element.attributes.x)).toEqual([
			'24',
			'24',
			'24'
		]);
		// Slots: heading, Mass, Calcification, heading, Dense → Dense's row is the fifth, y = 28 + 22·4.5 + 4.
		expect(byClass(root, 'row-label')[2]!.attributes.y).toBe(String(28 + 22 * 4.5 + 4));
	});

	it('says "not estimable" and draws nothing for a row without finite numbers', () => {
		const root = parseXml(
			forestPlot({
				xLabel: 'Δ',
				rows: [
					{ label: 'few cases', estimate: Number.NaN, ciLower: Number.NaN, ciUpper: Number.NaN },
					{ label: 'ok', estimate: 0.1, ciLower: 0, ciUpper: 0.2 }
				]
			})
		);
		expect(byClass(root, 'row-numbers').map((element) => element.text)).toEqual([
			'not estimable',
			'0.100 (0.000, 0.200)'
		]);
		expect(byClass(root, 'ci-line')).toHaveLength(1);
	});

	it('escapes labels, notes, headings and the axis label', () => {
		const nasty = `<Site "A"> & 'B'`;
		const svg = forestPlot({
			xLabel: `AUC <aided> & "unaided"`,
			labelHeading: nasty,
			title: nasty,
			rows: [{ label: nasty, group: nasty, note: nasty, estimate: 0, ciLower: -1, ciUpper: 1 }]
		});
		expect(svg).not.toMatch(/<Site|<aided>/);
		const root = parseXml(svg);
		expect(allText(root).filter((text) => text === nasty)).toHaveLength(5); // title, heading, group, label, note
		expect(byClass(root, 'axis-label')[0]!.text).toBe(`AUC <aided> & "unaided"`);
	});

	it('is deterministic', () => {
		expect(forestPlot(readers)).toBe(forestPlot(structuredClone(readers)));
	});

	it('refuses no rows, an estimate outside its interval and a non-positive margin', () => {
		expect(() => forestPlot({ xLabel: 'Δ', rows: [] })).toThrow('at least one row');
		expect(() =>
			forestPlot({ xLabel: 'Δ', rows: [{ label: 'bad', estimate: 0.5, ciLower: 0, ciUpper: 0.2 }] })
		).toThrow('row "bad"');
		expect(() => forestPlot({ ...readers, margin: -0.05 })).toThrow('positive');
		expect(() => forestPlot({ ...readers, xDomain: [0.1, -0.1] })).toThrow('xDomain');
	});
});

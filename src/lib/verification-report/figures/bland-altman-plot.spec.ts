import { describe, expect, it } from 'vitest';
import { blandAltman } from '../../stats/agreement/bland-altman';
import { blandAltmanPlot } from './bland-altman-plot';

const texts = {
	title: 'Reader against truth',
	description: 'Differences against means.',
	xLabel: 'Mean (mm)',
	yLabel: 'Reader − truth (mm)',
	bias: 'Bias',
	lower: 'Lower limit',
	upper: 'Upper limit'
};

describe('blandAltmanPlot', () => {
	const result = blandAltman([10, 21, 29, 42, 50], [10, 20, 30, 40, 51]);
	const svg = blandAltmanPlot(result, texts);

	it('draws one marker per pair and the three lines, each labelled with its value', () => {
		expect(svg.match(/<circle /g)).toHaveLength(5);
		expect(svg.match(/class="ci-band"/g)).toHaveLength(3);
		expect(svg).toContain(`Bias ${result.bias.estimate.toFixed(1)}`);
		expect(svg).toContain('stroke-dasharray="6 4"');
		expect(svg).toContain('<title>Reader against truth</title>');
	});

	it('puts every marker inside the plot area', () => {
		for (const match of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
			expect(Number(match[1])).toBeGreaterThanOrEqual(64);
			expect(Number(match[1])).toBeLessThanOrEqual(424);
			expect(Number(match[2])).toBeGreaterThanOrEqual(40);
			expect(Number(match[2])).toBeLessThanOrEqual(280);
		}
	});
});

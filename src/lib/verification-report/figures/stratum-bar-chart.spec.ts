import { describe, expect, it } from 'vitest';
import { stratumBalance } from '../../stats/balance/stratum-balance';
import { balanceLine, stratumBarChart } from './stratum-bar-chart';
import { allText, byClass, parseXml } from './xml.fixture';

describe('stratumBarChart', () => {
	const [stratum] = stratumBalance([
		{
			stratum: 'kernel',
			values: [
				{ value: 'B30f', cases: 6 },
				{ value: '<mixed & "odd">', cases: 3 },
				{ value: 'FC07', cases: 1 }
			]
		}
	]);

	it('draws one bar per value, as long as its share of the largest, with the balance line', () => {
		const svg = stratumBarChart(stratum!, {
			title: 'Kernel',
			balance: balanceLine(stratum!),
			cases: 'cases'
		});
		const root = parseXml(svg);
		const bars = byClass(root, 'bar').map((bar) =>
			Number(bar.children.find((child) => child.name === 'rect')!.attributes.width)
		);
		expect(bars).toEqual([240, 120, 40]);
		const texts = allText(root);
		expect(texts).toContain('Gini 0.500 · Shannon 0.817 (normalised)');
		expect(texts).toContain('<mixed & "odd">');
		expect(texts).toContain('6 cases');
	});

	it('writes a dash for a stratum without cases', () => {
		expect(balanceLine({ gini: null, shannon: null })).toBe('Gini — · Shannon — (normalised)');
	});
});

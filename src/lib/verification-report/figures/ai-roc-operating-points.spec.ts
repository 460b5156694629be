import { describe, expect, it } from 'vitest';
import { aiRocWithOperatingPoints } from './ai-roc-operating-points';

describe('aiRocWithOperatingPoints', () => {
	const svg = aiRocWithOperatingPoints({
		points: [
			{ fpr: 0, tpr: 0 },
			{ fpr: 0.2, tpr: 0.6 },
			{ fpr: 1, tpr: 1 }
		],
		marked: [
			{ fpr: 0.2, tpr: 0.6, label: 'Default threshold' },
			{ fpr: 0.5, tpr: 0.95, label: 'High sensitivity' },
			{ fpr: 0.05, tpr: 0.4, label: 'High specificity' }
		],
		title: 'AI ROC',
		description: 'The AI’s ROC.',
		xLabel: '1 − specificity',
		yLabel: 'Sensitivity'
	});

	it('draws the curve and puts each operating point at (1 − specificity, sensitivity)', () => {
		// The unit square spans x 64–364 and y 336–36: (0.2, 0.6) → (124, 156).
		expect(svg).toContain('d="M64,336 L124,156 L364,36"');
		expect(svg).toContain('<circle cx="124" cy="156"');
		expect(svg).toContain('<rect x="209.5" y="46.5"'); // (0.5, 0.95) → (214, 51)
		expect(svg).toContain('points="79,210 85,216 79,222 73,216"'); // (0.05, 0.4) → (79, 216)
	});

	it('labels each point in the legend', () => {
		for (const label of ['Default threshold', 'High sensitivity', 'High specificity'])
			expect(svg).toContain(`>${label}</text>`);
	});
});

// The lesion-level figures in the page's language: in English exactly the report's figures; in
// Chinese without an English word (figure-of-merit names and abbreviations aside).
import { describe, expect, it } from 'vitest';
import { lesionFigureLabels } from './lesion-figure-labels';
import { LESION_FIGURE_LABELS_EN } from '$lib/verification-report/lesion-report-figures';
import { frocCurves, wafrocCurves } from '$lib/verification-report/figures/lesion-curves';
import { precisionRecallCurve } from '$lib/verification-report/figures/precision-recall-curve';
import { allText, parseXml } from '$lib/verification-report/figures/xml.fixture';

const curve = [
	{ x: 0, y: 0 },
	{ x: 0.2, y: 0.5 },
	{ x: 1, y: 0.8 }
];
/** A wAFROC curve ends at (1, 1). */
const toOne = [...curve, { x: 1, y: 1 }];
const arms = (points: typeof curve) => [
	{
		label: 'A1',
		readers: [
			{ reader: 'R1', points },
			{ reader: 'R2', points }
		]
	},
	{ label: 'A2', readers: [{ reader: 'R3', points }] }
];
const pr = {
	overall: {
		points: [
			{ recall: 0.5, precision: 1 },
			{ recall: 1, precision: 0.5 }
		],
		averagePrecision: { estimate: 0.75, lower: 0.5, upper: 1 }
	},
	types: [
		{
			type: 'mass',
			points: [{ recall: 1, precision: 1 }],
			averagePrecision: { estimate: 1 }
		}
	]
};

const figures = (labels = LESION_FIGURE_LABELS_EN) => [
	frocCurves({ arms: arms(curve), ai: { label: 'Model 1', points: curve }, labels: labels.froc }),
	wafrocCurves({
		arms: arms(toOne),
		ai: { label: 'Model 1', points: toOne },
		labels: labels.wafroc
	}),
	precisionRecallCurve({ ...pr, labels: labels.pr })
];

const ALLOWED = ['FROC', 'wAFROC', 'NLF', 'LLF', 'wLLF', 'FPF', 'PASCAL', 'VOC', 'Model', 'mass'];

describe('lesion figure labels', () => {
	it('in English are the report’s own', () => {
		expect(figures(lesionFigureLabels('en'))).toEqual(figures());
	});

	it('in Chinese leave no English word in any figure', () => {
		for (const svg of figures(lesionFigureLabels('zh-CN'))) {
			const words = allText(parseXml(svg))
				.flatMap((text) => text.match(/[A-Za-z]{3,}/g) ?? [])
				.filter((word) => !ALLOWED.includes(word));
			expect(words).toEqual([]);
		}
		expect(figures(lesionFigureLabels('zh-CN'))[0]).toContain('病灶定位比例（LLF）');
	});
});

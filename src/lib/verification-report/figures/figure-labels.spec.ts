// The figures' words in the Chinese report: every label of every figure, and the figures drawn with
// them on the Van Dyke data (MRMCaov's), say nothing in English (metric abbreviations such as AUC
// and ROC aside), use the specification's terms (灵敏度, 特异度, 非劣效界值), and have every label
// the English ones have (the types require it; this checks the values are not left empty).
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import {
	FIGURE_LABELS_ZH,
	readerForest,
	readingTimeFigure,
	rocFigure,
	subgroupForest
} from '../report-figures';
import {
	ROC_LABELS_EN,
	ROC_LABELS_ZH,
	FOREST_LABELS_EN,
	FOREST_LABELS_ZH,
	READING_TIME_LABELS_EN,
	READING_TIME_LABELS_ZH
} from './figure-labels';
import {
	FROC_LABELS_EN,
	FROC_LABELS_ZH,
	PR_LABELS_EN,
	PR_LABELS_ZH,
	WAFROC_LABELS_EN,
	WAFROC_LABELS_ZH
} from './lesion-figure-labels';
import { englishRuns, visibleHtmlText } from '$fixtures/untranslated-english.fixture';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';

/** Every text a label table gives: its strings, and its functions called with sample values. */
function texts(labels: Record<string, unknown>): string[] {
	return Object.values(labels).map((label) =>
		typeof label === 'function'
			? String((label as (...args: unknown[]) => unknown)('甲', '0.812', '乙', true))
			: String(label)
	);
}

const PAIRS = {
	roc: [ROC_LABELS_EN, ROC_LABELS_ZH],
	forest: [FOREST_LABELS_EN, FOREST_LABELS_ZH],
	readingTime: [READING_TIME_LABELS_EN, READING_TIME_LABELS_ZH],
	froc: [FROC_LABELS_EN, FROC_LABELS_ZH],
	wafroc: [WAFROC_LABELS_EN, WAFROC_LABELS_ZH],
	pr: [PR_LABELS_EN, PR_LABELS_ZH]
} as const;

describe('the figures’ labels in Simplified Chinese', () => {
	it.each(Object.entries(PAIRS))('%s: every label in Chinese, none empty', (_, [en, zh]) => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		for (const text of texts(zh)) {
			expect(text.trim(), text).not.toBe('');
			expect(englishRuns(text, [], 2), text).toEqual([]);
		}
		// The English ones are found by the same check (it works on these labels).
		expect(texts(en).some((text) => englishRuns(text, [], 2).length > 0)).toBe(true);
	});

	it('uses the specification’s terms', () => {
		expect(ROC_LABELS_ZH.yAxis).toBe('灵敏度（真阳性率）');
		expect(ROC_LABELS_ZH.xAxis).toBe('1 − 特异度（假阳性率）');
		expect(FOREST_LABELS_ZH.margin('−0.050')).toBe('非劣效界值 −δ = −0.050');
		expect(FIGURE_LABELS_ZH.metric('sensitivity')).toBe('灵敏度');
		expect(FIGURE_LABELS_ZH.metric('specificity')).toBe('特异度');
		for (const labels of Object.values(PAIRS).map(([, zh]) => zh))
			for (const text of texts(labels)) expect(text).not.toContain('敏感度');
	});

	it('draws the ROC curves, forest plots and reading times with no English in them', () => {
		const analysis = analyzeTrial({
			reads: referenceRows('vandyke.csv').map((row) => ({
				...row,
				decision: row.rating >= 3 ? (1 as const) : (0 as const),
				readingTimeMs: 20_000 + 1_000 * row.rating
			})),
			readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: `site-${reader}` })),
			cases: [],
			arms: { test: '2', reference: '1' },
			endpoints: [
				{
					group: 'primary',
					metric: 'auc',
					hypothesis: 'non-inferiority',
					margin: 0.05,
					alpha: 0.025
				}
			],
			strata: []
		});
		const svgs = [
			rocFigure(analysis, FIGURE_LABELS_ZH),
			readerForest(analysis, true, FIGURE_LABELS_ZH),
			subgroupForest(analysis, 'auc', true, FIGURE_LABELS_ZH),
			readingTimeFigure(analysis, FIGURE_LABELS_ZH)
		].filter((svg): svg is string => svg !== null);
		expect(svgs.length).toBeGreaterThanOrEqual(3);
		for (const svg of svgs) {
			const runs = englishRuns(visibleHtmlText(svg), [], 2);
			expect(runs, JSON.stringify(runs)).toEqual([]);
		}
		expect(svgs[0]).toContain('灵敏度（真阳性率）');
		expect(svgs[1]).toContain('非劣效界值 −δ = −0.050');
	});
});

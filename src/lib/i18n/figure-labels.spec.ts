// The analysis figures' words: in English the messages give exactly the report's figures (so the
// page and the report say the same), and in Chinese no English word is left in them.
import { describe, expect, it } from 'vitest';
import { figureLabels } from './figure-labels';
import { FIGURE_LABELS_EN } from '$lib/verification-report/report-figures';
import { rocCurves, type RocCurvesInput } from '$lib/verification-report/figures/roc-curves';
import { forestPlot, type ForestPlotInput } from '$lib/verification-report/figures/forest-plot';
import {
	readingTimeDistribution,
	type ReadingTimeDistributionInput
} from '$lib/verification-report/figures/reading-time-distribution';
import { empiricalRocPoints } from '$lib/verification-report/figures/empirical-roc';
import { allText, parseXml } from '$lib/verification-report/figures/xml.fixture';

const truth = [1, 1, 1, 0, 0, 0, 0];
const roc = (labels = FIGURE_LABELS_EN): RocCurvesInput => ({
	labels: labels.roc,
	arms: [
		{
			label: 'A1',
			readers: [
				{ reader: 'R1', points: empiricalRocPoints([3, 5, 2, 1, 3, 2, 2], truth) },
				{
					reader: 'R2',
					points: empiricalRocPoints([9, 8, 7, 1, 3, 2, 2], truth),
					operatingPoint: { fpr: 0.25, tpr: 0.5 }
				}
			]
		},
		{
			label: 'B2',
			readers: [{ reader: 'R1', points: empiricalRocPoints([4, 4, 2, 4, 1, 1, 1], truth) }]
		}
	]
});
const forest = (labels = FIGURE_LABELS_EN, rows = 3): ForestPlotInput => ({
	labels: labels.forest,
	xLabel: labels.difference(labels.metric('auc'), 'B2', 'A1'),
	labelHeading: labels.readerHeading,
	margin: 0.05,
	rows: [
		{
			label: 'R1',
			estimate: 0.031,
			ciLower: -0.012,
			ciUpper: 0.074,
			group: labels.stratum('vendor')
		},
		{ label: 'R2', estimate: Number.NaN, ciLower: Number.NaN, ciUpper: Number.NaN },
		{ label: 'R3', estimate: 0.05, ciLower: 0.01, ciUpper: 0.09, note: labels.subgroupNote(2, 6) }
	].slice(0, rows),
	overall: { label: labels.allReaders, estimate: 0.02, ciLower: -0.01, ciUpper: 0.05 },
	favours: { left: labels.favours('A1'), right: labels.favours('B2') }
});
const times = (labels = FIGURE_LABELS_EN, reads = [12, 15, 30, 35, 50, 600]) =>
	({
		labels: labels.readingTime,
		arms: [
			{ label: 'A1', seconds: reads },
			{ label: 'B2', seconds: [] }
		]
	}) satisfies ReadingTimeDistributionInput;

/** Words of three or more Latin letters in a figure's texts (its title and description included). */
function englishWords(svg: string): string[] {
	return allText(parseXml(svg))
		.flatMap((text) => text.match(/[A-Za-z]{3,}/g) ?? [])
		.filter((word) => !['AUC', 'ROC', 'RRRC'].includes(word));
}

describe('figure labels', () => {
	it('in English are the report’s own, singular and plural alike', () => {
		const en = figureLabels('en');
		expect(rocCurves(roc(en))).toBe(rocCurves(roc()));
		expect(forestPlot(forest(en))).toBe(forestPlot(forest()));
		expect(forestPlot(forest(en, 1))).toBe(forestPlot(forest(FIGURE_LABELS_EN, 1)));
		expect(readingTimeDistribution(times(en))).toBe(readingTimeDistribution(times()));
		expect(readingTimeDistribution(times(en, [9]))).toBe(
			readingTimeDistribution(times(FIGURE_LABELS_EN, [9]))
		);
		for (const key of ['rocTitle', 'rocDescription', 'readerForestTitle', 'allSubgroups'] as const)
			expect(en[key]).toBe(FIGURE_LABELS_EN[key]);
		expect(en.subgroupTitle(en.metric('sensitivity'))).toBe('Subgroup differences, Sensitivity');
		expect(en.stratum('patient_age_band')).toBe(FIGURE_LABELS_EN.stratum('patient_age_band'));
		expect(en.readingTimeTitle).toBe(FIGURE_LABELS_EN.readingTimeTitle);
	});

	it('in Chinese leave no English word in any figure', () => {
		const zh = figureLabels('zh-CN');
		expect(englishWords(rocCurves(roc(zh)))).toEqual([]);
		expect(englishWords(forestPlot(forest(zh)))).toEqual([]);
		expect(englishWords(readingTimeDistribution(times(zh)))).toEqual([]);
		expect(rocCurves(roc(zh))).toContain('敏感度（真阳性率）');
		expect(forestPlot(forest(zh))).toContain('无法估计');
	});

	it('the report keeps English when no labels are given', () => {
		const report = rocCurves({ arms: roc().arms });
		expect(report).toContain('Sensitivity (true-positive fraction)');
		expect(forestPlot({ ...forest(), labels: undefined })).toContain('not estimable');
	});
});

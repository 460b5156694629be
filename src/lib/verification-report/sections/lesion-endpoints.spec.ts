// The report on a lesion-level trial (the hand-made blind export of the lesion fixture): the
// endpoint table shows wAFROC and false-positive marks per image with each arm's reader-averaged
// figure, the difference, its p and the decision — fewer marks being better for the latter —,
// withheld while blinded; the methods section states the task and the protocol's matching rule.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { LowerIsBetterTestResult } from '../../stats/trial/lower-is-better-test';
import { formatEstimateCi } from '../figures/forest-plot';
import {
	ARMS,
	DISEASED,
	LESIONS_CSV,
	NORMAL,
	READERS,
	lesionTrialReads,
	marksCsv
} from '$fixtures/stats/lesion-export.fixture';
import { analyzeCommand } from './annexes';
import { endpointTable } from './endpoints';
import { lesionMethodsItems } from './lesion-methods';
import { englishRuns, visibleHtmlText } from '$fixtures/untranslated-english.fixture';
import { methodsSection } from './methods';
import type { ReportInput } from '../report-input';

const analysis = analyzeTrial({
	reads: lesionTrialReads(),
	readers: READERS.map((reader) => ({ reader, site: 'all' })),
	cases: [...NORMAL, ...DISEASED].map((id) => ({ case: id, strata: {} })),
	arms: { test: ARMS.test, reference: ARMS.reference },
	endpoints: [
		{
			group: 'primary',
			metric: 'wafroc',
			hypothesis: 'non-inferiority',
			margin: 0.05,
			alpha: 0.025
		},
		{
			group: 'secondary',
			metric: 'fp_per_image',
			hypothesis: 'non-inferiority',
			margin: 0.5,
			alpha: 0.025
		}
	],
	strata: [],
	lesions: { truthCsv: LESIONS_CSV, marksCsv: marksCsv() },
	lesionMethod: {
		task: 'froc',
		markShape: 'point',
		matching: { criterion: 'distance', acceptanceMm: 12, iou: 0.5 }
	}
});
const [wafroc, marks] = analysis.endpoints as [EndpointResult, EndpointResult];
const rows = (blinded: boolean) =>
	[
		...endpointTable({ analysis, arms: analysis.arms, blinded, lang: 'en' }).matchAll(
			/<tr>(.*?)<\/tr>/gs
		)
	].map((match) => [...match[1]!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/gs)].map((cell) => cell[1]!));
const shown = (row: { estimate: number; ciLower: number; ciUpper: number }) =>
	formatEstimateCi(row.estimate, row.ciLower, row.ciUpper, 4);

describe('the report on lesion-level endpoints', () => {
	const [head, first, second] = rows(false) as [string[], string[], string[]];
	const column = (name: RegExp) => head.findIndex((cell) => name.test(cell));

	it('shows each arm’s reader-averaged wAFROC, the difference and its two-sided p', () => {
		expect(first[0]).toMatch(
			/^wAFROC \(primary; non-inferiority, margin 0.05; one-sided α 0.025\)/
		);
		const arm = (code: string) => wafroc.arms.find((row) => row.arm === code)!;
		expect(first[column(new RegExp(ARMS.reference))]).toBe(shown(arm(ARMS.reference)));
		expect(first[column(new RegExp(ARMS.test))]).toBe(shown(arm(ARMS.test)));
		expect(first[column(/Difference/)]).toContain(shown(wafroc.rrrc));
		expect(first[column(/Decision/)]).toContain(wafroc.met ? '>Met<' : '>Not met<');
		expect(first[column(/Decision/)]).toContain('lower 97.5 % bound');
	});

	it('says fewer is better for false-positive marks per image and decides on the upper bound', () => {
		const test = marks.test as LowerIsBetterTestResult;
		expect(second[0]).toContain('False-positive marks per normal image');
		expect(second[0]).toContain('fewer is better');
		expect(second[column(/Decision/)]).toContain(
			`upper 97.5 % bound ${test.upperBound.toFixed(4)} vs 0.50 (fewer is better)`
		);
		expect(second[column(/declared/)]).toContain(
			'one-sided p vs 0.5 (fewer is better: H0 Δ ≥ 0.5)'
		);
	});

	it('withholds both decisions and their p while blinded', () => {
		const [, blindFirst, blindSecond] = rows(true) as [string[], string[], string[]];
		for (const row of [blindFirst, blindSecond]) {
			expect(row[column(/Decision/)]).toBe('<em>withheld until unblinding</em>');
			expect(row[column(/declared/)]).toBe('<em>withheld until unblinding</em>');
		}
	});

	it('states the task and the protocol’s matching rule in the methods', () => {
		const methods = methodsSection({
			lang: 'en',
			analysis,
			arms: analysis.arms
		} as unknown as ReportInput);
		expect(methods).toContain('Lesion-level task and matching');
		expect(methods).toContain('FROC: readers marked every suspicious location');
		expect(methods).toContain('within 12 mm of the lesion’s region');
		expect(methods).toContain('<strong>Lesion-level curves</strong> (figures 1b–1d)');
		expect(
			lesionMethodsItems(
				{
					...analysis.lesionMethod!,
					markShape: 'box',
					matching: { criterion: 'iou', acceptanceMm: 10, iou: 0.4 }
				},
				'en'
			)
		).toContain('a box localises a lesion when it overlaps the lesion’s box');
		expect(lesionMethodsItems(null, 'en')).toBe('');
		// In Chinese: the task, the rule with the protocol's distance, the figures of merit, no English.
		const zh = lesionMethodsItems(analysis.lesionMethod!, 'zh');
		expect(zh).toContain('<strong>病灶水平任务与匹配</strong>');
		expect(zh).toContain('不超过 12 mm');
		expect(zh).toContain('<strong>病灶灵敏度</strong>（MaxLLF）');
		const runs = englishRuns(visibleHtmlText(zh), []);
		expect(runs, JSON.stringify(runs)).toEqual([]);
	});
});

describe('annex A on lesion-level endpoints', () => {
	const arms = { aided: ARMS.test, unaided: ARMS.reference };

	it('reproduces a lesion-level endpoint from the export’s marks.csv and lesions.csv', () => {
		const command = analyzeCommand(wafroc, arms);
		expect(command).toContain('tandem analyze --input marks.csv --truth lesions.csv --fom wafroc');
		expect(command).toContain(`--test ${ARMS.test}`);
		expect(command).toContain('--margin 0.05');
	});

	it('names the figure of false-positive marks per image and says its decision reads fewer as better', () => {
		const command = analyzeCommand(marks, arms);
		expect(command).toContain('--fom nl-per-image');
		expect(command).not.toContain('--margin');
		expect(command).toContain('# fewer is better');
	});
});

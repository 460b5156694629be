// The report's subgroup tables print no impossible interval: a difference's limits stay in
// [−1, 1], and a truncated row says so and why.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from '../../stats/trial/trial-analysis';
import { disagreeingReadersTrial } from '$fixtures/stats/disagreeing-readers.fixture';
import type { ReportInput } from '../report-input';
import { subgroupTables } from './results-readers';

const analysis = analyzeTrial(
	disagreeingReadersTrial([
		{ group: 'primary', metric: 'auc', hypothesis: 'non-inferiority', margin: 0.05, alpha: 0.025 }
	])
);
const html = subgroupTables({ analysis, arms: analysis.arms, lang: 'en' } as Pick<
	ReportInput,
	'analysis' | 'arms' | 'lang'
>);
const row = (value: string) =>
	[...html.matchAll(/<tr>(.*?)<\/tr>/gs)]
		.map((match) => [...match[1]!.matchAll(/<td>(.*?)<\/td>/gs)].map((cell) => cell[1]!))
		.find((cells) => cells[1] === value)!;

describe('the report’s subgroup table', () => {
	it('prints every difference limit within [−1, 1]', () => {
		const limits = [...html.matchAll(/\((−?\d\.\d{3}), (−?\d\.\d{3})\)/g)].flatMap((match) =>
			[match[1]!, match[2]!].map((text) => Number(text.replace('−', '-')))
		);
		expect(limits.length).toBeGreaterThanOrEqual(4);
		for (const limit of limits) expect(Math.abs(limit)).toBeLessThanOrEqual(1);
	});

	it('says beside a truncated interval that it was truncated, with the df and the readers', () => {
		const difference = row('north').at(-1)!;
		expect(difference).toMatch(/^−?\d\.\d{3} \(−1\.000, /);
		expect(difference).toContain(
			'<span class="small">95 % CI truncated to [−1, 1] (the t interval, Hillis df'
		);
		expect(difference).toContain('with 2 readers, is wider than the range)');
		expect(row('south').at(-1)).not.toContain('truncated to [−1, 1]');
	});

	it('says it in Chinese in the Chinese report', () => {
		const zh = subgroupTables({ analysis, arms: analysis.arms, lang: 'zh' });
		expect(zh).toMatch(
			/<span class="small">95 % 置信区间已截断至 \[−1, 1\]（t 区间——Hillis 自由度 [\d.]+，2 名阅片者——宽于可能范围）<\/span>/
		);
		expect(zh).toContain('<th>差值（95% 置信区间）</th>');
	});
});

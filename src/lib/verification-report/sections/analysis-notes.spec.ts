// The analysis notes in a Chinese report: the known forms said in Chinese (the quoted error kept
// as written, marked English), anything else quoted whole; an English report prints them as written.
import { describe, expect, it } from 'vitest';
import { analysisNote } from './analysis-notes';

describe('analysisNote', () => {
	it('says the known notes in Chinese, quoting the system message inside', () => {
		expect(analysisNote('reader R07 left out of the analysis set: 80 of 240 reads', 'zh')).toBe(
			'阅片者 R07 未纳入分析集：完成 80 / 240 次阅片'
		);
		expect(
			analysisNote('standalone AI not analysed: Scoring is not finished: 3 of 120 cases', 'zh')
		).toBe('未分析 AI 独立性能：<span lang="en">Scoring is not finished: 3 of 120 cases</span>');
		expect(analysisNote('sequence check not run: needs two sequence groups', 'zh')).toBe(
			'序列效应检验未运行：<span lang="en">needs two sequence groups</span>'
		);
		expect(
			analysisNote(
				'97.5 % CI truncated to [−1, 1] (the t interval, Hillis df 1.37 with 2 readers, is wider than the range)',
				'zh'
			)
		).toBe(
			'97.5 % 置信区间已截断至 [−1, 1]（t 区间——Hillis 自由度 1.37，2 名阅片者——宽于可能范围）'
		);
		expect(analysisNote('not estimable: the denominator is zero', 'zh')).toBe(
			'无法估计：<span lang="en">the denominator is zero</span>'
		);
		expect(analysisNote('standalone AI: not every case has an AI result', 'zh')).toBe(
			'AI 独立性能：并非每个病例都有 AI 结果'
		);
	});

	it('quotes an unknown note whole, marked as English, and escapes it', () => {
		expect(analysisNote('a <new> note', 'zh')).toBe('<span lang="en">a &lt;new&gt; note</span>');
		expect(analysisNote('a <new> note', 'en')).toBe('a &lt;new&gt; note');
	});
});

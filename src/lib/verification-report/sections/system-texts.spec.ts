// The analysis notes in a Chinese report: the known forms said in Chinese (the quoted error kept
// as written, marked English), anything else quoted whole; an English report prints them as written.
import { describe, expect, it } from 'vitest';
import { systemText } from './system-texts';
import { WITHHELD } from '../../server/verification-report/report-anomalies';

describe('systemText', () => {
	it('says the known notes in Chinese, quoting the system message inside', () => {
		expect(systemText('reader R07 left out of the analysis set: 80 of 240 reads', 'zh')).toBe(
			'阅片者 R07 未纳入分析集：完成 80 / 240 次阅片'
		);
		expect(
			systemText('standalone AI not analysed: Scoring is not finished: 3 of 120 cases', 'zh')
		).toBe('未分析 AI 独立性能：<span lang="en">Scoring is not finished: 3 of 120 cases</span>');
		expect(systemText('sequence check not run: needs two sequence groups', 'zh')).toBe(
			'序列效应检验未运行：<span lang="en">needs two sequence groups</span>'
		);
		expect(
			systemText(
				'97.5 % CI truncated to [−1, 1] (the t interval, Hillis df 1.37 with 2 readers, is wider than the range)',
				'zh'
			)
		).toBe(
			'97.5 % 置信区间已截断至 [−1, 1]（t 区间——Hillis 自由度 1.37，2 名阅片者——宽于可能范围）'
		);
		expect(systemText('not estimable: the denominator is zero', 'zh')).toBe(
			'无法估计：<span lang="en">the denominator is zero</span>'
		);
		expect(systemText('standalone AI: not every case has an AI result', 'zh')).toBe(
			'AI 独立性能：并非每个病例都有 AI 结果'
		);
	});

	it('quotes an unknown note whole, marked as English, and escapes it', () => {
		expect(systemText('a <new> note', 'zh')).toBe('<span lang="en">a &lt;new&gt; note</span>');
		expect(systemText('a <new> note', 'en')).toBe('a &lt;new&gt; note');
	});

	it("says the monitoring's deviation details in Chinese, people's words as they wrote them", () => {
		expect(systemText('read in 2.0 s', 'zh')).toBe('阅片用时 2.0 秒');
		expect(systemText('paused 95.3 s', 'zh')).toBe('暂停 95.3 秒');
		expect(systemText('read 12 corrected by the reader (version 2): 点错了 <x>', 'zh')).toBe(
			'阅片 12 由阅片者更正（版本 2）：点错了 &lt;x&gt;'
		);
		expect(
			systemText(
				'read 12 corrected by the site coordinator (version 2): reason withheld while blinded (free text could name an arm)',
				'zh'
			)
		).toBe('阅片 12 由研究中心协调员更正（版本 2）：原因盲态期间不予显示（自由文本可能透露组别）');
		expect(systemText('the AI could not process a case: timeout', 'zh')).toBe(
			'AI 未能处理该病例：<span lang="en">timeout</span>'
		);
		// The words the report's data gathering puts in place of free text while blinded.
		expect(systemText(WITHHELD, 'zh', true)).toBe('盲态期间不予显示（自由文本可能透露组别）');
		expect(systemText('Please check case 4', 'zh', true)).toBe('Please check case 4');
	});

	it("says the environment's values in Chinese where they are more than names and versions", () => {
		expect(
			systemText(
				'Tandem (OR/DBM engine validated against MRMCaov 0.3.0 and RJafroc 2.1.3 reference outputs)',
				'zh'
			)
		).toBe('Tandem（OR/DBM 分析引擎已对照 MRMCaov 0.3.0 与 RJafroc 2.1.3 的参考输出验证）');
		expect(systemText('demo 1.0.0 (not registered: no weights to hash)', 'zh')).toBe(
			'demo 1.0.0（未注册：无权重文件可计算哈希）'
		);
		expect(systemText(`m 2, weights SHA-256 ${'a'.repeat(64)}, threshold not set`, 'zh')).toBe(
			`m 2，权重 SHA-256 ${'a'.repeat(64)}，阈值 未设定`
		);
		expect(systemText('Node.js 20.20.2 (V8 11.3)', 'zh')).toBe(
			'<span lang="en">Node.js 20.20.2 (V8 11.3)</span>'
		);
	});
});

// Section 6.9, the effective use of the data (seed 000): the share of the cases usable by the
// readers (every planned read made) and by the AI (scored), with the reason for each other case.
import type { ReportInput } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { inLanguage } from '../report-language';
import { escape, interval, table } from '../html';
import type { ExclusionReason, UseRate } from '../../stats/trial/effective-use';

interface Text {
	heading: string;
	head: string[];
	readers: string;
	ai: string;
	aiNotRun: string;
	excludedHead: string[];
	allUsable: string;
	reason: (reason: ExclusionReason) => string;
	definition: string;
}

const TEXT = {
	en: {
		heading: '6.9 Effective use of the data',
		head: ['Used by', 'Usable cases', 'Effective-use rate (95 % CI)'],
		readers: 'Readers (every planned read made)',
		ai: 'AI (case scored)',
		aiNotRun: 'The AI did not run on the cases.',
		excludedHead: ['Case', 'Not usable by', 'Reason'],
		allUsable: 'Every case was usable.',
		reason: (reason) => {
			switch (reason.kind) {
				case 'no-read-planned':
					return 'no read was planned';
				case 'reads-missing':
					return `${reason.missing} of ${reason.planned} planned reads not made`;
				case 'ai-failed':
					return `the AI failed: ${reason.error}`;
				case 'ai-not-scored':
					return 'the AI did not score it';
			}
		},
		definition:
			'Effective-use rate: usable cases / cases of the test set; interval: Wilson score. A case the AI could not process stays in the analysis per the protocol’s rule.'
	},
	zh: {
		heading: '6.9 数据有效使用率',
		head: ['使用方', '可用病例数', '数据有效使用率（95% 置信区间）'],
		readers: '阅片者（计划阅片全部完成）',
		ai: '人工智能（已给出评分）',
		aiNotRun: '人工智能未在病例上运行。',
		excludedHead: ['病例', '不可用于', '原因'],
		allUsable: '全部病例均可用。',
		reason: (reason) => {
			switch (reason.kind) {
				case 'no-read-planned':
					return '未计划阅片';
				case 'reads-missing':
					return `计划的 ${reason.planned} 次阅片中有 ${reason.missing} 次未完成`;
				case 'ai-failed':
					return `人工智能处理失败：${reason.error}`;
				case 'ai-not-scored':
					return '人工智能未给出评分';
			}
		},
		definition:
			'数据有效使用率 = 可用病例数 / 测试集病例数；置信区间采用 Wilson 计分法。人工智能无法处理的病例按方案规定的规则保留在分析中。'
	}
} satisfies Record<ReportLanguage, Text>;

function rateRow(label: string, use: UseRate, cases: number): string[] {
	return [label, `${use.usable} / ${cases}`, interval(use.rate, 3)];
}

export function effectiveUsePart(input: ReportInput): string {
	const use = input.effectiveUse;
	if (!use) return '';
	const t = inLanguage(input.lang, TEXT);
	const rows = [rateRow(t.readers, use.readers, use.cases)];
	if (use.ai) rows.push(rateRow(t.ai, use.ai, use.cases));
	const excluded = [
		...use.readers.excluded.map((row) => [
			escape(row.case),
			t.readers,
			escape(t.reason(row.reason))
		]),
		...(use.ai?.excluded ?? []).map((row) => [escape(row.case), t.ai, escape(t.reason(row.reason))])
	];
	return [
		`<h3>${t.heading}</h3>`,
		table(t.head, rows, 'compact'),
		use.ai ? '' : `<p>${t.aiNotRun}</p>`,
		excluded.length > 0 ? table(t.excludedHead, excluded, 'compact') : `<p>${t.allUsable}</p>`,
		`<p class="small">${t.definition}</p>`
	].join('\n');
}

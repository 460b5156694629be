// Section 6.10, agreement of the readers' measurements (seed 001: Bland–Altman and ICC where the
// readers produce measurements): per arm, the mean of the readers' measurement of each case against
// the truth's (bias, SD of the differences, 95 % limits of agreement with their intervals, and the
// Bland–Altman plot) and the agreement between the readers by ICC(2,1) with its interval.
import type { ReportInput } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { inLanguage } from '../report-language';
import { escape, figure, interval, n, table } from '../html';
import { measurementAgreement } from '../../stats/trial/measurement-agreement';
import { blandAltmanPlot } from '../figures/bland-altman-plot';

interface Text {
	heading: string;
	none: string;
	quantity: (quantity: string) => string;
	head: string[];
	caption: (arm: string) => string;
	plot: {
		title: (arm: string) => string;
		description: string;
		xLabel: string;
		yLabel: string;
		bias: string;
		lower: string;
		upper: string;
	};
	method: string;
	notShown: (arm: string, why: string) => string;
}

const TEXT = {
	en: {
		heading: '6.10 Agreement of the measurements',
		none: 'No reader made a measurement in this study: there is no Bland–Altman analysis or ICC.',
		quantity: (quantity) =>
			`Measured: ${quantity}, the longest length each reader drew on the case.`,
		head: [
			'Arm',
			'Measurements (readers)',
			'Bias, reader − truth (95 % CI)',
			'SD of differences',
			'Lower limit of agreement (95 % CI)',
			'Upper limit of agreement (95 % CI)',
			'ICC(2,1) between readers (95 % CI; cases)'
		],
		caption: (arm) =>
			`Bland–Altman plot, arm ${arm}: the mean of the readers’ measurements of each case minus the truth’s, against their mean; solid: bias; dashed: 95 % limits of agreement; bands: their 95 % CIs.`,
		plot: {
			title: (arm) => `Readers against the truth, arm ${arm}`,
			description: 'Differences (readers’ mean − truth) against the mean of the two, per case.',
			xLabel: 'Mean of readers and truth (mm)',
			yLabel: 'Readers − truth (mm)',
			bias: 'Bias',
			lower: 'Lower',
			upper: 'Upper'
		},
		method:
			'Bland–Altman (Bland & Altman 1986): one pair per case, the mean of the arm’s readers against the truth; limits of agreement = bias ± 1.96 SD; intervals: bias ± t·√(s²/n), limits ± t·√(3s²/n), t on n − 1 df. ICC(2,1): two-way random effects, absolute agreement, single rater (Shrout & Fleiss 1979), with the interval of McGraw & Wong 1996, over the cases every reader of the arm measured.',
		notShown: (arm, why) => `Arm ${arm}: not computed (${why}).`
	},
	zh: {
		heading: '6.10 测量一致性',
		none: '本研究中阅片者未进行测量，不进行 Bland–Altman 分析和组内相关系数分析。',
		quantity: (quantity) =>
			`测量指标：${quantity === 'longest lesion diameter (mm)' ? '病灶最长径（mm）' : quantity}，取每位阅片者在该病例上绘制的最长长度。`,
		head: [
			'组别',
			'测量数（阅片者数）',
			'偏倚，阅片者 − 金标准（95% 置信区间）',
			'差值标准差',
			'一致性界限下限（95% 置信区间）',
			'一致性界限上限（95% 置信区间）',
			'阅片者间 ICC(2,1)（95% 置信区间；病例数）'
		],
		caption: (arm) =>
			`Bland–Altman 图，组别 ${arm}：每个病例阅片者测量均值与金标准之差对两者均值作图；实线：偏倚；虚线：95% 一致性界限；阴影：其 95% 置信区间。`,
		plot: {
			title: (arm) => `阅片者与金标准的一致性，组别 ${arm}`,
			description: '每个病例阅片者测量均值与金标准之差对两者均值作图。',
			xLabel: '阅片者与金标准的均值（mm）',
			yLabel: '阅片者 − 金标准（mm）',
			bias: '偏倚',
			lower: '下限',
			upper: '上限'
		},
		method:
			'Bland–Altman 法（Bland & Altman 1986）：每个病例一对数据，即该组阅片者测量均值与金标准；一致性界限 = 偏倚 ± 1.96 倍标准差；置信区间：偏倚 ± t·√(s²/n)，界限 ± t·√(3s²/n)，t 的自由度为 n − 1。ICC(2,1)：双向随机效应、绝对一致性、单一评分者（Shrout & Fleiss 1979），置信区间按 McGraw & Wong 1996，基于该组每位阅片者均测量的病例。',
		notShown: (arm, why) =>
			`组别 ${arm}：未计算（${why === 'fewer than 3 measured cases with a truth measurement' ? '有金标准测量值的病例少于 3 例' : '阅片者少于 2 位或全部阅片者均测量的病例少于 2 例'}）。`
	}
} satisfies Record<ReportLanguage, Text>;

export function measurementAgreementPart(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const heading = `<h3>${t.heading}</h3>`;
	const measured = input.measurements;
	if (!measured || measured.rows.length === 0) return `${heading}<p>${t.none}</p>`;
	const arms = [input.arms.reference, input.arms.test];
	const results = measurementAgreement(measured.rows, arms);
	const rows = results.map((result) => {
		const ba = result.versusTruth;
		const icc = result.interReader;
		return [
			escape(result.arm),
			`${result.measurements} (${result.readers})`,
			ba ? interval(ba.bias, 2) : '—',
			ba ? n(ba.sdDifferences, 2) : '—',
			ba ? interval(ba.lower, 2) : '—',
			ba ? interval(ba.upper, 2) : '—',
			icc ? `${interval(icc, 3)}; ${icc.cases}` : '—'
		];
	});
	const figures = results.map((result) =>
		result.versusTruth
			? figure(
					blandAltmanPlot(result.versusTruth, {
						...t.plot,
						title: t.plot.title(result.arm)
					}),
					t.caption(result.arm)
				)
			: ''
	);
	const notes = results.flatMap((result) =>
		result.notes.map((why) => `<p class="small">${escape(t.notShown(result.arm, why))}</p>`)
	);
	return [
		heading,
		`<p>${escape(t.quantity(measured.quantity))}</p>`,
		table(t.head, rows),
		...notes,
		...figures,
		`<p class="small">${escape(t.method)}</p>`
	].join('\n');
}

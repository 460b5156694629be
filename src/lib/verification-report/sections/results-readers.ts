// Section 6.3 and 6.4: each reader's performance per arm, and the subgroup analyses of each
// metric (the arms' estimates and the RRRC difference within each subgroup; a limit truncated
// to the possible range is said so beside it).
import type { ConfusionMatrix } from '../../stats/single-reader/confusion-matrix';
import type { SubgroupAnalysis } from '../../stats/trial/subgroup-analysis';
import type { ReportInput } from '../report-input';
import { aucInterval, DASH, escape, interval, metricName, n, stratumName, table } from '../html';
import { inLanguage } from '../report-language';
import { systemText } from './system-texts';

const TEXT = {
	en: {
		readerHead: [
			'Reader',
			'Arm',
			'Sensitivity',
			'Specificity',
			'Accuracy',
			'TP / FN / FP / TN',
			'AUC'
		],
		subgroupHead: (reference: string, test: string) => [
			'Stratum',
			'Value',
			'Readers',
			'Cases',
			reference,
			test,
			'Difference (95 % CI)'
		],
		subgroups: (metric: string) => `Subgroups: ${metric}`
	},
	zh: {
		readerHead: ['阅片者', '组别', '灵敏度', '特异度', '准确率', 'TP / FN / FP / TN', 'AUC'],
		subgroupHead: (reference: string, test: string) => [
			'分层',
			'取值',
			'阅片者数',
			'病例数',
			reference,
			test,
			'差值（95% 置信区间）'
		],
		subgroups: (metric: string) => `亚组：${metric}`
	}
};

type SubgroupRow = SubgroupAnalysis['rows'][number];

const confusionCounts = (matrix: ConfusionMatrix): string =>
	[matrix.truePositive, matrix.falseNegative, matrix.falsePositive, matrix.trueNegative].join(
		' / '
	);

export function readerPerformanceTable(input: ReportInput): string {
	const rows = input.analysis.readerPerformance.rows.map((row) => [
		escape(row.reader),
		escape(row.modality),
		interval(row.binary?.sensitivity, 3),
		interval(row.binary?.specificity, 3),
		interval(row.binary?.accuracy, 3),
		row.binary ? confusionCounts(row.binary.matrix) : DASH,
		aucInterval(row.auc, 3)
	]);
	return table(inLanguage(input.lang, TEXT).readerHead, rows, 'compact');
}

type SubgroupTableInput = Pick<ReportInput, 'analysis' | 'arms' | 'lang'>;

function subgroupRow(row: SubgroupRow, input: SubgroupTableInput): string[] {
	const armEstimate = (arm: string) => {
		const value = row.arms?.find((item) => item.arm === arm);
		return value ? n(value.estimate, 3) : DASH;
	};
	const { lang } = input;
	const truncation = row.truncation
		? ` <span class="small">${systemText(row.truncation, lang)}</span>`
		: '';
	const difference = row.difference
		? `${interval(row.difference, 3)}${truncation}`
		: `<span class="small">${systemText(row.note ?? '', lang)}</span>`;
	return [
		escape(stratumName(row.stratum, lang)),
		escape(row.value),
		String(row.readers),
		`${row.cases} (${row.positive}+)`,
		armEstimate(input.arms.reference),
		armEstimate(input.arms.test),
		difference
	];
}

export function subgroupTables(input: SubgroupTableInput): string {
	const t = inLanguage(input.lang, TEXT);
	const head = t.subgroupHead(escape(input.arms.reference), escape(input.arms.test));
	return input.analysis.subgroups
		.map((group) => {
			const heading = `<h3>${t.subgroups(escape(metricName(group.metric, input.lang)))}</h3>`;
			const rows = group.rows.map((row) => subgroupRow(row, input));
			return `${heading}${table(head, rows, 'compact')}`;
		})
		.join('');
}

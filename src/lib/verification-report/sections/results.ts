// Section 6, results: the endpoints with the FRRC and RRFC variants beside the RRRC analysis,
// then the figures and tables of the ROC curves, the readers, the subgroups, the reading time,
// the standalone AI, the readers' agreement and the crossover checks.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import {
	primaryResult,
	readerForest,
	readingTimeFigure,
	reportFigureLabels,
	rocFigure,
	subgroupForest
} from '../report-figures';
import { escape, figure, interval, metricName, n, table } from '../html';
import { decimalsOf, endpointTable } from './endpoints';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { readerPerformanceTable, subgroupTables } from './results-readers';
import { standaloneAiText } from './results-ai';
import { lesionCurveFigures } from './lesion-curves';
import { agreementTable, crossoverText } from './results-checks';
import { operatingPointsPart } from './results-operating-points';
import { aiPrCurvePart } from './results-ai-pr';
import { effectiveUsePart } from './results-effective-use';
import { measurementAgreementPart } from './results-agreement';

const TEXT = {
	en: {
		rocCaption:
			'Figure 1. Empirical ROC curves per arm: readers (thin), reader-averaged (bold); ' +
			'markers: each reader’s binary decision.',
		subgroupCaption:
			'Figure 3. Subgroup differences of the primary endpoint (RRRC within each subgroup).',
		readingTimeCaption:
			'Figure 4. Reading time per read by arm (log scale): box = quartiles, whiskers = 1.5 IQR, ' +
			'marker = geometric mean.',
		readerCaption: (margin: string) =>
			'Figure 2. Per-reader differences of the primary endpoint with 95 % CIs (readers fixed), ' +
			`and the RRRC difference (diamond)${margin ? `; dashed line: margin −${margin}` : ''}.`,
		variantsHead: [
			'Endpoint',
			'RRRC test',
			'RRRC difference',
			'FRRC difference',
			'RRFC difference'
		],
		headings: [
			'6.1 Endpoints',
			'6.2 ROC curves',
			'6.3 Readers',
			'6.4 Subgroups',
			'6.5 Reading time',
			'6.6 Standalone AI beside the readers',
			'6.7 Reader agreement',
			'6.8 Crossover checks'
		]
	},
	zh: {
		rocCaption:
			'图 1. 各组经验 ROC 曲线：单个阅片者（细线），阅片者平均（粗线）；标记：各阅片者的二分类判断。',
		subgroupCaption: '图 3. 主要终点的亚组差值（各亚组内的 RRRC 分析）。',
		readingTimeCaption:
			'图 4. 各组每次阅片的阅片时间（对数刻度）：箱体 = 四分位数，须线 = 1.5 倍 IQR，标记 = 几何均值。',
		readerCaption: (margin: string) =>
			`图 2. 主要终点各阅片者差值及 95% 置信区间（固定阅片者），以及 RRRC 差值（菱形）${margin ? `；虚线：非劣效界值 −${margin}` : ''}。`,
		variantsHead: ['终点', 'RRRC 检验', 'RRRC 差值', 'FRRC 差值', 'RRFC 差值'],
		headings: [
			'6.1 终点',
			'6.2 受试者工作特征（ROC）曲线',
			'6.3 阅片者',
			'6.4 亚组',
			'6.5 阅片时间',
			'6.6 AI 独立性能与阅片者对比',
			'6.7 阅片者间一致性',
			'6.8 交叉设计检验'
		]
	}
};

/** Each analysable endpoint under the three OR variants: RRRC, FRRC (fixed readers), RRFC (fixed cases). */
function variantsTable(input: ReportInput): string {
	const rows = input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const decimals = decimalsOf(result);
		const { rrrc } = result;
		return [
			escape(metricName(result.endpoint.metric, input.lang)),
			`F(${n(rrrc.df1, 0)}, ${n(rrrc.df2, 2)}) = ${n(rrrc.f, 3)}`,
			interval(rrrc, decimals),
			interval(result.frrc, decimals),
			interval(result.rrfc, decimals)
		];
	});
	return table(inLanguage(input.lang, TEXT).variantsHead, rows, 'compact');
}

function readerFigure(input: ReportInput, showMargin: boolean): string {
	const margin = primaryResult(input.analysis)?.endpoint.margin;
	const caption = inLanguage(input.lang, TEXT).readerCaption(
		showMargin && margin ? String(margin) : ''
	);
	const labels = reportFigureLabels(input.lang);
	return figure(readerForest(input.analysis, showMargin, labels), caption);
}

function subgroupFigure(input: ReportInput, showMargin: boolean): string {
	const primary = primaryResult(input.analysis);
	if (!primary) return '';
	const labels = reportFigureLabels(input.lang);
	return figure(
		subgroupForest(input.analysis, primary.endpoint.metric, showMargin, labels),
		inLanguage(input.lang, TEXT).subgroupCaption
	);
}

export function resultsSection(input: ReportInput): string {
	const showMargin = !input.blinded;
	const t = inLanguage(input.lang, TEXT);
	const labels = reportFigureLabels(input.lang);
	const [endpoints, roc, readers, subgroups, time, ai, agreement, crossover] = t.headings;
	return `<section id="s6"><h2>${sectionHeading(input.lang, 6)}</h2>
<h3>${endpoints}</h3>
${endpointTable(input)}
${variantsTable(input)}
<h3>${roc}</h3>
${figure(rocFigure(input.analysis, labels), t.rocCaption)}
${lesionCurveFigures(input)}
<h3>${readers}</h3>
${readerFigure(input, showMargin)}
${readerPerformanceTable(input)}
<h3>${subgroups}</h3>
${subgroupFigure(input, showMargin)}
${subgroupTables(input)}
<h3>${time}</h3>
${figure(readingTimeFigure(input.analysis, labels), t.readingTimeCaption)}
<h3>${ai}</h3>
${standaloneAiText(input)}
${operatingPointsPart(input)}
${aiPrCurvePart(input)}
<h3>${agreement}</h3>
${agreementTable(input)}
<h3>${crossover}</h3>
${crossoverText(input)}
${effectiveUsePart(input)}
${measurementAgreementPart(input)}
</section>`;
}

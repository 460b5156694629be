// Section 1, statement and summary: what was verified on which study, the verdict on the
// primary endpoint (its decision withheld while the arms are coded) and the endpoint table.
import type { ReportInput } from '../report-input';
import { primaryResult } from '../report-figures';
import { escape, interval, metricName, n } from '../html';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { armsDifference, endpointTable, hypothesisName } from './endpoints';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { statementPart } from './statement';

interface Design {
	software: string;
	title: string;
	slug: string;
	version: string;
	readers: number;
	cases: number;
	positive: number;
	negative: number;
	reads: number;
}

const TEXT = {
	en: {
		notAnalysed: 'The primary endpoint could not be analysed (see section 7).',
		demoWarning:
			'Demonstration study: synthetic images and simulated reads. Not clinical evidence.',
		underTest: 'under test',
		shown: 'shown',
		notShown: 'not shown',
		blindedVerdict: (arms: string, difference: string) =>
			`Primary endpoint difference (${arms}): ${difference}.
The arms are coded; the decision against the margin is read once the key is released.`,
		verdict: (
			metric: string,
			arms: string,
			difference: string,
			hypothesis: string,
			shown: string,
			decision: string
		) =>
			`Primary endpoint ${metric} difference (${arms}): ${difference};
${hypothesis} ${shown} (${decision}).`,
		statement: (
			d: Design
		) => `This report verifies the performance of readers with and without the AI software
<strong>${d.software}</strong> in the reader study <strong>${d.title}</strong>
(protocol ${d.slug} version ${d.version}):
${d.readers} readers read ${d.cases} cases
(${d.positive} diseased, ${d.negative} non-diseased) in both arms, ${d.reads} reads in all.`,
		methodNote: (arms: string) => `Differences are ${arms} (reading time: ratio of geometric means),
Obuchowski–Rockette, random readers and cases, jackknife covariance, Hillis degrees of freedom.`
	},
	zh: {
		notAnalysed: '主要终点无法分析（见第 7 节）。',
		demoWarning: '演示研究：合成图像与模拟阅片，不构成临床证据。',
		underTest: '（受试软件）',
		shown: '成立',
		notShown: '不成立',
		blindedVerdict: (arms: string, difference: string) =>
			`主要终点差值（${arms}）：${difference}。各组以编码显示；针对界值的判定在揭盲后给出。`,
		verdict: (
			metric: string,
			arms: string,
			difference: string,
			hypothesis: string,
			shown: string,
			decision: string
		) =>
			`主要终点 ${metric} 差值（${arms}）：${difference}；${hypothesis}${shown}（${decision}）。`,
		statement: (d: Design) =>
			`本报告验证阅片者在使用与不使用 AI 软件 <strong>${d.software}</strong> 时的诊断性能，研究为阅片者研究 <strong>${d.title}</strong>（方案 ${d.slug}，版本 ${d.version}）：${d.readers} 名阅片者在两组中各阅读 ${d.cases} 个病例（阳性 ${d.positive} 例，阴性 ${d.negative} 例），共 ${d.reads} 次阅片。`,
		methodNote: (arms: string) =>
			`差值为 ${arms}（阅片时间：几何均值之比）；Obuchowski–Rockette 方法，阅片者与病例均为随机效应，刀切法（jackknife）协方差，Hillis 自由度。`
	}
};

/** The declared test's decision in words: "non-inferior: lower 97.5% bound 0.0082 > −0.05". */
function decisionText(result: EndpointResult, lang: ReportInput['lang']): string {
	const { test } = result;
	if (lang === 'en') return 'lowerBound' in test || 'direction' in test ? test.decision : '';
	const level = `${100 * (1 - test.alpha)}%`;
	if ('lowerBound' in test) {
		const relation = test.rejected ? '>' : '≤';
		return `单侧 ${level} 置信下限 ${n(test.lowerBound)} ${relation} ${n(test.threshold, 2)}`;
	}
	if ('direction' in test) {
		const relation = test.rejected ? '<' : '≥';
		return `单侧 ${level} 置信上限 ${n(test.upperBound)} ${relation} ${n(test.threshold, 2)}（越少越好）`;
	}
	return '';
}

function verdict(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const primary = primaryResult(input.analysis);
	if (!primary) return t.notAnalysed;
	const arms = armsDifference(input);
	const difference = interval(primary.rrrc);
	if (input.blinded) return t.blindedVerdict(arms, difference);
	const metric = escape(metricName(primary.endpoint.metric, input.lang));
	const shown = primary.met
		? `<strong class="met">${t.shown}</strong>`
		: `<strong class="not-met">${t.notShown}</strong>`;
	const hypothesis = hypothesisName(primary.endpoint.hypothesis, input.lang);
	const decision = escape(decisionText(primary, input.lang));
	return t.verdict(metric, arms, difference, hypothesis, shown, decision);
}

export function summarySection(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const { design } = input.analysis;
	const { study } = input;
	const software = escape(input.ai ? `${input.ai.name} ${input.ai.version}` : t.underTest);
	const statement = t.statement({
		software,
		title: escape(study.title),
		slug: escape(study.slug),
		version: escape(study.protocolVersion),
		readers: design.readers.length,
		cases: design.cases,
		positive: design.positive,
		negative: design.negative,
		reads: design.reads
	});
	return `<section id="s1"><h2>${sectionHeading(input.lang, 1)}</h2>
<p>${statement}</p>
<p class="verdict">${verdict(input)}</p>
${endpointTable(input)}
<p class="small">${t.methodNote(armsDifference(input))}</p>
${study.demo ? `<p class="warning">${t.demoWarning}</p>` : ''}
${statementPart(input)}
</section>`;
}

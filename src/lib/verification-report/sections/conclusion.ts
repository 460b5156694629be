// Section 8, conclusion and limitations: each endpoint's decision (none while the key is
// sealed) and the limits of what the study shows.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import { escape, metricName } from '../html';
import { inLanguage } from '../report-language';
import { sectionHeading } from '../section-titles';
import { groupName, hypothesisName } from './endpoints';
import { declaredLimitationsPart } from './conclusion-limitations';

const TEXT = {
	en: {
		sealed:
			'The arm key is sealed: the conclusions are drawn once the evaluator has registered their results ' +
			'and the key is released.',
		descriptiveSubgroups:
			'Subgroup analyses are descriptive; the study is powered for the primary endpoint only.',
		studyConditions:
			'Cases were read under study conditions (enriched prevalence, timed reads), ' +
			'which may differ from clinical practice.',
		syntheticImages:
			'The images are synthetic phantoms; the results demonstrate the method, ' +
			'not the AI’s clinical performance.',
		simulated: (reads: number) =>
			`${reads} reads were produced by simulated readers for demonstration.`,
		conclusion: (metric: string, group: string, hypothesis: string, met: boolean) =>
			`${metric} (${group}): ${hypothesis} ${met ? 'shown' : 'not shown'}.`,
		limitations: 'Limitations'
	},
	zh: {
		sealed: '组别密钥仍处于封存状态：待评价人员登记其结果并释放密钥（揭盲）后方可得出结论。',
		descriptiveSubgroups: '亚组分析为描述性分析；本研究仅针对主要终点计算了样本量。',
		studyConditions: '病例在研究条件下阅读（富集的患病率、计时阅片），可能与临床实践不同。',
		syntheticImages: '图像为合成体模；结果仅演示方法，不代表 AI 的临床性能。',
		simulated: (reads: number) => `${reads} 次阅片由模拟阅片者生成，仅用于演示。`,
		conclusion: (metric: string, group: string, hypothesis: string, met: boolean) =>
			`${metric}（${group}）：${hypothesis}${met ? '成立' : '不成立'}。`,
		limitations: '局限性'
	}
};

type Text = (typeof TEXT)['en'];

function conclusions(input: ReportInput, t: Text): string[] {
	if (input.blinded) return [t.sealed];
	return input.analysis.endpoints.filter(isEndpointResult).map((result) => {
		const { endpoint } = result;
		return t.conclusion(
			escape(metricName(endpoint.metric, input.lang)),
			escape(groupName(endpoint.group, input.lang)),
			hypothesisName(endpoint.hypothesis, input.lang),
			result.met
		);
	});
}

function limitations(input: ReportInput, t: Text): string[] {
	const { simulatedReads } = input.testSet;
	return [
		t.descriptiveSubgroups,
		t.studyConditions,
		...(simulatedReads > 0 ? [t.simulated(simulatedReads)] : []),
		...(input.study.demo ? [t.syntheticImages] : [])
	];
}

const items = (lines: string[]) => lines.map((line) => `<li>${line}</li>`).join('');

export function conclusionSection(input: ReportInput): string {
	const t: Text = inLanguage(input.lang, TEXT);
	const heading = `<h2>${sectionHeading(input.lang, 8)}</h2>`;
	const lines = `<ul>${items(conclusions(input, t))}</ul>`;
	const limits = `<h3>${t.limitations}</h3><ul>${items(limitations(input, t))}</ul>`;
	return `<section id="s8">${heading}${lines}${limits}${declaredLimitationsPart(input)}</section>`;
}

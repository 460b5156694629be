// Section 6.6: the AI standalone beside the readers' mean performance in each arm, the cases
// it could not process, and its stability across subgroups (AI-4).
import { isEndpointResult, type StandaloneAi } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import { aucInterval, escape, interval, metricName, pct, stratumName, table } from '../html';
import { inLanguage, type ReportLanguage } from '../report-language';

const TEXT = {
	en: {
		notAnalysed: 'The AI was not analysed standalone (see section 7).',
		stable: 'No subgroup differs from another by more than 10 % (AI-4).',
		readers: (arm: string) => `Readers, ${arm} (mean)`,
		flag: (stratum: string, metric: string, difference: string, low: string, high: string) =>
			`${stratum}: ${metric} differs by ${difference} between ${low} and ${high}`,
		unstable: (flags: string) =>
			`Stability across subgroups (AI-4, flag above 10 % relative difference):
${flags}.`,
		standalone: 'AI standalone',
		head: ['', 'Sensitivity', 'Specificity', 'AUC'],
		failed: (count: number) =>
			`${count} case(s) could not be processed by the AI and are counted per the protocol's rule.`,
		metric: (metric: string) => metric
	},
	zh: {
		notAnalysed: '未对 AI 进行独立性能分析（见第 7 节）。',
		stable: '各亚组之间的差异均不超过 10%（AI-4）。',
		readers: (arm: string) => `阅片者，${arm}（均值）`,
		flag: (stratum: string, metric: string, difference: string, low: string, high: string) =>
			`${stratum}：${metric}在 ${low} 与 ${high} 之间相差 ${difference}`,
		unstable: (flags: string) => `亚组间稳定性（AI-4，相对差异超过 10% 时标记）：${flags}。`,
		standalone: 'AI 独立运行',
		head: ['', '灵敏度', '特异度', 'AUC'],
		failed: (count: number) => `${count} 个病例 AI 未能处理，已按方案规则计入。`,
		metric: (metric: string) => metricName(metric, 'zh')
	}
};

/** The readers' mean sensitivity, specificity and AUC in one arm, from the endpoint analyses. */
function readerMeans(input: ReportInput, arm: string): string[] {
	const results = input.analysis.endpoints.filter(isEndpointResult);
	const mean = (metric: string) => {
		const result = results.find((item) => item.endpoint.metric === metric);
		const row = result?.arms.find((item) => item.arm === arm);
		return interval(row, 3);
	};
	return [
		inLanguage(input.lang, TEXT).readers(escape(arm)),
		mean('sensitivity'),
		mean('specificity'),
		mean('auc')
	];
}

function stability(ai: StandaloneAi, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	const flags = ai.subgroups.flatMap((group) =>
		group.flags.map((flag) =>
			t.flag(
				escape(stratumName(group.stratum, lang)),
				escape(t.metric(flag.metric)),
				pct(flag.relativeDifference),
				escape(flag.low),
				escape(flag.high)
			)
		)
	);
	if (flags.length === 0) return `<p>${t.stable}</p>`;
	return `<p class="warning">${t.unstable(flags.join('; '))}</p>`;
}

export function standaloneAiText(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const ai = input.analysis.standaloneAi;
	if (!ai) return `<p>${t.notAnalysed}</p>`;
	const { binary, auc } = ai.overall;
	const rows = [
		[
			t.standalone,
			interval(binary.sensitivity, 3),
			interval(binary.specificity, 3),
			aucInterval(auc, 3)
		],
		readerMeans(input, input.arms.reference),
		readerMeans(input, input.arms.test)
	];
	return `${table(t.head, rows, 'compact')}
<p>${t.failed(ai.failed)}</p>
${stability(ai, input.lang)}`;
}

// The endpoint table both the summary (section 1) and the results (section 6) print: each
// declared endpoint with the arms' estimates, the RRRC difference with its two-sided p of no
// difference, and beside the decision against the margin the p of the declared test, one-sided
// against the bound it names (both withheld while the arms are coded).
import { isEndpointResult, type EndpointOutcome } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { formatBound, type DeclaredP } from '../../stats/hypothesis/declared-p';
import type { ReportInput } from '../report-input';
import { DASH, escape, interval, metricName, n, p, table, verbatim } from '../html';
import { inLanguage, type ReportLanguage } from '../report-language';

/** Decimals of an endpoint's figures: a ratio (reading time) to 3, a difference to 4. */
export const decimalsOf = (result: EndpointResult): number => (result.scale === 'ratio' ? 3 : 4);

/** "test − reference", the orientation of every difference in the report (escaped). */
export const armsDifference = (input: Pick<ReportInput, 'arms'>): string =>
	`${escape(input.arms.test)} − ${escape(input.arms.reference)}`;

const GROUPS_ZH: Record<string, string> = { primary: '主要终点', secondary: '次要终点' };
const HYPOTHESES_ZH: Record<string, string> = { 'non-inferiority': '非劣效', superiority: '优效' };

/** A declared hypothesis as the report names it ("non-inferiority", 非劣效). */
export const hypothesisName = (hypothesis: string, lang: ReportLanguage): string =>
	lang === 'zh' ? (HYPOTHESES_ZH[hypothesis] ?? hypothesis) : hypothesis;

/** An endpoint's group as the report names it ("primary", 主要终点). */
export const groupName = (group: string, lang: ReportLanguage): string =>
	lang === 'zh' ? (GROUPS_ZH[group] ?? group) : group;

const TEXT = {
	en: {
		head: (reference: string, test: string) => [
			'Endpoint',
			reference,
			test,
			'Difference (95 % CI)',
			'p, Δ = 0 (two-sided)',
			'p, declared test (one-sided)',
			'Decision'
		],
		name: (metric: string, group: string, test: string, fewer: boolean, alpha: number) =>
			`${metric} (${group}; ${test}${fewer ? '; fewer is better' : ''}; one-sided α ${alpha})`,
		nonInferiority: (margin: number | undefined) => `non-inferiority, margin ${margin}`,
		superiority: 'superiority',
		withheld: '<em>withheld until unblinding</em>',
		met: 'Met',
		notMet: 'Not met',
		lowerBound: (level: number, bound: string, threshold: string) =>
			`lower ${level} % bound ${bound} vs ${threshold}`,
		upperBoundFewer: (level: number, bound: string, threshold: string) =>
			`upper ${level} % bound ${bound} vs ${threshold} (fewer is better)`,
		upperBoundRatio: (level: number, bound: string) =>
			`upper ${level} % bound of the ratio ${bound} vs 1`,
		declaredLabel: (declared: DeclaredP) => declared.label,
		notAnalysable: (error: string) => `not analysable: ${error}`
	},
	zh: {
		head: (reference: string, test: string) => [
			'终点',
			reference,
			test,
			'差值（95% 置信区间）',
			'p，Δ = 0（双侧）',
			'p，预设检验（单侧）',
			'判定'
		],
		name: (metric: string, group: string, test: string, fewer: boolean, alpha: number) =>
			`${metric}（${group}；${test}${fewer ? '；越少越好' : ''}；单侧 α ${alpha}）`,
		nonInferiority: (margin: number | undefined) => `非劣效，非劣效界值 ${margin}`,
		superiority: '优效性',
		withheld: '<em>揭盲前不予公布</em>',
		met: '达到',
		notMet: '未达到',
		lowerBound: (level: number, bound: string, threshold: string) =>
			`${level}% 置信下限 ${bound}，对照 ${threshold}`,
		upperBoundFewer: (level: number, bound: string, threshold: string) =>
			`${level}% 置信上限 ${bound}，对照 ${threshold}（越少越好）`,
		upperBoundRatio: (level: number, bound: string) => `比值的 ${level}% 置信上限 ${bound}，对照 1`,
		declaredLabel: (declared: DeclaredP) =>
			declared.scale === 'ratio'
				? `单侧 p，对照比值 ${formatBound(declared.bound)}`
				: declared.nullHypothesis.startsWith('Δ ≥')
					? `单侧 p，对照 ${formatBound(declared.bound)}（越少越好：H0 Δ ≥ ${formatBound(declared.bound)}）`
					: `单侧 p，对照 ${formatBound(declared.bound)}`,
		notAnalysable: (error: string) => `无法分析：${error}`
	}
};

function endpointName(outcome: EndpointOutcome, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	const { endpoint } = outcome;
	const test =
		endpoint.hypothesis === 'non-inferiority' ? t.nonInferiority(endpoint.margin) : t.superiority;
	const name = escape(metricName(endpoint.metric, lang));
	// NLs per image: the test arm should make fewer false-positive marks than the reference.
	const fewer = endpoint.metric === 'fp_per_image';
	return t.name(name, escape(groupName(endpoint.group, lang)), test, fewer, endpoint.alpha);
}

function decisionText(result: EndpointResult, blinded: boolean, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	if (blinded) return t.withheld;
	const { test } = result;
	const level = 100 * (1 - test.alpha);
	const bound =
		'lowerBound' in test
			? t.lowerBound(level, n(test.lowerBound), n(test.threshold, 2))
			: 'direction' in test
				? t.upperBoundFewer(level, n(test.upperBound), n(test.threshold, 2))
				: t.upperBoundRatio(level, n(test.upperBound));
	const verdict = result.met
		? `<strong class="met">${t.met}</strong>`
		: `<strong class="not-met">${t.notMet}</strong>`;
	return `${verdict} — ${escape(bound)}`;
}

/** What the endpoint table is made from. */
export type EndpointTableInput = Pick<ReportInput, 'analysis' | 'arms' | 'blinded' | 'lang'>;

function declaredPText(result: EndpointResult, blinded: boolean, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	if (blinded) return t.withheld;
	const { declared } = result;
	return `<span class="num">${p(declared.p)}</span> <span class="small">${escape(t.declaredLabel(declared))}</span>`;
}

function endpointRow(outcome: EndpointOutcome, input: EndpointTableInput): string[] {
	const { lang } = input;
	if (!isEndpointResult(outcome)) {
		const reason = inLanguage(lang, TEXT).notAnalysable(verbatim(outcome.error, lang));
		return [endpointName(outcome, lang), DASH, DASH, DASH, DASH, DASH, reason];
	}
	const decimals = decimalsOf(outcome);
	const arm = (label: string) => {
		const row = outcome.arms.find((item) => item.arm === label);
		return interval(row, decimals);
	};
	const difference = interval(outcome.rrrc, decimals);
	return [
		endpointName(outcome, lang),
		arm(input.arms.reference),
		arm(input.arms.test),
		`<span class="num" data-figure="${outcome.endpoint.metric}-rrrc">${difference}</span>`,
		p(outcome.rrrc.pTwoSided),
		declaredPText(outcome, input.blinded, lang),
		decisionText(outcome, input.blinded, lang)
	];
}

/** Every declared endpoint, analysable or not, in protocol order. */
export function endpointTable(input: EndpointTableInput): string {
	const head = inLanguage(input.lang, TEXT).head(
		escape(input.arms.reference),
		escape(input.arms.test)
	);
	const rows = input.analysis.endpoints.map((outcome) => endpointRow(outcome, input));
	return table(head, rows, 'endpoints');
}

// Section 8's table-3 items: the limitations the protocol declares, those the data show — the
// subgroups whose estimate in the test arm lies below the overall interval, those whose interval of
// the difference is more than twice as wide as the overall one (or was truncated), and the AI's
// standalone subgroups more than 10 % apart — and the declared clinical-use restrictions and warnings.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { ReportInput } from '../report-input';
import { inLanguage, type ReportLanguage } from '../report-language';
import { escape, metricName, n, stratumName } from '../html';
import { declaredIn } from '../../design/protocol/declared-text';

/** A subgroup's interval this many times as wide as the overall one is too wide to conclude on. */
export const WIDE_INTERVAL_FACTOR = 2;

const TEXT = {
	en: {
		declared: 'Limitations declared in the protocol',
		comma: ', ',
		noneDeclared: 'The protocol declares no limitations (verification.limitations).',
		shown: 'Limitations the data show',
		noneShown:
			'No subgroup’s estimate lies below the overall interval and no subgroup interval is more than twice as wide as the overall one.',
		below: (metric: string, arm: string, overall: string, groups: string) =>
			`${metric}: in ${groups}, the ${arm} estimate lies below the lower bound of its overall 95 % interval (${overall}); performance there may be lower than overall.`,
		wide: (metric: string, groups: string) =>
			`${metric}: in ${groups}, the 95 % interval of the difference is more than ${WIDE_INTERVAL_FACTOR} times as wide as overall (or was truncated); these subgroups are too small for a conclusion.`,
		ai: (metric: string, stratum: string, low: string, high: string, percent: string) =>
			`AI alone, ${metric} by ${stratum}: ${low} is ${percent} % below ${high}.`,
		restrictions: 'Clinical-use restrictions and warnings',
		noRestrictions:
			'The protocol declares no clinical-use restrictions (verification.use_restrictions).'
	},
	zh: {
		declared: '方案声明的局限性',
		comma: '，',
		noneDeclared: '方案未声明局限性（verification.limitations）。',
		shown: '数据显示的局限性',
		noneShown: '没有亚组的估计值低于总体置信区间，也没有亚组的置信区间宽度超过总体的两倍。',
		below: (metric: string, arm: string, overall: string, groups: string) =>
			`${metric}：在 ${groups} 中，${arm} 的估计值低于其总体 95% 置信区间下限（${overall}）；该亚组的性能可能低于总体。`,
		wide: (metric: string, groups: string) =>
			`${metric}：在 ${groups} 中，差值的 95% 置信区间宽度超过总体的 ${WIDE_INTERVAL_FACTOR} 倍（或已截断）；这些亚组样本量过小，不足以得出结论。`,
		ai: (metric: string, stratum: string, low: string, high: string, percent: string) =>
			`辅助工具单独，按${stratum}的${metric}：${low} 比 ${high} 低 ${percent}%。`,
		restrictions: '临床使用限制及警示建议',
		noRestrictions: '方案未声明临床使用限制（verification.use_restrictions）。'
	}
} satisfies Record<ReportLanguage, unknown>;

type Text = (typeof TEXT)['en'];

/** The limitations the subgroup analyses and the AI's standalone subgroups show. */
export function limitationsShown(input: ReportInput, t: Text = TEXT.en): string[] {
	const lines: string[] = [];
	const name = (metric: string) => metricName(metric, input.lang);
	const group = (stratum: string, value: string) =>
		`${stratumName(stratum, input.lang)} = ${value}`;
	for (const analysis of input.analysis.subgroups) {
		if (analysis.metric === 'reading_time') continue;
		const overall = input.analysis.endpoints
			.filter(isEndpointResult)
			.find((result) => result.endpoint.metric === analysis.metric);
		if (!overall) continue;
		const testArm = overall.arms.find((arm) => arm.arm === input.arms.test);
		const overallWidth = overall.rrrc.ciUpper - overall.rrrc.ciLower;
		const below: string[] = [];
		const wide: string[] = [];
		for (const row of analysis.rows) {
			const arm = row.arms?.find((item) => item.arm === input.arms.test);
			const lowerIsBetter = overall.better === 'lower';
			if (arm && testArm && !lowerIsBetter && arm.estimate < testArm.ciLower)
				below.push(`${group(row.stratum, row.value)} (${n(arm.estimate)})`);
			const difference = row.difference;
			if (
				difference &&
				(difference.truncated ||
					difference.ciUpper - difference.ciLower > WIDE_INTERVAL_FACTOR * overallWidth)
			)
				wide.push(group(row.stratum, row.value));
		}
		if (below.length > 0 && testArm)
			lines.push(
				t.below(
					name(analysis.metric),
					input.arms.test,
					`${n(testArm.estimate)} (${n(testArm.ciLower)}, ${n(testArm.ciUpper)})`,
					below.join(t.comma)
				)
			);
		if (wide.length > 0) lines.push(t.wide(name(analysis.metric), wide.join(t.comma)));
	}
	for (const subgroup of input.analysis.standaloneAi?.subgroups ?? [])
		for (const flag of subgroup.flags)
			lines.push(
				t.ai(
					name(flag.metric),
					stratumName(subgroup.stratum, input.lang),
					flag.low,
					flag.high,
					(100 * flag.relativeDifference).toFixed(1)
				)
			);
	return lines;
}

const list = (items: string[]) =>
	`<ul>${items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;

export function declaredLimitationsPart(input: ReportInput): string {
	const verification = input.verification;
	if (!verification) return '';
	const t = inLanguage(input.lang, TEXT);
	const declared = verification.limitations.map((text) => declaredIn(text, input.lang));
	const shown = limitationsShown(input, t);
	const restrictions = verification.useRestrictions.map((text) => declaredIn(text, input.lang));
	return `<h3>${t.declared}</h3>${declared.length > 0 ? list(declared) : `<p>${escape(t.noneDeclared)}</p>`}
<h3>${t.shown}</h3>${shown.length > 0 ? list(shown) : `<p>${escape(t.noneShown)}</p>`}
<h3>${t.restrictions}</h3>${restrictions.length > 0 ? list(restrictions) : `<p>${escape(t.noRestrictions)}</p>`}`;
}

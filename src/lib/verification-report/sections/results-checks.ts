// Section 6.7 and 6.8: the readers' agreement per arm (with the AI only after unblinding) and
// the crossover checks (period and sequence effects).
import type { ArmAgreement } from '../../stats/trial/reader-agreement';
import type { PeriodEffect, SequenceEffect } from '../../stats/trial/crossover-checks';
import type { ReportInput } from '../report-input';
import { ci, DASH, escape, interval, n, p, table } from '../html';
import { systemText } from './system-texts';
import { inLanguage, type ReportLanguage } from '../report-language';

const TEXT = {
	en: {
		head: [
			'Arm',
			"Fleiss' kappa (95 % CI)",
			"Mean pairwise Cohen's kappa",
			"Mean Cohen's kappa with the AI"
		],
		afterUnblinding: '<em>after unblinding</em>',
		period: (period: string) => period,
		periodEffect: (periods: string, difference: string, pValue: string) =>
			`Period effect (${periods}):
difference ${difference}, p = ${pValue}.`,
		group: (sequence: string, readers: number, mean: string) =>
			`${sequence}: ${readers} readers, mean difference ${mean}`,
		sequenceEffect: (groups: string, difference: string, df: string, pValue: string) =>
			`Sequence effect (${groups}):
${difference}, Welch df ${df}, p = ${pValue}.`
	},
	zh: {
		head: [
			'组别',
			'Fleiss kappa（95% 置信区间）',
			'两两 Cohen kappa 均值',
			'与 AI 的 Cohen kappa 均值'
		],
		afterUnblinding: '<em>揭盲后给出</em>',
		period: (period: string) => period.replace(/^period (\d+)$/, '第 $1 时期'),
		periodEffect: (periods: string, difference: string, pValue: string) =>
			`时期效应（${periods}）：差值 ${difference}，p = ${pValue}。`,
		group: (sequence: string, readers: number, mean: string) =>
			`${sequence}：${readers} 名阅片者，平均差值 ${mean}`,
		sequenceEffect: (groups: string, difference: string, df: string, pValue: string) =>
			`序列效应（${groups}）：${difference}，Welch 自由度 ${df}，p = ${pValue}。`
	}
};

const kappaInterval = (fleiss: ArmAgreement['fleiss']): string =>
	fleiss ? ci(fleiss.kappa, fleiss.ciLower, fleiss.ciUpper, 3) : DASH;

export function agreementTable(input: ReportInput): string {
	if (input.analysis.agreement.length === 0) return '';
	const t = inLanguage(input.lang, TEXT);
	const rows = input.analysis.agreement.map((row) => [
		escape(row.arm),
		kappaInterval(row.fleiss),
		n(row.meanPairwiseCohen, 3),
		input.blinded ? t.afterUnblinding : n(row.meanCohenWithAi, 3)
	]);
	return table(t.head, rows, 'compact');
}

function periodText(period: PeriodEffect, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	const periods = period.periods
		.map((row) => `${t.period(String(row.period))}: ${n(row.estimate, 3)}`)
		.join(', ');
	const { difference } = period;
	return `<p>${t.periodEffect(escape(periods), interval(difference), p(difference.p))}</p>`;
}

function sequenceText(sequence: SequenceEffect, lang: ReportLanguage): string {
	const t = inLanguage(lang, TEXT);
	const groups = sequence.groups
		.map((row) => t.group(row.sequence, row.readers, n(row.meanDifference)))
		.join('; ');
	return `<p>${t.sequenceEffect(escape(groups), interval(sequence), n(sequence.df, 1), p(sequence.p))}</p>`;
}

export function crossoverText(input: ReportInput): string {
	const { period, sequence, notes } = input.analysis.crossover;
	const parts: string[] = [];
	if (period) parts.push(periodText(period, input.lang));
	if (sequence) parts.push(sequenceText(sequence, input.lang));
	for (const note of notes) parts.push(`<p class="small">${systemText(note, input.lang)}</p>`);
	return parts.join('');
}

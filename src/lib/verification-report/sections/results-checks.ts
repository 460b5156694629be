// Section 6.7 and 6.8: the readers' agreement per arm (with the AI only after unblinding) and
// the crossover checks (period and sequence effects).
import type { ArmAgreement } from '../../stats/trial/reader-agreement';
import type { PeriodEffect, SequenceEffect } from '../../stats/trial/crossover-checks';
import type { ReportInput } from '../report-input';
import { ci, DASH, escape, interval, n, p, table } from '../html';

const kappaInterval = (fleiss: ArmAgreement['fleiss']): string =>
	fleiss ? ci(fleiss.kappa, fleiss.ciLower, fleiss.ciUpper, 3) : DASH;

export function agreementTable(input: ReportInput): string {
	if (input.analysis.agreement.length === 0) return '';
	const head = [
		'Arm',
		"Fleiss' kappa (95 % CI)",
		"Mean pairwise Cohen's kappa",
		"Mean Cohen's kappa with the AI"
	];
	const rows = input.analysis.agreement.map((row) => [
		escape(row.arm),
		kappaInterval(row.fleiss),
		n(row.meanPairwiseCohen, 3),
		input.blinded ? '<em>after unblinding</em>' : n(row.meanCohenWithAi, 3)
	]);
	return table(head, rows, 'compact');
}

function periodText(period: PeriodEffect): string {
	const periods = period.periods.map((row) => `${row.period}: ${n(row.estimate, 3)}`).join(', ');
	const { difference } = period;
	return `<p>Period effect (${escape(periods)}):
difference ${interval(difference)}, p = ${p(difference.p)}.</p>`;
}

function sequenceText(sequence: SequenceEffect): string {
	const groups = sequence.groups
		.map(
			(row) => `${row.sequence}: ${row.readers} readers, mean difference ${n(row.meanDifference)}`
		)
		.join('; ');
	return `<p>Sequence effect (${escape(groups)}):
${interval(sequence)}, Welch df ${n(sequence.df, 1)}, p = ${p(sequence.p)}.</p>`;
}

export function crossoverText(input: ReportInput): string {
	const { period, sequence, notes } = input.analysis.crossover;
	const parts: string[] = [];
	if (period) parts.push(periodText(period));
	if (sequence) parts.push(sequenceText(sequence));
	for (const note of notes) parts.push(`<p class="small">${escape(note)}</p>`);
	return parts.join('');
}

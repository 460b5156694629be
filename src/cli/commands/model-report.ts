// The standalone evaluation as a plain-text table for a report.
import type {
	GroupPerformance,
	StandaloneEvaluation
} from '../../lib/server/ai/standalone-evaluation.service';
import { formatAiValue } from '../../lib/domain/ai-format';

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function proportion(
	estimate: {
		estimate: number;
		ciLower: number;
		ciUpper: number;
		successes: number;
		trials: number;
	} | null
): string {
	if (!estimate) return 'n/a';
	return `${percent(estimate.estimate)} (${percent(estimate.ciLower)}–${percent(estimate.ciUpper)}) ${estimate.successes}/${estimate.trials}`;
}

function row(group: GroupPerformance): string {
	const auc = group.auc
		? `${group.auc.auc.toFixed(3)} (${group.auc.ciLower.toFixed(3)}–${group.auc.ciUpper.toFixed(3)})`
		: 'n/a';
	return [
		group.group.padEnd(12),
		String(group.cases).padStart(5),
		proportion(group.binary.sensitivity).padEnd(28),
		proportion(group.binary.specificity).padEnd(28),
		auc
	].join('  ');
}

export function formatEvaluation(evaluation: StandaloneEvaluation): string {
	const header = [
		'group'.padEnd(12),
		'cases'.padStart(5),
		'sensitivity (95% CI)'.padEnd(28),
		'specificity (95% CI)'.padEnd(28),
		'AUC (95% CI, DeLong)'
	].join('  ');
	const lines = [
		`Standalone performance of ${evaluation.model.name} ${evaluation.model.version} (sha256 ${evaluation.model.sha256.slice(0, 16)}…), threshold ${formatAiValue(evaluation.model.threshold)}`,
		`Cases the model could not process: ${evaluation.failures.length}, counted as ${evaluation.failureRule} calls with the ${evaluation.failureRule === 'negative' ? 'lowest' : 'highest'} score`,
		'',
		header,
		row(evaluation.overall)
	];
	for (const subgroup of evaluation.subgroups) {
		lines.push('', `by ${subgroup.stratum}`, ...subgroup.groups.map(row));
		for (const flag of subgroup.flags) {
			lines.push(
				`FLAG: ${flag.metric} differs by ${percent(flag.relativeDifference)} between ${subgroup.stratum} ${flag.low} and ${flag.high} (> 10 %)`
			);
		}
	}
	if (evaluation.failures.length > 0)
		lines.push(
			'',
			'Failed cases:',
			...evaluation.failures.map((failure) => `  ${failure.caseKey}: ${failure.error}`)
		);
	return `${lines.join('\n')}\n`;
}

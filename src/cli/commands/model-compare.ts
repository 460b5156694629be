// `tandem model compare`: the study's model against a second registered version, paired.
import type { Command } from 'commander';
import {
	compareModels,
	type ComparedModel,
	type ModelComparison
} from '../../lib/server/ai/model-comparison.service';
import type { McNemarResult } from '../../lib/stats/hypothesis/mcnemar';
import { choiceOption, integerIn } from '../option-parsers';
import { runRescoring } from './model-rescoring-run';

export function registerModelCompare(model: Command): void {
	model
		.command('compare')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--with <name@version>', 'the registered model version to compare with')
		.option('--sample <n>', 'a reproducible sample of n cases', integerIn(4, 1_000_000, '--sample'))
		.option('--seed <n>', 'seed of the sample', integerIn(0, 2 ** 31 - 1, '--seed'))
		.addOption(choiceOption('--format <format>', 'output', ['text', 'json']).default('text'))
		.option('--json', 'same as --format json')
		.description(
			"score the study's cases with a second model version and compare paired: AUC difference (DeLong), McNemar on the calls, per-case agreement; the study's model must have scored every case"
		)
		.action(
			async (options: {
				study: string;
				with: string;
				sample?: number;
				seed?: number;
				format: 'text' | 'json';
				json?: boolean;
			}) => {
				await runRescoring({
					label: 'compare',
					json: options.json === true || options.format === 'json',
					run: (db, principal, pool, onProgress) =>
						compareModels(db, principal, pool, options.study, {
							with: options.with,
							sample: options.sample,
							seed: options.seed,
							onProgress
						}),
					table: formatComparison
				});
			}
		);
}

const fixed = (value: number | undefined | null, digits = 3) =>
	value === undefined || value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
const pValue = (p: number) => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));

function modelRow(label: string, model: ComparedModel): string {
	const { performance } = model;
	const proportion = (estimate: typeof performance.binary.sensitivity) =>
		estimate ? `${fixed(estimate.estimate)} (${estimate.successes}/${estimate.trials})` : 'n/a';
	return [
		`${label} ${model.name} ${model.version}`.padEnd(34),
		fixed(model.threshold, 4).padStart(9),
		`${fixed(performance.auc?.auc)} (${fixed(performance.auc?.ciLower)}–${fixed(performance.auc?.ciUpper)})`.padEnd(
			21
		),
		proportion(performance.binary.sensitivity).padEnd(16),
		proportion(performance.binary.specificity).padEnd(16),
		String(model.failures).padStart(8)
	].join(' ');
}

function mcnemarRow(label: string, test: McNemarResult): string {
	return [
		label.padEnd(22),
		`${test.onlyFirst} / ${test.onlySecond}`.padStart(9),
		(test.chiSquare === null ? 'n/a' : test.chiSquare.toFixed(3)).padStart(8),
		pValue(test.chiSquareP).padStart(9),
		pValue(test.exactP).padStart(9)
	].join(' ');
}

export function formatComparison(comparison: ModelComparison): string {
	const { auc, calls, agreement } = comparison;
	const lines = [
		`Paired comparison on ${comparison.cases} cases (${comparison.positive} diseased)${comparison.sample ? `, a sample of seed ${comparison.sample.seed}` : ''}`,
		`first:  ${comparison.first.name} ${comparison.first.version} sha256 ${comparison.first.sha256.slice(0, 16)}… (the study's model, stored results)`,
		`second: ${comparison.second.name} ${comparison.second.version} sha256 ${comparison.second.sha256.slice(0, 16)}… (scored now)`,
		'',
		[
			'model'.padEnd(34),
			'threshold'.padStart(9),
			'AUC (95% CI)'.padEnd(21),
			'sensitivity'.padEnd(16),
			'specificity'.padEnd(16),
			'failures'.padStart(8)
		].join(' '),
		modelRow('first ', comparison.first),
		modelRow('second', comparison.second),
		'',
		`AUC difference (second − first, DeLong, correlated ROC curves): ${auc.difference >= 0 ? '+' : ''}${fixed(auc.difference, 4)} (95% CI ${fixed(auc.ciLower, 4)} to ${fixed(auc.ciUpper, 4)}), SE ${fixed(auc.se, 4)}, z ${fixed(auc.z, 3)}, p ${Number.isFinite(auc.p) ? pValue(auc.p) : 'n/a'}`,
		'',
		"McNemar on the calls at each model's threshold",
		[
			'cases'.padEnd(22),
			'b / c'.padStart(9),
			'χ² (cc)'.padStart(8),
			'p'.padStart(9),
			'exact p'.padStart(9)
		].join(' '),
		mcnemarRow('all', calls.all),
		mcnemarRow('diseased (sens.)', calls.diseased),
		mcnemarRow('non-diseased (spec.)', calls.nonDiseased),
		'  b: called positive by the first only, c: by the second only',
		'',
		`Agreement: ${agreement.identicalCalls} of ${comparison.cases} calls identical (${(100 * agreement.share).toFixed(1)}%), Cohen's κ ${fixed(agreement.kappa)}; |score difference| mean ${fixed(agreement.meanAbsoluteScoreDifference, 4)}, max ${fixed(agreement.maxAbsoluteScoreDifference, 4)}`
	];
	if (agreement.differing.length > 0)
		lines.push(
			`Calls that differ: ${agreement.differing
				.map((item) => `${item.caseKey} (truth ${item.truth}: ${item.first}→${item.second})`)
				.join(', ')}`
		);
	return `${lines.join('\n')}\n`;
}

// `tandem model robustness`: the declared perturbations on the study's cases, as a table or JSON.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { runRobustness, type RobustnessReport } from '../../lib/server/ai/robustness.service';
import { PERTURBATION_KINDS, type PerturbationKind } from '../../lib/imaging/perturbation';
import { choiceOption, integerIn, numberIn } from '../option-parsers';
import { runRescoring } from './model-rescoring-run';

function kindList(raw: string): PerturbationKind[] {
	const kinds = raw.split(',').map((kind) => kind.trim());
	for (const kind of kinds)
		if (!(PERTURBATION_KINDS as readonly string[]).includes(kind))
			throw new InvalidArgumentError(
				`--perturbations takes a comma-separated list of ${PERTURBATION_KINDS.join(', ')}, got '${kind}'.`
			);
	return [...new Set(kinds)] as PerturbationKind[];
}

export function registerModelRobustness(model: Command): void {
	model
		.command('robustness')
		.requiredOption('--study <slug>', 'study')
		.option(
			'--perturbations <kinds>',
			`which perturbations to run (${PERTURBATION_KINDS.join(',')}; default: the protocol's ai_model.robustness, else all)`,
			kindList
		)
		.option(
			'--tolerance <share>',
			'largest relative change of AUC, sensitivity and specificity accepted (default 0.1)',
			numberIn(0.001, 1, '--tolerance')
		)
		.option('--sample <n>', 'a reproducible sample of n cases', integerIn(4, 1_000_000, '--sample'))
		.option('--seed <n>', 'seed of the noise and the sample', integerIn(0, 2 ** 31 - 1, '--seed'))
		.addOption(choiceOption('--format <format>', 'output', ['text', 'json']).default('text'))
		.option('--json', 'same as --format json')
		.description(
			'score the cases again with perturbed pixels (noise, contrast, resampling, rotation) and report the change of scores, calls and standalone figures against a tolerance; every case must be scored first'
		)
		.action(
			async (options: {
				study: string;
				perturbations?: PerturbationKind[];
				tolerance?: number;
				sample?: number;
				seed?: number;
				format: 'text' | 'json';
				json?: boolean;
			}) => {
				await runRescoring({
					label: 'robustness',
					json: options.json === true || options.format === 'json',
					run: (db, principal, pool, onProgress) =>
						runRobustness(db, principal, pool, options.study, {
							kinds: options.perturbations,
							tolerance: options.tolerance,
							sample: options.sample,
							seed: options.seed,
							onProgress
						}),
					table: formatRobustness
				});
			}
		);
}

const signed = (value: number, digits = 3) =>
	Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a';
const percent = (value: number) =>
	Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${(100 * value).toFixed(1)}%` : 'n/a';
const fixed = (value: number | undefined, digits = 3) =>
	value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);

const LEVEL_UNITS: Record<PerturbationKind, (level: number) => string> = {
	noise: (level) => `σ ${(100 * level).toFixed(1)}% of range`,
	window: (level) => `contrast ${percent(level)}`,
	resample: (level) => `down ×${level}`,
	rotate: (level) => `${signed(level, 1)}°`
};

export function formatRobustness(report: RobustnessReport): string {
	const base = report.unperturbed;
	const lines = [
		`Robustness of ${report.model.name} ${report.model.version} (sha256 ${report.model.sha256.slice(0, 16)}…), threshold ${report.model.threshold}`,
		`${report.cases} cases (${report.positive} diseased)${report.settings.sample === undefined ? '' : `, a sample of seed ${report.settings.seed}`}; perturbations from ${report.source}; tolerance ±${(100 * report.settings.tolerance).toFixed(1)}% relative change of AUC, sensitivity and specificity`,
		`Unperturbed (stored results): AUC ${fixed(base.auc?.auc)} (${fixed(base.auc?.ciLower)}–${fixed(base.auc?.ciUpper)}), sensitivity ${fixed(base.binary.sensitivity?.estimate)}, specificity ${fixed(base.binary.specificity?.estimate)}`,
		'',
		[
			'perturbation'.padEnd(24),
			'|Δscore| mean'.padStart(13),
			'max'.padStart(6),
			'flips'.padStart(11),
			'AUC (95% CI)'.padEnd(21),
			'ΔAUC'.padStart(14),
			'sens'.padStart(6),
			'Δsens'.padStart(8),
			'spec'.padStart(6),
			'Δspec'.padStart(8),
			'  verdict'
		].join(' ')
	];
	for (const outcome of report.outcomes) {
		const change = (metric: string) => outcome.changes.find((item) => item.metric === metric)!;
		const auc = outcome.performance.auc;
		lines.push(
			[
				`${outcome.kind} ${LEVEL_UNITS[outcome.kind](outcome.level)}`.padEnd(24),
				fixed(outcome.meanAbsoluteChange, 4).padStart(13),
				fixed(outcome.maxAbsoluteChange, 3).padStart(6),
				`${outcome.flipped} (${(100 * outcome.flipShare).toFixed(1)}%)`.padStart(11),
				`${fixed(auc?.auc)} (${fixed(auc?.ciLower)}–${fixed(auc?.ciUpper)})`.padEnd(21),
				`${signed(change('auc').difference)} ${percent(change('auc').relative)}`.padStart(14),
				fixed(change('sensitivity').perturbed).padStart(6),
				percent(change('sensitivity').relative).padStart(8),
				fixed(change('specificity').perturbed).padStart(6),
				percent(change('specificity').relative).padStart(8),
				outcome.withinTolerance ? '  within' : '  OUTSIDE'
			].join(' ')
		);
		for (const failure of outcome.failures)
			lines.push(`  failed ${failure.caseKey}: ${failure.error}`);
	}
	const outside = report.outcomes.filter((outcome) => !outcome.withinTolerance);
	lines.push(
		'',
		outside.length === 0
			? `WITHIN TOLERANCE: every perturbation changed AUC, sensitivity and specificity by at most ${(100 * report.settings.tolerance).toFixed(1)}% of their unperturbed values.`
			: `OUTSIDE TOLERANCE: ${outside.map((outcome) => `${outcome.kind} ${outcome.level}`).join(', ')} changed AUC, sensitivity or specificity by more than ${(100 * report.settings.tolerance).toFixed(1)}% of the unperturbed value.`
	);
	return `${lines.join('\n')}\n`;
}

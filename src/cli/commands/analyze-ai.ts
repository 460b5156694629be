// `tandem analyze --ai ai-outputs.csv --truth truth.csv`: the AI's standalone figures from a blind
// export alone — AUC with its DeLong interval, sensitivity and specificity at the model's threshold
// with Wilson intervals, a failed case counted by the file's failure rule — computed by the same
// functions as the analysis page's and the report's AI section.
import { decodeCsvBytes } from '../../lib/stats/input/csv-bytes';
import { AiOutputsInputError, parseAiOutputs } from '../../lib/stats/input/ai-outputs-csv';
import { groupPerformance } from '../../lib/stats/single-reader/standalone-performance';
import { CliError } from '../cli-error';
import { readInputFile } from '../lesion-input';

export function runAiAnalyze(flags: { ai: string; truth?: string; format: 'json' | 'text' }): void {
	if (flags.truth === undefined)
		throw new CliError(
			"tandem analyze: --ai goes with --truth <truth.csv> (case,truth; the export's truth.csv)",
			1
		);
	const text = (path: string, option: string) => {
		try {
			return decodeCsvBytes(readInputFile('analyze', path, option));
		} catch (error) {
			if (error instanceof CliError) throw error;
			throw new CliError(`${path}: ${error instanceof Error ? error.message : String(error)}`, 1);
		}
	};
	let table;
	try {
		table = parseAiOutputs(text(flags.ai, '--ai'), text(flags.truth, '--truth'), {
			outputs: flags.ai,
			truth: flags.truth
		});
	} catch (error) {
		if (error instanceof AiOutputsInputError) throw new CliError(error.message, 1);
		throw error;
	}
	const performance = groupPerformance('all cases', table.cases);
	const { sensitivity, specificity } = performance.binary;
	const interval = (value: { estimate: number; ciLower: number; ciUpper: number } | null) =>
		value && { estimate: value.estimate, ci_lower: value.ciLower, ci_upper: value.ciUpper };
	const result = {
		model: table.model,
		threshold: table.threshold,
		failure_rule: table.failureRule,
		cases: performance.cases,
		positive: performance.positive,
		failed: table.cases.filter((item) => item.failed).length,
		auc: performance.auc && {
			estimate: performance.auc.auc,
			se: performance.auc.se,
			ci_lower: performance.auc.ciLower,
			ci_upper: performance.auc.ciUpper
		},
		sensitivity: interval(sensitivity),
		specificity: interval(specificity),
		matrix: performance.binary.matrix
	};
	if (flags.format === 'json') {
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		return;
	}
	const figure = (value: { estimate: number; ci_lower: number; ci_upper: number } | null) =>
		value
			? `${value.estimate.toFixed(4)} (95% CI ${value.ci_lower.toFixed(4)} to ${value.ci_upper.toFixed(4)})`
			: 'n/a';
	process.stdout.write(
		[
			`AI standalone: ${result.model.name} ${result.model.version} (sha256 ${result.model.sha256})`,
			`cases ${result.cases} (${result.positive} diseased), failed ${result.failed} counted ${result.failure_rule}`,
			`AUC ${figure(result.auc)} (DeLong)`,
			`sensitivity at ${result.threshold} ${figure(result.sensitivity)} (Wilson)`,
			`specificity at ${result.threshold} ${figure(result.specificity)} (Wilson)`
		].join('\n') + '\n'
	);
}

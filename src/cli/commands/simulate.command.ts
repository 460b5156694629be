// `tandem simulate`: Monte Carlo type I error and interval coverage of the RRRC OR test on
// Roe & Metz (1997) null studies. Progress goes to stderr: one line rewritten in place on a
// terminal, a line every 10 % otherwise (logs, CI). Thin: src/lib/stats/simulate does the work.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DesignError } from '../../lib/stats/mrmc/design-checks';
import { createRandom } from '../../lib/stats/random';
import { simulateNullStudies, type NullStudyOptions } from '../../lib/stats/simulate/null-study';
import {
	nullStudyReportToJson,
	nullStudyReportToText
} from '../../lib/stats/simulate/null-study-report';
import {
	ROE_METZ_STRUCTURES,
	separationForAuc,
	simulateRoeMetz,
	toLongCsv,
	type RoeMetzStructure
} from '../../lib/stats/simulate/roe-metz';
import { CliError } from '../cli-error';
import { choiceOption, integerIn, numberIn } from '../option-parsers';

interface SimulateFlags {
	studies: number;
	readers: number;
	cases: number;
	positiveFraction: number;
	structure: RoeMetzStructure;
	auc: number;
	seed: number;
	alpha: number;
	covariance: 'jackknife' | 'delong';
	format: 'json' | 'text';
	exampleCsv?: string;
}

/** Progress on stderr: rewritten in place on a TTY, otherwise a line per 10 %. */
function progressReporter(stream: NodeJS.WriteStream): {
	update(done: number, total: number): void;
	finish(): void;
} {
	let lastShown = -1;
	let lastTime = 0;
	return {
		update(done, total) {
			const percent = Math.floor((100 * done) / total);
			if (stream.isTTY) {
				const now = Date.now();
				if (done !== total && now - lastTime < 100) return;
				lastTime = now;
				stream.write(`\rsimulating: ${done}/${total} studies (${percent}%)`);
			} else if (Math.floor(percent / 10) > Math.floor(lastShown / 10) || done === total) {
				if (percent === lastShown) return;
				lastShown = percent;
				stream.write(`simulating: ${done}/${total} studies (${percent}%)\n`);
			}
		},
		finish() {
			if (stream.isTTY) stream.write('\n');
		}
	};
}

function nullStudyOptions(flags: SimulateFlags): Omit<NullStudyOptions, 'onProgress'> {
	const positiveCases = Math.round(flags.cases * flags.positiveFraction);
	const negativeCases = flags.cases - positiveCases;
	if (positiveCases < 2 || negativeCases < 2) {
		throw new CliError(
			`tandem simulate: --cases ${flags.cases} with --positive-fraction ${flags.positiveFraction} leaves ${positiveCases} diseased and ${negativeCases} non-diseased cases; at least 2 of each are needed`,
			1
		);
	}
	const variances = ROE_METZ_STRUCTURES[flags.structure];
	return {
		studies: flags.studies,
		readers: flags.readers,
		positiveCases,
		negativeCases,
		separation: separationForAuc(flags.auc, variances),
		variances,
		seed: flags.seed,
		alpha: flags.alpha,
		covariance: flags.covariance
	};
}

function runSimulate(flags: SimulateFlags): void {
	const options = nullStudyOptions(flags);
	if (flags.exampleCsv) {
		// Study 1 of the run: the same seed gives the same first study.
		const design = { ...options, separations: [options.separation, options.separation] };
		writeFileSync(flags.exampleCsv, toLongCsv(simulateRoeMetz(design, createRandom(flags.seed))));
	}
	const progress = progressReporter(process.stderr);
	let result;
	try {
		result = simulateNullStudies({ ...options, onProgress: progress.update });
	} catch (error) {
		if (error instanceof DesignError || error instanceof RangeError)
			throw new CliError(`tandem simulate: ${error.message}`, 1);
		throw error;
	} finally {
		progress.finish();
	}
	const report = { structure: flags.structure, auc: flags.auc, options, result };
	process.stdout.write(
		flags.format === 'json'
			? `${JSON.stringify(nullStudyReportToJson(report), null, 1)}\n`
			: nullStudyReportToText(report)
	);
}

export function registerSimulate(program: Command): void {
	program
		.command('simulate')
		.description(
			'type I error and CI coverage of the RRRC OR test on Roe & Metz (1997) null studies'
		)
		.option(
			'--studies <k>',
			'number of simulated null studies',
			integerIn(1, 1e7, '--studies'),
			2000
		)
		.option('--readers <r>', 'readers per study', integerIn(2, 1000, '--readers'), 5)
		.option('--cases <c>', 'cases per study', integerIn(4, 1e6, '--cases'), 100)
		.option(
			'--positive-fraction <f>',
			'fraction of diseased cases',
			numberIn(0.001, 0.999, '--positive-fraction'),
			0.5
		)
		.addOption(
			choiceOption('--structure <name>', 'Roe & Metz 1997 variance structure', [
				'HH',
				'HL',
				'LH',
				'LL'
			]).default('HL')
		)
		.option(
			'--auc <auc>',
			'typical-reader AUC of both modalities, Φ(μ/√2)',
			numberIn(0.5, 0.9999, '--auc'),
			0.75
		)
		.option(
			'--seed <n>',
			'random seed (32-bit integer)',
			integerIn(0, 2 ** 32 - 1, '--seed'),
			20240601
		)
		.option(
			'--alpha <alpha>',
			'two-sided level of the test and intervals',
			numberIn(1e-6, 0.5, '--alpha'),
			0.05
		)
		.addOption(
			choiceOption('--covariance <name>', 'case covariance estimator', [
				'jackknife',
				'delong'
			]).default('jackknife')
		)
		.option('--example-csv <path>', 'also write the first simulated study as a reads CSV')
		.addOption(choiceOption('--format <format>', 'output format', ['json', 'text']).default('text'))
		.action((flags: SimulateFlags) => runSimulate(flags));
}

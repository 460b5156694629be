// `tandem power`: readers × cases needed for a target power, from pilot Obuchowski–Rockette
// variance components (Hillis, Obuchowski & Berbaum 2011). The pilot is a JSON document (the
// output of `tandem analyze --format json`, the analysis.json of `tandem report`, or { var_tr,
// var, cov1, cov2, cov3, cases }) or a pilot reads CSV analysed with the OR method, its
// difference read as test − reference. Thin: the statistics live in src/lib/stats/power.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseLongCsvBytes, ReadsInputError } from '../../lib/stats/input/long-csv';
import { DesignError } from '../../lib/stats/mrmc/design-checks';
import type {
	PilotComponents,
	PowerSettings
} from '../../lib/stats/power/hillis-obuchowski-berbaum';
import {
	PilotInputError,
	pilotFromJson,
	pilotFromStudy
} from '../../lib/stats/power/pilot-components';
import type { ReportFom } from '../../lib/stats/analysis-report';
import { isLesionFom, LESION_FIGURES } from '../../lib/stats/lesion/lesion-figures';
import { LesionInputError } from '../../lib/stats/input/lesion-csv';
import { lesionPilot } from './power-lesion-pilot';
import {
	buildPowerReport,
	powerReportToJson,
	powerReportToText
} from '../../lib/stats/power/power-report';
import { CliError } from '../cli-error';
import { choiceOption, numberIn } from '../option-parsers';

interface PowerFlags {
	pilot?: string;
	input?: string;
	/** The lesion-level pilot's truth lesions (with --input marks.csv). */
	truth?: string;
	/** Default: auc, or wafroc with --truth. */
	fom?: ReportFom;
	covariance: 'jackknife' | 'delong' | 'bootstrap';
	effect: number;
	margin: number;
	alpha: number;
	power: number;
	readers: number[];
	sides: 'one-sided' | 'two-sided';
	format: 'json' | 'text';
	reference?: string;
	test?: string;
	aided?: string;
	unaided?: string;
}

/** "4..20", "4,6,8" or "6": reader counts, each a whole number ≥ 2. */
export function parseReaderCounts(raw: string): number[] {
	const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(raw);
	const counts = range
		? Array.from(
				{ length: Math.max(Number(range[2]) - Number(range[1]) + 1, 0) },
				(_, i) => Number(range[1]) + i
			)
		: raw.split(',').map((part) => Number(part.trim()));
	if (
		counts.length === 0 ||
		counts.length > 200 ||
		counts.some((count) => !Number.isInteger(count) || count < 2 || count > 10_000)
	) {
		throw new InvalidArgumentError(
			`--readers must be a range like 4..20 or a list like 4,6,8 of whole numbers ≥ 2, got '${raw}'.`
		);
	}
	return counts;
}

function readBytes(path: string, flag: string): Buffer {
	try {
		return readFileSync(path);
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new CliError(`tandem power: cannot read ${flag} '${path}' (${reason})`, 1);
	}
}

function loadPilot(flags: PowerFlags): { pilot: PilotComponents; notes: string[] } {
	if ((flags.pilot === undefined) === (flags.input === undefined)) {
		throw new CliError(
			'tandem power: give exactly one of --pilot <components.json> or --input <pilot-reads.csv>',
			1
		);
	}
	if (flags.test === 'one-sided' || flags.test === 'two-sided') {
		throw new CliError(
			`tandem power: --test names the test modality; the kind of test is --sides ${flags.test}`,
			1
		);
	}
	if (flags.pilot !== undefined) {
		const named = [flags.reference, flags.test, flags.aided, flags.unaided].some(
			(value) => value !== undefined
		);
		if (named)
			throw new CliError(
				'tandem power: --reference/--test apply to --input; with --pilot give --effect as test − reference',
				1
			);
		let document: unknown;
		try {
			document = JSON.parse(readBytes(flags.pilot, '--pilot').toString('utf8'));
		} catch (error) {
			if (error instanceof CliError) throw error;
			throw new CliError(
				`${flags.pilot}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
				1
			);
		}
		const { pilot, source } = pilotFromJson(document, flags.fom ?? 'auc');
		return {
			pilot,
			notes: [`pilot components from ${source ? `${source} of ` : ''}${flags.pilot}`]
		};
	}
	const path = flags.input as string;
	if (flags.truth !== undefined || (flags.fom !== undefined && isLesionFom(flags.fom)))
		return lesionPilot(flags as PowerFlags & { input: string }, readBytes);
	const fom = flags.fom ?? 'auc';
	if (fom !== 'auc' && fom !== 'sensitivity' && fom !== 'specificity')
		throw new CliError(`tandem power: --fom ${fom} is not a case-level figure of merit`, 1);
	const { pilot, observedDifference, orientationText } = pilotFromStudy(
		parseLongCsvBytes(readBytes(path, '--input')),
		{
			fom,
			covariance: flags.covariance,
			test: flags.test,
			reference: flags.reference,
			aided: flags.aided,
			unaided: flags.unaided
		}
	);
	return {
		pilot,
		notes: [
			`pilot components from the OR analysis of ${path} (${fom}, ${flags.covariance}); observed difference ${orientationText} ${observedDifference.toFixed(4)}`
		]
	};
}

function runPower(flags: PowerFlags): void {
	try {
		const { pilot, notes } = loadPilot(flags);
		if (flags.sides === 'two-sided' && flags.margin !== 0) {
			throw new CliError(
				'tandem power: --margin applies to the one-sided (non-inferiority) test; drop it or use --sides one-sided',
				1
			);
		}
		const settings: PowerSettings = {
			effect: flags.effect,
			margin: flags.margin,
			alpha: flags.alpha,
			test: flags.sides
		};
		const report = buildPowerReport(pilot, settings, flags.readers, flags.power, notes);
		process.stdout.write(
			flags.format === 'json'
				? `${JSON.stringify(powerReportToJson(report), null, 1)}\n`
				: powerReportToText(report)
		);
	} catch (error) {
		if (error instanceof ReadsInputError) throw new CliError(`${flags.input}: ${error.message}`, 1);
		if (error instanceof LesionInputError) throw new CliError(`tandem power: ${error.message}`, 1);
		if (
			error instanceof PilotInputError ||
			error instanceof DesignError ||
			error instanceof RangeError
		) {
			throw new CliError(`tandem power: ${error.message}`, 1);
		}
		throw error;
	}
}

export function registerPower(program: Command): void {
	program
		.command('power')
		.description(
			'readers × cases needed for a target power (Hillis–Obuchowski–Berbaum 2011, OR RRRC, Hillis ddf)'
		)
		.option(
			'--pilot <path>',
			'pilot OR components: `tandem analyze --format json` output, the analysis.json of `tandem report` (its --fom endpoint) or { var_tr, var, cov1, cov2, cov3, cases }'
		)
		.option(
			'--input <path>',
			'pilot reads CSV (reader,modality,case,truth,rating[,decision]) with two modalities'
		)
		.option(
			'--truth <path>',
			'with --input <marks.csv>: a lesion-level (FROC) pilot, its truth lesions CSV case,lesion[,weight] (as `tandem analyze --truth`)'
		)
		.option(
			'--reference <modality>',
			'--input: the reference modality; the difference is test − reference (default: 1st of two in natural order)'
		)
		.option('--test <modality>', '--input: the test modality (default: the other of two)')
		.option('--aided <modality>', 'another name for --test')
		.option('--unaided <modality>', 'another name for --reference')
		.addOption(
			choiceOption(
				'--fom <name>',
				"figure of merit for --input and a report's analysis.json (default: auc; wafroc with --truth)",
				['auc', 'sensitivity', 'specificity', ...Object.keys(LESION_FIGURES)]
			)
		)
		.addOption(
			choiceOption('--covariance <name>', 'covariance for --input', [
				'jackknife',
				'delong',
				'bootstrap'
			]).default('jackknife')
		)
		.requiredOption(
			'--effect <d>',
			'expected difference test − reference on the FOM scale',
			numberIn(-1, 1, '--effect')
		)
		.option(
			'--margin <delta>',
			'non-inferiority margin (one-sided test; 0 = superiority)',
			numberIn(0, 1, '--margin'),
			0
		)
		.option(
			'--alpha <alpha>',
			'significance level (one-sided for --sides one-sided)',
			numberIn(1e-6, 0.499999, '--alpha'),
			0.025
		)
		.option('--power <power>', 'target power', numberIn(0.01, 0.9999, '--power'), 0.8)
		.addOption(
			new Option('--readers <list>', 'reader counts: a range 4..20 or a list 4,6,8')
				.argParser(parseReaderCounts)
				.default(parseReaderCounts('4..20'), '4..20')
		)
		.addOption(
			choiceOption(
				'--sides <kind>',
				'one-sided t test (non-inferiority/superiority) or the two-sided F test',
				['one-sided', 'two-sided']
			).default('one-sided')
		)
		.addOption(choiceOption('--format <format>', 'output format', ['json', 'text']).default('text'))
		.action((flags: PowerFlags) => runPower(flags));
}

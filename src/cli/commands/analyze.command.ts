// `tandem analyze`: read a long-format reads CSV (or a locked study's latest blind export) and
// print the MRMC analysis (JSON schema of tests/reference/data/README.md, or text tables), every
// difference test − reference. Thin: parsing and statistics live in src/lib/stats, the study's
// export in src/lib/server/analysis; this file only reads, checks the options and prints.
import type { Command } from 'commander';
import { analyzeStudy, type AnalysisOptions } from '../../lib/stats/analyze';
import type { AnalysisReport, LesionFom, MrmcOptions } from '../../lib/stats/analysis-report';
import { ReadsInputError, parseLongCsvBytes } from '../../lib/stats/input/long-csv';
import { analyzeLesionStudy } from '../../lib/stats/lesion/analyze-lesions';
import { isLesionFom, LESION_FIGURES } from '../../lib/stats/lesion/lesion-figures';
import { DesignError } from '../../lib/stats/mrmc/design-checks';
import { reportToJsonText } from '../../lib/stats/output/analysis-json';
import { reportToText } from '../../lib/stats/output/analysis-text';
import { CliError } from '../cli-error';
import { isWorkbookPath, readInputFile, readLesionStudy } from '../lesion-input';
import { choiceOption, integerIn, numberIn, oneSidedAlpha } from '../option-parsers';

interface AnalyzeFlags {
	input?: string;
	ai?: string;
	study?: string;
	truth?: string;
	fpf?: number;
	fom?: AnalysisOptions['fom'] | LesionFom;
	covariance: AnalysisOptions['covariance'];
	method: AnalysisOptions['method'];
	margin: number;
	alpha: number;
	bootstrapSamples: number;
	seed: number;
	format: 'json' | 'text';
	reference?: string;
	test?: string;
	aided?: string;
	unaided?: string;
}

function readInput(path: string): Uint8Array {
	return readInputFile('analyze', path);
}

interface Source {
	bytes: Uint8Array;
	name: string;
	/** The arms the study's protocol names, overriding the options. */
	arms?: { test: string; reference: string };
	notes: string[];
}

async function studySource(slug: string): Promise<Source> {
	const [{ getDatabase }, { operatorPrincipal }, { exportReadsFor }, { ServiceError }] =
		await Promise.all([
			import('../../lib/server/db/client'),
			import('../../lib/server/access/principal'),
			import('../../lib/server/analysis/export-reads.service'),
			import('../../lib/server/errors')
		]);
	try {
		const reads = await exportReadsFor(getDatabase(), operatorPrincipal(), slug);
		const { test, reference, labels } = reads;
		const roles = labels
			? `arms from the protocol: test ${test} = ${labels[test]} (the arm with the AI), reference ${reference} = ${labels[reference]}`
			: 'blind: the arms’ roles are known after unblinding; test = the second code, reference = the first';
		return {
			bytes: Buffer.from(reads.readsCsv),
			name: `${slug} (blind export ${reads.exportId})`,
			arms: { test, reference },
			notes: [`study ${slug}, blind export ${reads.exportId}: ${roles}`]
		};
	} catch (error) {
		if (error instanceof ServiceError) throw new CliError(`tandem analyze: ${error.message}`, 1);
		throw error;
	}
}

async function sourceOf(flags: AnalyzeFlags): Promise<Source> {
	if ((flags.input === undefined) === (flags.study === undefined))
		throw new CliError(
			'tandem analyze: give exactly one of --input <reads.csv> or --study <slug>',
			1
		);
	if (flags.input !== undefined)
		return { bytes: readInput(flags.input), name: flags.input, notes: [] };
	const named = [flags.reference, flags.test, flags.aided, flags.unaided].some(
		(value) => value !== undefined
	);
	if (named)
		throw new CliError(
			"tandem analyze: with --study the protocol names the arms; drop --reference/--test (or analyze the export's reads.csv with --input)",
			1
		);
	return studySource(flags.study as string);
}

async function runAnalyze(flags: AnalyzeFlags): Promise<void> {
	if (flags.ai !== undefined)
		return (await import('./analyze-ai')).runAiAnalyze({ ...flags, ai: flags.ai });
	if (flags.truth !== undefined || isWorkbookPath(flags.input)) return runLesionAnalyze(flags);
	const fom = flags.fom ?? 'auc';
	if (isLesionFom(fom))
		throw new CliError(
			`tandem analyze: --fom ${fom} is lesion-level: give the marks as --input and the lesions as --truth (or a JAFROC workbook, .xlsx, as --input)`,
			1
		);
	if (flags.fpf !== undefined)
		throw new CliError('tandem analyze: --fpf goes with --fom pcl or alroc (the LROC figures)', 1);
	const source = await sourceOf(flags);
	try {
		const study = parseLongCsvBytes(source.bytes);
		const report = analyzeStudy(study, { fom, ...mrmcOptions(flags, source) });
		print(report, source, flags.format);
	} catch (error) {
		if (error instanceof ReadsInputError) throw new CliError(`${source.name}: ${error.message}`, 1);
		if (error instanceof DesignError) throw new CliError(`tandem analyze: ${error.message}`, 1);
		throw error;
	}
}

/** The lesion-level study: the marks CSV with --truth, or a JAFROC workbook, as --input. */
async function runLesionAnalyze(flags: AnalyzeFlags): Promise<void> {
	if (flags.input === undefined)
		throw new CliError(
			'tandem analyze: --truth goes with --input <marks.csv> (a study’s blind export has no lesion-level marks yet)',
			1
		);
	const fom = flags.fom ?? 'wafroc';
	if (!isLesionFom(fom))
		throw new CliError(
			`tandem analyze: with --truth or a JAFROC workbook the figure of merit is lesion-level (${Object.keys(LESION_FIGURES).join(', ')}), not ${fom}`,
			1
		);
	if (flags.fpf !== undefined && fom !== 'pcl' && fom !== 'alroc')
		throw new CliError('tandem analyze: --fpf goes with --fom pcl or alroc (the LROC figures)', 1);
	const study = await readLesionStudy('analyze', flags.input, flags.truth);
	const source: Source = { bytes: new Uint8Array(0), name: flags.input, notes: [] };
	try {
		const options = { fom, fpf: flags.fpf, ...mrmcOptions(flags, source) };
		print(analyzeLesionStudy(study, options), source, flags.format);
	} catch (error) {
		if (error instanceof DesignError) throw new CliError(`tandem analyze: ${error.message}`, 1);
		throw error;
	}
}

function mrmcOptions(flags: AnalyzeFlags, source: Source): MrmcOptions {
	return {
		covariance: flags.covariance,
		method: flags.method,
		margin: flags.margin,
		testAlpha: flags.alpha,
		bootstrapSamples: flags.bootstrapSamples,
		seed: flags.seed,
		...(source.arms ?? {
			test: flags.test,
			reference: flags.reference,
			aided: flags.aided,
			unaided: flags.unaided
		})
	};
}

function print(report: AnalysisReport, source: Source, format: AnalyzeFlags['format']): void {
	report.notes.unshift(...source.notes);
	process.stdout.write(format === 'json' ? `${reportToJsonText(report)}\n` : reportToText(report));
}

export function registerAnalyze(program: Command): void {
	program
		.command('analyze')
		.description(
			'MRMC analysis (Obuchowski–Rockette or DBM, Hillis df) of a long-format reads CSV or a study’s blind export'
		)
		.option(
			'--input <path>',
			'reads CSV: reader,modality,case,truth,rating[,decision][,time_ms]; with --truth, the marks CSV: reader,modality,case,lesion,rating; or a JAFROC FROC workbook (.xlsx: Truth, FP/NL and TP/LL sheets)'
		)
		.option(
			'--truth <path>',
			'lesion-level analysis: the truth lesions CSV case,lesion[,weight] (lesion 0 = a non-diseased case); with --ai, the case truth CSV case,truth'
		)
		.option(
			'--ai <path>',
			"the AI's standalone figures (AUC, sensitivity, specificity at its threshold) from a blind export's ai-outputs.csv, with --truth truth.csv"
		)
		.option(
			'--study <slug>',
			'a locked study’s latest blind export (TANDEM_DB), the arms from its protocol'
		)
		.addOption(
			choiceOption(
				'--fom <name>',
				'figure of merit (default: auc; wafroc with --truth or a workbook)',
				['auc', 'sensitivity', 'specificity', ...Object.keys(LESION_FIGURES)]
			)
		)
		.option(
			'--fpf <fraction>',
			'with --fom pcl or alroc: the false-positive fraction PCL is read at and ALROC integrated to (default 0.2, as RJafroc)',
			numberIn(0.000001, 1, '--fpf')
		)
		.addOption(
			choiceOption('--covariance <name>', 'case covariance estimator', [
				'jackknife',
				'delong',
				'bootstrap'
			]).default('jackknife')
		)
		.addOption(choiceOption('--method <name>', 'analysis method', ['or', 'dbm']).default('or'))
		.option(
			'--margin <delta>',
			'non-inferiority margin on the FOM scale',
			numberIn(0, 1, '--margin'),
			0.05
		)
		.option(
			'--alpha <alpha>',
			'one-sided alpha of the margin tests',
			oneSidedAlpha('--alpha'),
			0.025
		)
		.option(
			'--bootstrap-samples <n>',
			'bootstrap resamples',
			integerIn(2, 1e6, '--bootstrap-samples'),
			2000
		)
		.option(
			'--seed <n>',
			'bootstrap seed (32-bit integer)',
			integerIn(0, 2 ** 32 - 1, '--seed'),
			20240601
		)
		.option(
			'--reference <modality>',
			'the reference modality: every difference is test − reference (default: 1st of two in natural order)'
		)
		.option(
			'--test <modality>',
			'the test modality, e.g. readers with the AI (default: the other of two)'
		)
		.option('--aided <modality>', 'another name for --test')
		.option('--unaided <modality>', 'another name for --reference')
		.addOption(choiceOption('--format <format>', 'output format', ['json', 'text']).default('text'))
		.action(async (flags: AnalyzeFlags) => runAnalyze(flags));
}

// The analysis report as plain-text tables a statistician can paste into a report; the
// orientation of the differences is printed at the top and above every table of differences.
import type { AnalysisReport } from '../analyze';
import { orientationText } from '../hypothesis/orientation';
import type { DbmAnalysis } from '../mrmc/dbm';
import type {
	Contrast,
	FixedReadersRandomCases,
	ModalityInterval,
	RandomReadersRandomCases
} from '../mrmc/types';

const COVARIANCE_LABEL = {
	jackknife: 'jackknife',
	delong: 'DeLong',
	bootstrap: 'bootstrap'
} as const;

function number(value: number | undefined, digits = 4): string {
	if (value === undefined) return '';
	if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
	return value.toFixed(digits);
}

function pValue(p: number): string {
	return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

/** "F = 4.4566, df = (1, 15.26), p = 0.0517". */
function fTest(result: { f?: number; df1: number; df2?: number; p: number }): string {
	const df = `(${result.df1}, ${number(result.df2, 2)})`;
	return `F = ${number(result.f)}, df = ${df}, p = ${pValue(result.p)}`;
}

/** Left-aligned first column, right-aligned others, two spaces between columns. */
export function formatTable(header: string[], rows: string[][]): string {
	const widths = header.map((title, c) =>
		Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length))
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, c) =>
				c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)
			)
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function contrastTable(diffs: Contrast[], level: string, orientation: string): string {
	const hasDf = diffs.some((row) => row.df !== undefined);
	const header = ['Difference', 'Estimate', 'SE', ...(hasDf ? ['df'] : []), 'p', `${level} CI`];
	const rows = diffs.map((row) => [
		`${row.modalityA} - ${row.modalityB}`,
		number(row.estimate),
		number(row.se),
		...(hasDf ? [number(row.df, 2)] : []),
		pValue(row.p),
		`(${number(row.ciLower)}, ${number(row.ciUpper)})`
	]);
	return `${orientation}\n${formatTable(header, rows)}`;
}

function intervalTable(intervals: ModalityInterval[], level: string): string {
	const hasDf = intervals.some((row) => row.df !== undefined);
	const header = ['Modality', 'Estimate', 'SE', ...(hasDf ? ['df'] : []), `${level} CI`];
	const rows = intervals.map((row) => [
		row.modality,
		number(row.estimate),
		number(row.se),
		...(hasDf ? [number(row.df, 2)] : []),
		`(${number(row.ciLower)}, ${number(row.ciUpper)})`
	]);
	return formatTable(header, rows);
}

function rrrcSection(
	title: string,
	result: RandomReadersRandomCases,
	level: string,
	orientation: string
): string[] {
	return [
		title,
		fTest(result),
		'',
		contrastTable(result.diffs, level, orientation),
		'',
		intervalTable(result.modalityCi, level)
	];
}

function frrcSection(
	result: FixedReadersRandomCases,
	level: string,
	orientation: string
): string[] {
	const statistic =
		result.chisq !== undefined
			? `Chi-square = ${number(result.chisq)}, df = ${result.df1}, p = ${pValue(result.p)}`
			: fTest(result);
	const readerRows = result.readerDiffs.map((row) => [
		row.reader,
		`${row.modalityA} - ${row.modalityB}`,
		number(row.estimate),
		number(row.se),
		pValue(row.p),
		`(${number(row.ciLower)}, ${number(row.ciUpper)})`
	]);
	return [
		'Fixed readers, random cases',
		statistic,
		'',
		contrastTable(result.diffs, level, orientation),
		'',
		intervalTable(result.modalityCi, level),
		'',
		orientation,
		formatTable(['Reader', 'Difference', 'Estimate', 'SE', 'p', `${level} CI`], readerRows)
	];
}

function hypothesisSection(report: AnalysisReport, orientation: string): string[] {
	const h = report.hypothesis;
	if (h.note) return ['Hypothesis tests', h.note];
	const rows = h.tests.map((test) => [
		test.kind,
		number(test.estimate),
		number(test.threshold),
		number(test.lowerBound),
		pValue(test.p),
		test.rejected ? 'yes' : 'no'
	]);
	const setting = `margin ${h.margin}, one-sided alpha ${h.alpha}; RRRC SE and Hillis df`;
	const lines = [
		`Hypothesis tests (${setting})`,
		orientation,
		formatTable(['Test', 'Difference', 'Threshold', 'Lower bound', 'p', 'Conclude'], rows)
	];
	if (h.readingTime) {
		const t = h.readingTime;
		const ratio = `ratio of geometric means ${number(t.ratio)}, upper bound ${number(t.upperBound)}`;
		lines.push(
			'',
			`Reading time, ratio = test (${h.aided}) / reference (${h.unaided}): ${ratio}, p = ${pValue(t.p)}: ${t.decision}`
		);
	}
	return lines;
}

/** The whole report as text. */
export function reportToText(report: AnalysisReport): string {
	const level = `${Math.round(100 * (1 - report.alpha))}%`;
	const analysis = report.or ?? (report.dbm as DbmAnalysis);
	const d = report.design;
	const fomRows = report.fomTable.map((row) => [
		row.reader,
		row.modality,
		number(row.estimate),
		number(row.se),
		`(${number(row.ciLower)}, ${number(row.ciUpper)})`
	]);
	const method = report.method === 'or' ? 'Obuchowski–Rockette' : 'DBM';
	const covariance = `${COVARIANCE_LABEL[report.covariance]} covariance`;
	const size = `${d.readers.length} readers × ${d.modalities.length} modalities × ${d.cases} cases`;
	const orientation = `difference = ${orientationText(report.orientation)}`;
	const lines = [
		`Tandem MRMC analysis — ${report.fom}, ${method}, ${covariance}`,
		`${size} (${d.positive} diseased, ${d.negative} non-diseased)`,
		orientation,
		'',
		formatTable(['Reader', 'Modality', 'Estimate', 'SE', `${level} CI`], fomRows),
		''
	];
	if (report.or) {
		const v = report.or.varianceComponents;
		lines.push(
			formatTable(
				['Component', 'Estimate'],
				[
					['Var(R)', v.varR],
					['Var(T×R)', v.varTR],
					['Var(error)', v.variance],
					['Cov1', v.cov1],
					['Cov2', v.cov2],
					['Cov3', v.cov3]
				].map(([name, value]) => [name as string, number(value as number, 8)])
			),
			''
		);
	}
	lines.push(
		...rrrcSection('Random readers, random cases (Hillis df)', analysis.rrrc, level, orientation),
		''
	);
	lines.push(...frrcSection(analysis.frrc, level, orientation), '');
	lines.push(...rrrcSection('Random readers, fixed cases', analysis.rrfc, level, orientation), '');
	lines.push(...hypothesisSection(report, orientation));
	if (report.readingTime) {
		const rows = report.readingTime.geometricMeans.map((row) => [
			row.modality,
			number(row.seconds, 2),
			`(${number(row.ciLower, 2)}, ${number(row.ciUpper, 2)})`
		]);
		lines.push(
			'',
			'Reading time (geometric mean, seconds)',
			formatTable(['Modality', 'Seconds', `${level} CI`], rows)
		);
	}
	for (const note of report.notes) lines.push('', `Note: ${note}`);
	return `${lines.join('\n')}\n`;
}

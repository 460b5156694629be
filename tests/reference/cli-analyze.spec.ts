// End to end: `tandem analyze` spawned as a process on the reference CSVs, its JSON compared
// with the peers' outputs, and its error messages on malformed input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workbookBytes } from '../../src/lib/server/export/peer-xlsx';
import { number as n, text as t } from '../../src/lib/stats/formats/workbook';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../src/lib/stats/input/lesion-csv';
import { pclFom } from '../../src/lib/stats/lesion/lroc';
import { compareToReference, peerOrientation, referenceCases, repoRoot } from './reference-files';

function tandem(...args: string[]) {
	return tandemCommand('analyze', ...args);
}

function tandemCommand(command: string, ...args: string[]) {
	// The launcher, as `npm run tandem` runs it: the compiled command line (the vitest global setup
	// compiled it).
	const result = spawnSync(process.execPath, ['scripts/tandem.mjs', command, ...args], {
		cwd: repoRoot,
		encoding: 'utf8',
		maxBuffer: 32 * 1024 * 1024
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (name: string) => resolve(repoRoot, 'tests', 'fixtures', 'stats', name);

describe('tandem analyze (spawned)', () => {
	it.each(referenceCases().map((c) => [c.file, c] as const))(
		'prints the JSON of %s',
		(_file, reference) => {
			const { fom, covariance, method } = reference.expected as Record<string, string>;
			const run = tandem(
				'--input',
				reference.csv,
				'--fom',
				fom!,
				'--covariance',
				covariance!,
				'--method',
				method!,
				'--test',
				peerOrientation(reference.expected).test,
				'--reference',
				peerOrientation(reference.expected).reference,
				'--format',
				'json'
			);
			expect(run.stderr.replace(/npm warn.*\n/g, '')).toBe('');
			expect(run.status).toBe(0);
			expect(compareToReference(reference.expected, JSON.parse(run.stdout), 1e-9)).toEqual([]);
		}
	);

	it('prints a text report with the RRRC test and the margin tests', () => {
		const run = tandem('--input', referenceCases()[4]!.csv, '--margin', '0.05', '--alpha', '0.025');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('F = 4.4563, df = (1, 15.26), p = 0.0517');
		expect(run.stdout).toContain('2 - 1         0.0438  0.0207  15.26  0.0517  (-0.0004, 0.0880)');
		expect(run.stdout).toMatch(/non-inferiority\s+0\.0438\s+-0\.0500\s+-0\.0004/);
	});

	it('exits 1 with the line and field of a malformed CSV', () => {
		const run = tandem('--input', fixture('non-numeric-rating.csv'));
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			"non-numeric-rating.csv: line 3, field 'rating': 'high' is not a finite number"
		);
		expect(run.stdout).toBe('');
	});

	it('exits 1 on a design the estimators refuse and on a missing file', () => {
		const oneReader = tandem('--input', fixture('one-reader.csv'));
		expect(oneReader.status).toBe(1);
		expect(oneReader.stderr).toContain('found 1 reader, at least 2 are needed');
		const missing = tandem('--input', fixture('no-such-file.csv'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('cannot read --input');
	});

	it('rejects an unknown figure of merit through commander', () => {
		const run = tandem('--input', fixture('one-reader.csv'), '--fom', 'accuracy');
		expect(run.status).toBe(1);
		expect(run.stderr).toContain("argument 'accuracy' is invalid");
	});
});

describe('tandem analyze --truth (lesion level, spawned)', () => {
	const froc = (name: string) => resolve(repoRoot, 'tests', 'reference', 'data', 'froc', name);
	const expected = (
		JSON.parse(readFileSync(froc('fed.expected.json'), 'utf8')) as {
			results: Record<string, { rrrc: unknown; variance_components: unknown }>;
		}
	).results['wAFROC.jackknife.or']!;

	it("prints RJafroc's wAFROC OR analysis of FED from the marks and truth CSVs (the default figure with --truth)", () => {
		const run = tandem(
			'--input',
			froc('fed.marks.csv'),
			'--truth',
			froc('fed.truth.csv'),
			'--test',
			'1',
			'--reference',
			'2',
			'--format',
			'json'
		);
		expect(run.stderr.replace(/npm warn.*\n/g, '')).toBe('');
		expect(run.status).toBe(0);
		const json = JSON.parse(run.stdout) as Record<string, unknown>;
		expect(json.fom).toBe('wafroc');
		const { rrrc, variance_components } = expected;
		expect(compareToReference({ rrrc, variance_components }, json, 1e-9)).toEqual([]);
	});

	it('names the file, line and field of a malformed truth, and refuses a case-level figure with --truth', () => {
		const directory = mkdtempSync(join(tmpdir(), 'tandem-lesions-'));
		const truth = join(directory, 'lesions.csv');
		writeFileSync(truth, 'case,lesion,weight\nk0001,0,0\nk0101,1,0.5\n');
		const bad = tandem('--input', froc('fed.marks.csv'), '--truth', truth);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain(
			`${truth} line 3, field 'weight': the weights of case k0101's lesions sum to 0.5, not 1`
		);
		const wrong = tandem(
			'--input',
			froc('fed.marks.csv'),
			'--truth',
			froc('fed.truth.csv'),
			'--fom',
			'auc'
		);
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toContain(
			'with --truth or a JAFROC workbook the figure of merit is lesion-level'
		);
		const missing = tandem('--input', froc('fed.marks.csv'), '--fom', 'wafroc');
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain(
			'--fom wafroc is lesion-level: give the marks as --input and the lesions as --truth'
		);
	});
});

describe('tandem convert and analyze with a JAFROC workbook (spawned)', () => {
	const froc = (name: string) => resolve(repoRoot, 'tests', 'reference', 'data', 'froc', name);
	const directory = mkdtempSync(join(tmpdir(), 'tandem-jafroc-'));
	const workbook = join(directory, 'fed.xlsx');
	const expected = (
		JSON.parse(readFileSync(froc('fed.expected.json'), 'utf8')) as {
			results: Record<string, { rrrc: unknown; variance_components: unknown }>;
		}
	).results['AFROC.jackknife.or']!;

	it('writes FED as a workbook, analyses it as RJafroc does, and converts it back to the same CSVs', () => {
		const toWorkbook = tandemCommand(
			'convert',
			'--input',
			froc('fed.marks.csv'),
			'--truth',
			froc('fed.truth.csv'),
			'--out',
			workbook
		);
		expect(toWorkbook.stderr.replace(/npm warn.*\n/g, '')).toBe('');
		expect(toWorkbook.stdout).toContain('4 readers × 5 modalities × 200 cases, 142 lesions');
		const run = tandem(
			'--input',
			workbook,
			'--fom',
			'afroc',
			'--test',
			'1',
			'--reference',
			'2',
			'--format',
			'json'
		);
		expect(run.status, run.stderr).toBe(0);
		const json = JSON.parse(run.stdout) as Record<string, unknown>;
		expect(json.fom).toBe('afroc');
		const { rrrc, variance_components } = expected;
		expect(compareToReference({ rrrc, variance_components }, json, 1e-9)).toEqual([]);
		const marks = join(directory, 'marks.csv');
		const truth = join(directory, 'lesions.csv');
		const back = tandemCommand(
			'convert',
			'--input',
			workbook,
			'--out',
			marks,
			'--out-truth',
			truth
		);
		expect(back.status, back.stderr).toBe(0);
		expect(readFileSync(truth, 'utf8')).toBe(readFileSync(froc('fed.truth.csv'), 'utf8'));
		const rows = (text: string) => text.trim().split('\n').slice(1).sort();
		expect(rows(readFileSync(marks, 'utf8'))).toEqual(
			rows(readFileSync(froc('fed.marks.csv'), 'utf8'))
		);
	});

	it('names the sheet, row and column of a malformed workbook, and refuses --truth beside one', async () => {
		const header = (...names: string[]) => names.map(t);
		const bad = join(directory, 'bad.xlsx');
		const bytes = await workbookBytes({
			fileName: 'bad.xlsx',
			sheets: [
				{
					name: 'Truth',
					rows: [header('CaseID', 'LesionID', 'Weight'), [n(1), n(0), n(0)], [n(2), n(1), n(1)]]
				},
				{ name: 'FP', rows: [header('ReaderID', 'ModalityID', 'CaseID', 'FP_Rating')] },
				{
					name: 'TP',
					rows: [
						header('ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'),
						[t('1'), t('1'), n(2), n(2), n(3)]
					]
				}
			]
		});
		writeFileSync(bad, bytes);
		const run = tandem('--input', bad);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			`${bad}: sheet TP, row 2, column D (LesionID): lesion 2 of case 2 is not in the Truth sheet`
		);
		const both = tandem('--input', bad, '--truth', froc('fed.truth.csv'));
		expect(both.status).toBe(1);
		expect(both.stderr).toContain(
			'a JAFROC workbook holds its own truth (the Truth sheet); drop --truth'
		);
	});

	it('analyses PCL at a declared FPF (--fom pcl --fpf), and refuses --fpf with another figure', () => {
		const run = tandem(
			'--input',
			froc('fed.marks.csv'),
			'--truth',
			froc('fed.truth.csv'),
			'--fom',
			'pcl',
			'--fpf',
			'0.3',
			'--format',
			'json'
		);
		expect(run.status, run.stderr).toBe(0);
		const json = JSON.parse(run.stdout) as {
			fom: string;
			fom_table: Array<{ reader: string; modality: string; estimate: number }>;
			notes: string[];
		};
		expect(json.fom).toBe('pcl');
		const study = parseLesionMarksCsv(
			readFileSync(froc('fed.marks.csv'), 'utf8'),
			parseLesionTruthCsv(readFileSync(froc('fed.truth.csv'), 'utf8'))
		);
		const row = json.fom_table.find((entry) => entry.reader === '3' && entry.modality === '2');
		expect(row?.estimate).toBeCloseTo(pclFom(0.3).compute(study, study.marks[1]![1]!).estimate, 12);
		expect(json.notes.join('\n')).toContain('PCL at FPF 0.3 (LROC)');
		const wrong = tandem(
			'--input',
			froc('fed.marks.csv'),
			'--truth',
			froc('fed.truth.csv'),
			'--fpf',
			'0.3'
		);
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toContain('--fpf goes with --fom pcl or alroc');
	});
});

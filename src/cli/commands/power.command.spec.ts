// `tandem power` takes its pilot from either JSON the project writes (`tandem analyze --format
// json`, and the analysis.json of `tandem report`) or from pilot reads, with the difference
// oriented test − reference as `tandem analyze` orients it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { referenceRows } from '$fixtures/stats/reference-reads.fixture';
import { analyzeTrial } from '../../lib/stats/trial/trial-analysis';

const dir = mkdtempSync(join(tmpdir(), 'tandem-power-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VANDYKE = 'tests/reference/data/vandyke.csv';
const SIZING = ['--effect', '0.05', '--readers', '4,6', '--format', 'json'];

/** A report's analysis.json for the Van Dyke reads (AUC non-inferiority and reading time), as `tandem report` writes it. */
function reportAnalysisJson(): string {
	const rows = referenceRows('vandyke.csv').map((row, k) => ({
		...row,
		decision: row.rating >= 3 ? (1 as const) : (0 as const),
		timeMs: 20_000 + (k % 7) * 1_000
	}));
	const analysis = analyzeTrial({
		reads: rows,
		readers: ['1', '2', '3', '4', '5'].map((reader) => ({ reader, site: 'north' })),
		cases: [...new Set(rows.map((row) => row.case))].map((id) => ({ case: id, strata: {} })),
		arms: { test: '2', reference: '1' },
		endpoints: [
			{ group: 'primary', metric: 'reading_time', hypothesis: 'superiority', alpha: 0.025 },
			{
				group: 'secondary',
				metric: 'auc',
				hypothesis: 'non-inferiority',
				margin: 0.05,
				alpha: 0.025
			}
		],
		strata: []
	});
	const document = {
		study: { slug: 'vandyke' },
		export: { id: 1 },
		unblinded: true,
		arms: { test: '2', reference: '1' },
		reproduce: { aided: '2', unaided: '1' },
		analysis,
		someFieldAddedLater: { p: 0.01 }
	};
	return `${JSON.stringify(document, (_, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`;
}

describe('tandem power', () => {
	it('sizes from the analysis.json of a report as from the JSON of analyze', () => {
		const analyzeJson = join(dir, 'analyze.json');
		const analyze = runCli(['analyze', '--input', VANDYKE, '--format', 'json'], {});
		expect(analyze.status, analyze.stderr).toBe(0);
		writeFileSync(analyzeJson, analyze.stdout);
		const reportJson = join(dir, 'analysis.json');
		writeFileSync(reportJson, reportAnalysisJson());

		const fromAnalyze = runCli(['power', '--pilot', analyzeJson, ...SIZING], {});
		const fromReport = runCli(['power', '--pilot', reportJson, ...SIZING], {});
		expect(fromAnalyze.status, fromAnalyze.stderr).toBe(0);
		expect(fromReport.status, fromReport.stderr).toBe(0);
		const a = JSON.parse(fromAnalyze.stdout);
		const r = JSON.parse(fromReport.stdout);
		expect(r.pilot).toEqual(a.pilot);
		expect(r.table).toEqual(a.table);
		expect(r.notes.join('\n')).toContain('the auc endpoint (secondary)');
	});

	it('names what is missing when the report has no endpoint of the figure of merit', () => {
		const reportJson = join(dir, 'analysis-sens.json');
		writeFileSync(reportJson, reportAnalysisJson());
		const run = runCli(['power', '--pilot', reportJson, '--fom', 'sensitivity', ...SIZING], {});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			'the report has no sensitivity endpoint with OR variance components (endpoints: reading_time, auc)'
		);
	});

	it('--input states the observed difference as test − reference, and --reference/--test name them', () => {
		const byDefault = runCli(['power', '--input', VANDYKE, ...SIZING], {});
		expect(byDefault.status, byDefault.stderr).toBe(0);
		expect(JSON.parse(byDefault.stdout).notes.join('\n')).toContain(
			'observed difference test (2) − reference (1) 0.0438'
		);
		const named = runCli(
			['power', '--input', VANDYKE, '--reference', '2', '--test', '1', ...SIZING],
			{}
		);
		expect(named.status, named.stderr).toBe(0);
		expect(JSON.parse(named.stdout).notes.join('\n')).toContain(
			'observed difference test (1) − reference (2) -0.0438'
		);
	});
});

describe('tandem power: --test names a modality', () => {
	it('points the former --test one-sided|two-sided to --sides', () => {
		const run = runCli(['power', '--input', VANDYKE, '--test', 'two-sided', ...SIZING], {});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(
			'--test names the test modality; the kind of test is --sides two-sided'
		);
	});
});

describe('tandem power from a lesion-level (wAFROC) pilot', () => {
	const FED = ['--input', 'tests/reference/data/froc/fed.marks.csv'];
	const TRUTH = ['--truth', 'tests/reference/data/froc/fed.truth.csv'];

	it('takes FED’s wAFROC components by default and sizes from them', () => {
		const run = runCli(
			['power', ...FED, ...TRUTH, '--test', '2', '--reference', '1', ...SIZING],
			{}
		);
		expect(run.status, run.stderr).toBe(0);
		const out = JSON.parse(run.stdout);
		// RJafroc 2.1.3's wAFROC components of FED (tests/reference/data/froc/fed.expected.json).
		expect(out.pilot.var).toBeCloseTo(0.000928083651152081, 15);
		expect(out.pilot.cov2).toBeCloseTo(0.000336155636528308, 15);
		expect(out.pilot.cases).toBe(200);
		expect(out.notes.join('\n')).toContain('(wafroc, jackknife, 5 modalities)');
	});

	it('asks for the lesions with a lesion-level figure, and for a lesion-level figure with them', () => {
		const noTruth = runCli(['power', ...FED, '--fom', 'wafroc', ...SIZING], {});
		expect(noTruth.status).toBe(1);
		expect(noTruth.stderr).toContain('give the marks as --input and the lesions as --truth');
		const auc = runCli(['power', ...FED, ...TRUTH, '--fom', 'auc', ...SIZING], {});
		expect(auc.status).toBe(1);
		expect(auc.stderr).toContain('with --truth the figure of merit is lesion-level');
	});
});

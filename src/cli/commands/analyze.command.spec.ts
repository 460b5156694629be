// `tandem analyze` refuses bad options and undecodable files before any statistics, naming them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';

const dir = mkdtempSync(join(tmpdir(), 'tandem-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

const HEADER = 'reader,modality,case,truth,rating\n';

describe('tandem analyze', () => {
	it('refuses --alpha 0.5 with the allowed range', () => {
		const input = file('reads.csv', `${HEADER}1,A,c1,1,3\n`);
		const run = runCli(['analyze', '--input', input, '--alpha', '0.5'], {});
		expect(run.status).not.toBe(0);
		expect(run.stderr).toContain(
			"--alpha must be a one-sided significance level between 0.000001 and 0.1 (0.025 is usual), got '0.5'."
		);
	});

	it('refuses a file that is not UTF-8, naming the line', () => {
		const latin1 = Uint8Array.from([
			...Buffer.from(`${HEADER}1,A,c1,1,3\n`),
			...Buffer.from('J'),
			0xf6, // "ö" in Latin-1
			...Buffer.from('rg,A,c2,0,1\n')
		]);
		const run = runCli(['analyze', '--input', file('latin1.csv', latin1)], {});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('line 3: the file is not valid UTF-8');
		expect(run.stdout).toBe('');
	});
});

// One orientation everywhere: every difference the command prints (tables, tests, JSON) is
// test − reference, with the pair named above each table.
const VANDYKE = 'tests/reference/data/vandyke.csv';

/** The lines of each table whose header has a Difference or Test column. */
function differenceTableHeaders(text: string): number[] {
	return text
		.split('\n')
		.flatMap((line, index) => (/^(Difference|Reader +Difference|Test) /.test(line) ? [index] : []));
}

describe('tandem analyze: the direction of the difference', () => {
	it('without naming the arms, the tables and the tests read the same difference (second − first)', () => {
		const run = runCli(['analyze', '--input', VANDYKE], {});
		expect(run.status, run.stderr).toBe(0);
		const orientation = 'difference = test (2) − reference (1)';
		const lines = run.stdout.split('\n');
		expect(lines[2]).toBe(orientation);
		const headers = differenceTableHeaders(run.stdout);
		expect(headers.length).toBe(5); // RRRC, FRRC and its per-reader table, RRFC, the tests
		for (const index of headers) expect(lines[index - 1], lines[index]).toBe(orientation);
		expect(run.stdout).toContain('2 - 1         0.0438  0.0207  15.26  0.0517  (-0.0004, 0.0880)');
		expect(run.stdout).not.toMatch(/1 - 2/);
		expect(run.stdout).toMatch(/non-inferiority\s+0\.0438\s+-0\.0500\s+-0\.0004/);
	});

	it('--reference and --test name the arms; the JSON says which and agrees with the tests', () => {
		const run = runCli(
			['analyze', '--input', VANDYKE, '--reference', '2', '--test', '1', '--format', 'json'],
			{}
		);
		expect(run.status, run.stderr).toBe(0);
		const json = JSON.parse(run.stdout);
		expect(json.orientation).toEqual({
			test: '1',
			reference: '2',
			difference: 'test (1) − reference (2)'
		});
		const [diff] = json.rrrc.diffs;
		expect(diff).toMatchObject({ modality_a: '1', modality_b: '2' });
		expect(diff.estimate).toBeCloseTo(-0.0438, 4);
		const [nonInferiority] = json.hypothesis_tests.tests;
		expect(nonInferiority.estimate).toBe(diff.estimate);
		expect(nonInferiority.lower_bound).toBeCloseTo(diff.ci_lower, 12);
		for (const row of json.frrc.reader_diffs) expect(row.modality_a).toBe('1');

		const text = runCli(['analyze', '--input', VANDYKE, '--reference', '2'], {});
		expect(text.stdout.split('\n')[2]).toBe('difference = test (1) − reference (2)');
		expect(text.stdout).toMatch(/non-inferiority\s+-0\.0438/);
	});

	it('keeps --aided/--unaided as other names for --test/--reference, refusing both at once', () => {
		const alias = runCli(
			['analyze', '--input', VANDYKE, '--aided', '1', '--unaided', '2', '--format', 'json'],
			{}
		);
		const named = runCli(
			['analyze', '--input', VANDYKE, '--test', '1', '--reference', '2', '--format', 'json'],
			{}
		);
		expect(alias.status, alias.stderr).toBe(0);
		expect(alias.stdout).toBe(named.stdout);
		const both = runCli(['analyze', '--input', VANDYKE, '--aided', '1', '--test', '2'], {});
		expect(both.status).toBe(1);
		expect(both.stderr).toContain('--aided is another name for --test: give one of them');
		const unknown = runCli(['analyze', '--input', VANDYKE, '--reference', 'X'], {});
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain(
			"the reference modality 'X' is not in the data (modalities: 1, 2)"
		);
	});

	it('takes the reads from --input or --study, and the arms from the protocol with --study', () => {
		const neither = runCli(['analyze'], {});
		expect(neither.status).toBe(1);
		expect(neither.stderr).toContain('give exactly one of --input <reads.csv> or --study <slug>');
		const named = runCli(['analyze', '--study', 'demo', '--reference', '1'], {});
		expect(named.status).toBe(1);
		expect(named.stderr).toContain('with --study the protocol names the arms');
	});
});

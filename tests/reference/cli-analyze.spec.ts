// End to end: `tandem analyze` spawned as a process on the reference CSVs, its JSON compared
// with the peers' outputs, and its error messages on malformed input.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareToReference, peerOrientation, referenceCases, repoRoot } from './reference-files';

function tandem(...args: string[]) {
	const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'analyze', ...args], {
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

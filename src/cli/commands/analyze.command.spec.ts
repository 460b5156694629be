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

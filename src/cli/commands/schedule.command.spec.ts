// `tandem reader enrol` and `tandem schedule export` as an operator runs them: the same protocol
// and the same enrolment order give the same bytes on a fresh database.
import { describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase, type CommandEnv } from '$fixtures/data-folder.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';

async function setUpStudy(dir: string): Promise<CommandEnv> {
	const { env } = await freshCommandDatabase('tandem-schedule-');
	expect(runCli(['study', 'load', dir], env).status).toBe(0);
	const readers: Array<[string, string]> = [
		['a1@x.org', 'site-a'],
		['b1@x.org', 'site-b'],
		['a2@x.org', 'site-a']
	];
	for (const [email, site] of readers) {
		const enrol = runCli(
			[
				'reader',
				'enrol',
				'--study',
				'mini-study',
				'--site',
				site,
				'--email',
				email,
				'--name',
				email,
				'--years',
				'5',
				'--password-stdin'
			],
			env,
			'reader password 123\n'
		);
		expect(enrol.stderr).toBe('');
		expect(enrol.stdout).toMatch(
			new RegExp(`^${email}: enrolled in mini-study at ${site} as R0\\d, sequence (AB|BA)\\n$`)
		);
	}
	return env;
}

describe('tandem schedule export', () => {
	it('prints every assignment, byte-identical for the same protocol and enrolment order', async () => {
		const dir = makeStudyFolder(twelveCaseOptions());
		const first = runCli(['schedule', 'export', '--study', 'mini-study'], await setUpStudy(dir));
		const second = runCli(['schedule', 'export', '--study', 'mini-study'], await setUpStudy(dir));
		expect(first.status).toBe(0);
		expect(second.stdout).toBe(first.stdout);
		const lines = first.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('reader,site,sequence,period,session,arm,case,position');
		expect(lines).toHaveLength(1 + 3 * 24);
		expect(lines[1]).toMatch(/^R01,site-a,(AB|BA),1,1,(unaided|aided),K\d+,1$/);

		const json = runCli(
			['schedule', 'export', '--study', 'mini-study', '--format', 'json'],
			await setUpStudy(dir)
		);
		expect(JSON.parse(json.stdout)).toHaveLength(72);
		const badEnv = await setUpStudy(dir);
		const bad = runCli(['schedule', 'export', '--study', 'mini-study', '--format', 'xml'], badEnv);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain(
			"error: option '--format <format>' argument 'xml' is invalid. --format must be csv or json, got 'xml'."
		);
		const years = runCli(
			[
				'reader',
				'enrol',
				'--study',
				'mini-study',
				'--site',
				'site-a',
				'--email',
				'a1@x.org',
				'--years',
				'5y'
			],
			badEnv
		);
		expect(years.status).toBe(1);
		expect(years.stderr).toContain(
			"error: option '--years <n>' argument '5y' is invalid. --years must be a number in [0, 70], got '5y'."
		);
	}, 240_000);
});

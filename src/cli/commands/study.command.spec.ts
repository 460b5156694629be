// The operator's commands end to end: study validate/load, user add and audit verify, run as
// processes against a database file, the way an operator runs them.
import { describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { dropTrigger } from '$fixtures/audit-attack.fixture';
import {
	makeStudyFolder,
	writeStudyFiles,
	FIXTURE_YAML,
	FIXTURE_CASES
} from '$fixtures/study-folder.fixture';

const freshDatabase = () => freshCommandDatabase('tandem-cli-');

describe('tandem study / user / audit', () => {
	it('validate names every bad place and exits 1; load of a bad folder writes nothing', async () => {
		const { env, db } = await freshDatabase();
		const dir = makeStudyFolder();
		expect(runCli(['study', 'load', dir], env).status).toBe(0);
		const snapshot = async () => {
			const rows = [];
			for (const table of [
				'studies',
				'sites',
				'cases',
				'images',
				'reference_truth',
				'protocol_versions',
				'audit_events'
			])
				rows.push(await sqlRows(db, `SELECT * FROM ${table}`));
			return JSON.stringify(rows);
		};
		const before = await snapshot();
		const cases = [...FIXTURE_CASES];
		cases[3] = 'K3,images/K3,site-z,ge';
		writeStudyFiles(dir, {
			yaml: FIXTURE_YAML.replace('washout_days: 28', 'washout_days: forever'),
			cases
		});
		const validate = runCli(['study', 'validate', dir], env);
		expect(validate.status).toBe(1);
		expect(validate.stderr).toContain(
			'study.yaml:9: design.washout_days: Invalid input: expected number, received string'
		);
		expect(validate.stderr).toContain(
			'cases.csv:4: site: "site-z" is not a site declared in study.yaml'
		);
		expect(validate.stderr).toContain('2 error(s); nothing was loaded');

		const load = runCli(['study', 'load', dir], env);
		expect(load.status).toBe(1);
		expect(await snapshot()).toBe(before);
	});

	it('loads a study, adds users, verifies the audit chain, and names the row altered behind its back', async () => {
		const { env, db } = await freshDatabase();
		const dir = makeStudyFolder();
		expect(runCli(['study', 'validate', dir], env).stdout).toContain(
			'4 cases (2 diseased), 4 images, 2 sites'
		);
		const load = runCli(['study', 'load', dir], env);
		expect(load.stdout).toMatch(
			/^mini-study: created \(protocol revision 1, 4 cases, sha256 [0-9a-f]{64}\)/
		);
		expect(runCli(['study', 'load', dir], env).stdout).toMatch(/^mini-study: unchanged/);

		const add = runCli(
			[
				'user',
				'add',
				'--email',
				'Ada@Site-A.org',
				'--name',
				'Ada',
				'--role',
				'reader',
				'--study',
				'mini-study',
				'--site',
				'site-a',
				'--password-stdin'
			],
			env,
			'a long enough password\n'
		);
		expect(add.stderr).toBe('');
		expect(add.stdout).toBe(
			'ada@site-a.org: created account, role reader in mini-study at site-a\n'
		);
		const noSite = runCli(
			[
				'user',
				'add',
				'--email',
				'b@x.org',
				'--name',
				'B',
				'--role',
				'coordinator',
				'--study',
				'mini-study',
				'--password-stdin'
			],
			env,
			'another long password'
		);
		expect(noSite.status).toBe(1);
		expect(noSite.stderr).toContain('site: a coordinator belongs to a site (--site)');
		const shortPassword = runCli(
			[
				'user',
				'add',
				'--email',
				'c@x.org',
				'--name',
				'C',
				'--role',
				'sponsor',
				'--study',
				'mini-study',
				'--password-stdin'
			],
			env,
			'short'
		);
		expect(shortPassword.stderr).toContain('password: at least 10 characters');

		const verify = runCli(['audit', 'verify'], env);
		expect(verify.status).toBe(0);
		// study, account, membership, enrolment; too few (and too recent) for a signed checkpoint yet
		expect(verify.stdout).toBe(
			'audit chain intact: 4 events\nlast signed checkpoint: none yet (4 events unsigned)\n'
		);

		await dropTrigger(db, 'audit_events_no_update', 'audit_events');
		await sqlRun(
			db,
			"UPDATE audit_events SET after_json = replace(after_json, 'ada@', 'eve@') WHERE seq = 2"
		);
		const broken = runCli(['audit', 'verify'], env);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toContain('audit chain BROKEN at sequence 2');
	});

	it('validate reports an alias bomb and a folder given as cases.file as file:line errors, no stack', async () => {
		const yaml = FIXTURE_YAML.replace('  file: cases.csv', '  file: images').concat(
			'x: &a [y, y, y, y, y, y, y, y, y, y]\n',
			'z: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n',
			'w: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n'
		);
		const bomb = runCli(
			['study', 'validate', makeStudyFolder({ yaml })],
			(await freshDatabase()).env
		);
		expect(bomb.status).toBe(1);
		// The bomb's second line (`z: …`), whose aliases pass the bound.
		const bombLine = yaml.trimEnd().split('\n').length - 1;
		expect(bomb.stderr).toMatch(
			new RegExp(`^study\\.yaml:${bombLine}: YAML: too many aliases`, 'm')
		);
		expect(bomb.stderr).not.toMatch(/ReferenceError|\n\s+at /);
		const folder = runCli(
			[
				'study',
				'validate',
				makeStudyFolder({ yaml: FIXTURE_YAML.replace('  file: cases.csv', '  file: images') })
			],
			(await freshDatabase()).env
		);
		expect(folder.status).toBe(1);
		expect(folder.stderr).toContain('study.yaml:38: cases.file: "images" is a folder, not a file');
		expect(folder.stderr).not.toMatch(/EISDIR|\n\s+at /);
	});
});

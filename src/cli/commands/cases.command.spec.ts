import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliEnv } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { cliSigner, SIGNER_PASSWORD } from '$fixtures/signer.fixture';
import { demoImportFixture, type DemoImportFixture } from '$fixtures/case-import.fixture';
import { planDemoStudy } from '../../../scripts/demo/demo-plan';
import { DEFAULT_SEED } from '../../../scripts/demo/generate-demo-study';

const EXCHANGE_KEY = '5e'.repeat(32);
/** The sponsor's side: `openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY` of the patient ID. */
const sponsorHmac = (value: string) =>
	createHmac('sha256', Buffer.from(EXCHANGE_KEY, 'hex')).update(value).digest('hex');

describe('tandem cases', () => {
	let fixture: DemoImportFixture;
	let env: CliEnv;
	let signing: ReturnType<typeof cliSigner>;
	const cli = (...args: string[]) => runCli(args, env);

	beforeAll(async () => {
		fixture = await demoImportFixture({ slug: 'cli-import' });
		writeFileSync(join(fixture.root, 'exchange.key'), `${EXCHANGE_KEY}\n`, { mode: 0o600 });
		env = {
			...(await commandDatabase(join(fixture.root, 'tandem.db'))).env,
			TANDEM_DEID_KEYS: join(fixture.root, 'keys'),
			TANDEM_EXCHANGE_KEY_FILE: join(fixture.root, 'exchange.key'),
			CI: 'true'
		};
		expect(cli('study', 'load', fixture.studyDir).status).toBe(0);
		signing = cliSigner(env, 'cli-import', { name: 'Ada Admin', email: 'ada@x.org' });
		// Two bad files beside the demo images.
		mkdirSync(join(fixture.sourceDir, 'extra'));
		writeFileSync(
			join(fixture.sourceDir, 'extra', 'scan.jpg'),
			Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43, 0])
		);
		writeFileSync(join(fixture.sourceDir, 'extra', 'notes.txt'), 'exported 2025-06-01\n');
	}, 60_000);
	afterAll(() => fixture.cleanup());

	it('imports a folder with progress on stderr, reporting bad files by path and reason', () => {
		const run = cli(
			'cases',
			'import',
			'--study',
			'cli-import',
			'--from',
			fixture.sourceDir,
			'--match',
			'accession',
			'--mapping',
			fixture.mappingPath
		);
		expect(run.stderr).toContain(`import: cli-import from ${fixture.sourceDir}\n`);
		// Not a terminal: one progress line per 10 %.
		expect(run.stderr).toContain('import: 27/266 (10 %)\n');
		expect(run.stderr).toContain('import: 266/266 (100 %)\n');
		expect(run.stdout).toBe(
			[
				'cli-import: 266 file(s) found, 264 imported, 0 already imported, 0 skipped, 2 could not be read',
				'cases with new images: 120; flagged for burned-in annotation review: 0; missing required tags: 0; lossy: 0',
				'not imported: extra/notes.txt: a text file, not a DICOM file',
				'not imported: extra/scan.jpg: a JPEG image, not a DICOM file',
				''
			].join('\n')
		);
		expect(run.status).toBe(0);
		expect(
			cli(
				'cases',
				'import',
				'--study',
				'cli-import',
				'--from',
				fixture.sourceDir,
				'--mapping',
				fixture.mappingPath
			).stdout
		).toMatch(/^cli-import: 266 file\(s\) found, 0 imported, 264 already imported/);
	}, 60_000);

	it('reports the distribution and the de-identification log, freezes, and refuses a change without a new version', () => {
		const report = cli('cases', 'report', '--study', 'cli-import');
		// The source folder is recorded as a keyed hash of its path, never the path.
		expect(report.stdout).toMatch(/^import 1 \(completed\) from folder path hash [0-9a-f]{16}: /m);
		expect(report.stdout).not.toContain(fixture.sourceDir);
		expect(report.stdout).toContain(
			'cli-import: 120 cases, 264 images (264 imported, 0 withdrawn); images from import\n'
		);
		expect(report.stdout).toContain('site: site-a 45, site-b 40, site-c 35\n');
		expect(report.stdout).toContain(
			'manufacturer: GE MEDICAL SYSTEMS 38, Philips 40, SIEMENS 42\n' +
				// Σ|x_i − x_j| = 2 (2 + 4 + 2) = 16; G* = 16 / (2 · 2 · 120) = 0.033;
				// H = −Σ p ln p with p = 38/120, 40/120, 42/120 is 1.09778; / ln 3 = 0.999.
				'  balance: 3 value(s), Gini 0.033 · Shannon 0.999 (normalised)\n'
		);
		expect(report.stdout).toContain('kvp: 120 kV 120\n  balance: 1 value(s), Gini 0.000');
		const log = cli('cases', 'deid-log', '--study', 'cli-import', '--case', 'C001');
		expect(log.stdout).toMatch(/^images\/C001\/0002-00001-[0-9a-f]{10}\.dcm\n/);
		expect(log.stdout).toContain('  (0010,0010) PatientName: replaced\n');
		expect(log.stdout).toContain('  (0008,0080) InstitutionName: removed\n');

		// The freeze is signed: by a named person (--as), with a meaning and their password, which
		// a non-interactive run takes from --password-file or TANDEM_SIGNATURE_PASSWORD.
		const freezeArgs = ['cases', 'freeze', '--study', 'cli-import', '--reason', 'QC passed'];
		expect(cli(...freezeArgs).stderr).toContain("required option '--as <email>' not specified");
		const unsigned = cli(...freezeArgs, '--as', 'ada@x.org', '--meaning', 'approved');
		expect(unsigned).toMatchObject({
			status: 1,
			stderr:
				'A signature needs the password of ada@x.org: there is no terminal to ask on; give --password-file FILE or set TANDEM_SIGNATURE_PASSWORD.\n'
		});
		const passwordFile = join(fixture.root, 'password.txt');
		writeFileSync(passwordFile, 'not the password\n', { mode: 0o600 });
		const flags = ['--as', 'ada@x.org', '--meaning', 'approved', '--password-file', passwordFile];
		expect(cli(...freezeArgs, ...flags)).toMatchObject({
			status: 1,
			stderr: 'tandem: The password is not right: the signature was refused.\n'
		});
		writeFileSync(passwordFile, `${SIGNER_PASSWORD}\n`);
		const freeze = cli(...freezeArgs, ...flags);
		expect(freeze.stderr).toBe('');
		const [, fingerprint] = /fingerprint ([0-9a-f]{64})\n/.exec(freeze.stdout) ?? [];
		expect(freeze.stdout).toBe(
			`cli-import: dataset version 1 frozen (120 cases, 264 images), fingerprint ${fingerprint}\nsigned by Ada Admin <ada@x.org> (Approved)\n`
		);

		const truth = join(fixture.root, 'pathology.csv');
		writeFileSync(
			truth,
			`case_id,truth\n${Array.from({ length: 120 }, (_, index) => `C${String(index + 1).padStart(3, '0')},${index % 2}`).join('\n')}\n`
		);
		const refused = cli(
			'cases',
			'truth-import',
			'--study',
			'cli-import',
			'--file',
			truth,
			'--source',
			'pathology'
		);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toBe(
			`tandem: The dataset of "cli-import" is frozen at version 1 (fingerprint ${fingerprint}): changing the reference truth needs a new version. Reopen it first: tandem cases reopen --study cli-import --reason "…", then freeze again.\n`
		);
		expect(
			cli(
				'cases',
				'import',
				'--study',
				'cli-import',
				'--from',
				fixture.sourceDir,
				'--mapping',
				fixture.mappingPath
			).status
		).toBe(1);

		expect(
			cli('cases', 'reopen', '--study', 'cli-import', '--reason', 'pathology arrived').stdout
		).toBe('cli-import: dataset version 1 reopened; the next freeze makes version 2\n');
		expect(
			cli(
				'cases',
				'truth-import',
				'--study',
				'cli-import',
				'--file',
				truth,
				'--source',
				'pathology'
			).stdout
		).toMatch(
			/^cli-import: truth for 120 cases \(60 diseased\), \d+ changed, sha256 [0-9a-f]{64}\n$/
		);
		const second = runCli(
			['cases', 'freeze', '--study', 'cli-import', ...signing.flags],
			signing.env
		);
		expect(second.stdout).toMatch(
			/^cli-import: dataset version 2 frozen \(120 cases, 264 images\), fingerprint [0-9a-f]{64}\nsigned by Ada Admin <ada@x.org> \(Approved\)\n$/
		);
		expect(second.stdout).not.toContain(fingerprint);
		expect(cli('audit', 'verify').stdout).toMatch(
			/^audit chain intact: \d+ events\nlast signed checkpoint: [^\n]+\n$/
		);
	}, 120_000);

	it('checks independence from a training manifest: the planted patients by case, and only those', () => {
		const plans = planDemoStudy(DEFAULT_SEED);
		const manifest = join(fixture.root, 'training.csv');
		writeFileSync(
			manifest,
			[
				'patient_hmac,institution_hmac',
				sponsorHmac('NOT-A-TEST-PATIENT-1'),
				`${sponsorHmac(plans[4]!.patient.id)},${sponsorHmac('SOMEWHERE ELSE HOSPITAL')}`,
				sponsorHmac(plans[16]!.patient.id),
				sponsorHmac('NOT-A-TEST-PATIENT-2'),
				''
			].join('\n')
		);
		const args = ['cases', 'check-independence', '--study', 'cli-import'];
		const run = cli(...args, '--training-manifest', manifest);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(
			/^cli-import: dataset version 2 \(fingerprint [0-9a-f]{64}\) against a training manifest of 4 row\(s\), sha256 [0-9a-f]{64}, exchange key [0-9a-f]{16}\n/
		);
		expect(run.stdout.split('\n').slice(1)).toEqual([
			'120 case(s) compared: 2 share a patient with the training data, 0 an institution',
			`overlap: case ${plans[4]!.caseId}: same patient`,
			`overlap: case ${plans[16]!.caseId}: same patient`,
			''
		]);
		expect(cli('cases', 'report', '--study', 'cli-import').stdout).toContain(
			'independence: checked against a training manifest of 4 row(s)'
		);

		const noKey = runCli([...args, '--training-manifest', manifest], {
			...env,
			TANDEM_EXCHANGE_KEY_FILE: ''
		});
		expect(noKey.status).toBe(1);
		expect(noKey.stderr).toMatch(/^tandem: No exchange key: set TANDEM_EXCHANGE_KEY_FILE/);
		writeFileSync(manifest, `patient_hmac\n${sponsorHmac('X')}\nMRN 0042\n`);
		const bad = cli(...args, '--training-manifest', manifest);
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain(
			'training.csv:3: patient_hmac: must be an HMAC-SHA-256 in hex (64 hex digits), never a raw identifier; got 8 character(s), not repeated here'
		);
	});
});

// Lock, blind export, verification and commit-then-unblind, as an operator runs them, on a demo
// study filled with simulated reads.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRows, sqlValue } from '$fixtures/sql.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { xlsxXmlText } from '$fixtures/stats/xlsx-reader.fixture';
import { cliSigner } from '$fixtures/signer.fixture';

describe('tandem study lock / export', () => {
	it('locks, exports coded and signed, detects an altered byte, and releases the key only after results are registered', async () => {
		const work = mkdtempSync(join(tmpdir(), 'tandem-export-'));
		const { env, db } = await commandDatabase(join(work, 'tandem.db'));
		const dir = makeStudyFolder(twelveCaseOptions());
		expect(runCli(['study', 'load', dir], env).status).toBe(0);
		const signing = cliSigner(env, 'mini-study', { name: 'Ada Admin', email: 'admin@x.org' });
		for (const [email, site] of [
			['ada@a.org', 'site-a'],
			['bo@b.org', 'site-b'],
			['cy@a.org', 'site-a']
		]) {
			expect(
				runCli(
					[
						'reader',
						'enrol',
						'--study',
						'mini-study',
						'--site',
						site!,
						'--email',
						email!,
						'--name',
						`Reader ${email}`,
						'--password-stdin'
					],
					env,
					'reader password 123'
				).status
			).toBe(0);
		}
		expect(
			runCli(['demo', 'simulate-reads', '--study', 'mini-study', '--seed', '5'], env).stdout
		).toMatch(/^mini-study: 72 simulated reads by 3 readers/);

		const out = join(work, 'export');
		expect(
			runCli(['export', 'blind', '--study', 'mini-study', '--out', out], env).stderr
		).toContain('is not locked');
		expect(
			runCli(['study', 'lock', '--study', 'mini-study', '--reason', 'last read in'], env).stderr
		).toContain("required option '--as <email>' not specified");
		expect(
			runCli(
				['study', 'lock', '--study', 'mini-study', '--reason', 'last read in', ...signing.flags],
				signing.env
			).stdout
		).toMatch(
			/^mini-study: locked, fingerprint [0-9a-f]{64}\nsigned by Ada Admin <admin@x.org> \(Approved\)\n$/
		);
		expect(runCli(['export', 'blind', '--study', 'mini-study', '--out', out], env).stdout).toMatch(
			/^export 1: 16 files/
		);
		expect(runCli(['export', 'verify', out], env).stdout).toBe(
			'export intact: signature valid, 13 files match the manifest\n'
		);

		// Nothing identifying: no reader name or e-mail, no real case id, no arm meaning.
		const files = readdirSync(out, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => join(entry.parentPath, entry.name));
		expect(files.map((path) => path.slice(out.length + 1)).sort()).toEqual(
			[
				'README.md',
				'cases.csv',
				'manifest.json',
				'manifest.sig',
				'protocol.json',
				'public-key.pem',
				'readers.csv',
				'reads.csv',
				'strata-balance.csv',
				'truth.csv',
				...[
					'README.md',
					'imrmc-reads.imrmc',
					'mrmcaov-reads.csv',
					'peer-id-map.csv',
					'rjafroc-reads.imrmc',
					'rjafroc-roc.xlsx'
				].map((name) => `peer-formats/${name}`)
			].sort()
		);
		const everything = files
			.map((path) =>
				path.endsWith('.xlsx') ? xlsxXmlText(readFileSync(path)) : readFileSync(path, 'utf8')
			)
			.join('\n');
		expect(everything).toContain('RDR-');
		for (const secret of [
			'ada@a.org',
			'Reader ',
			'K1,',
			'K12',
			'unaided',
			'aided',
			'Reader alone',
			'with AI',
			'"ai"'
		])
			expect(everything).not.toContain(secret);

		// The export analyses as it is, with tandem analyze.
		const analysis = JSON.parse(
			runCli(['analyze', '--input', join(out, 'reads.csv'), '--format', 'json'], env).stdout
		);
		expect(analysis.design.readers).toHaveLength(3);
		expect(analysis.design.cases).toBe(12);

		// One byte changed: verification fails naming the file.
		const reads = readFileSync(join(out, 'reads.csv'));
		reads[reads.length - 2] = reads[reads.length - 2] === 0x31 ? 0x32 : 0x31;
		writeFileSync(join(out, 'reads.csv'), reads);
		const broken = runCli(['export', 'verify', out], env);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toBe(
			'export NOT intact: reads.csv: SHA-256 differs from the manifest (file altered)\n'
		);

		// Commit, then unblind.
		const keyFile = join(work, 'key.json');
		const release = [
			'export',
			'release-key',
			'--study',
			'mini-study',
			'--export',
			'1',
			'--out',
			keyFile,
			...signing.flags
		];
		expect(runCli(release, signing.env).stderr).toContain(
			'has not registered the SHA-256 of their results'
		);
		const resultsHash = createHash('sha256').update('the evaluator’s results').digest('hex');
		expect(
			runCli(
				[
					'export',
					'register-results',
					'--study',
					'mini-study',
					'--export',
					'1',
					'--sha256',
					resultsHash
				],
				env
			).status
		).toBe(0);
		expect(
			runCli(release, { ...signing.env, TANDEM_SIGNATURE_PASSWORD: 'a wrong password' }).stderr
		).toBe('tandem: The password is not right: the signature was refused.\n');
		expect(runCli(release, signing.env).stdout).toBe(
			`export 1: code key written to ${keyFile}; unblinding recorded, signed by Ada Admin <admin@x.org> (Approved)\n`
		);
		const key = JSON.parse(readFileSync(keyFile, 'utf8'));
		expect(Object.values(key.arms).sort()).toEqual(['aided', 'unaided']);
		expect(Object.values(key.readers).sort()).toEqual(['R01', 'R02', 'R03']);

		const actions = (
			await sqlRows<{ action: string }>(
				db,
				"SELECT action FROM audit_events WHERE action LIKE 'export.%' OR action = 'study.locked' ORDER BY seq"
			)
		).map((row) => row.action);
		expect(actions).toEqual([
			'study.locked',
			'export.blind_created',
			'export.results_registered',
			'export.key_released'
		]);
		expect(await sqlValue(db, 'SELECT unblinded_at AS at FROM studies')).not.toBeNull();
		// Both acts carry the admin's signature, linked to the fingerprint and the results hash.
		expect(
			await sqlRows(
				db,
				'SELECT signer_name AS name, role, meaning, record_type AS type, record_hash = (SELECT fingerprint FROM study_locks) AS "isFingerprint", record_hash AS hash FROM signatures ORDER BY id'
			)
		).toEqual([
			{
				name: 'Ada Admin',
				role: 'admin',
				meaning: 'approved',
				type: 'study_lock',
				isFingerprint: 1,
				hash: expect.stringMatching(/^[0-9a-f]{64}$/)
			},
			{
				name: 'Ada Admin',
				role: 'admin',
				meaning: 'approved',
				type: 'key_release',
				isFingerprint: 0,
				hash: resultsHash
			}
		]);
		expect(runCli(['audit', 'verify'], env).status).toBe(0);
	}, 120_000);
});

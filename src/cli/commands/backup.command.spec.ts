// `tandem backup`, `tandem backup verify` and `tandem restore` as an operator runs them: exit codes
// and messages, on a locked study with reads.
import { describe, expect, it } from 'vitest';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { commandDatabase } from '$fixtures/data-folder.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { cliSigner } from '$fixtures/signer.fixture';

describe('tandem backup / backup verify / restore', () => {
	// Tandem's backups copy the SQLite file (backup-dialect.ts); on PostgreSQL the commands refuse,
	// naming the server's own tools (the test after this one).
	it.skipIf(onPostgres)(
		'backs up, verifies, refuses a tampered backup and occupied targets, restores, rotates',
		backsUpAndRestores,
		240_000
	);

	it.runIf(onPostgres)(
		'on PostgreSQL refuses to back up or restore, naming pg_dump and pg_restore, and writes nothing',
		async () => {
			const work = mkdtempSync(join(tmpdir(), 'tandem-backup-cli-'));
			const { env } = await commandDatabase(join(work, 'data', 'tandem.db'));
			expect(runCli(['study', 'load', makeStudyFolder(twelveCaseOptions())], env).status).toBe(0);
			const backup = join(work, 'backup');
			expect(runCli(['backup', '--out', backup], env)).toMatchObject({
				status: 1,
				stdout: '',
				stderr: `tandem: Tandem's backups copy its SQLite database; this one runs on PostgreSQL (DATABASE_URL): back up the database with PostgreSQL's own tools — pg_dump (a logical copy, restored with pg_restore) or pg_basebackup with archived write-ahead log (point-in-time recovery) — and copy the data folder (signing key, de-identification keys, exports, models) and the study folders beside it.\n`
			});
			expect(existsSync(backup)).toBe(false);
			const target = join(work, 'restored', 'tandem.db');
			expect(runCli(['restore', '--from', backup, '--to', target], env)).toMatchObject({
				status: 1,
				stdout: '',
				stderr: `tandem: Tandem's restore puts back a SQLite database; this one runs on PostgreSQL (DATABASE_URL): restore the database with PostgreSQL's own tools (pg_restore, or a base backup with point-in-time recovery) and copy the data folder back beside it.\n`
			});
			expect(existsSync(join(work, 'restored'))).toBe(false);
		},
		120_000
	);
});

/** The SQLite pass: the whole round trip. */
function backsUpAndRestores(): void {
	const work = mkdtempSync(join(tmpdir(), 'tandem-backup-cli-'));
	const env = { TANDEM_DB: join(work, 'data', 'tandem.db') };
	expect(runCli(['study', 'load', makeStudyFolder(twelveCaseOptions())], env).status).toBe(0);
	const enrol = ['reader', 'enrol', '--study', 'mini-study', '--site', 'site-a'];
	expect(
		runCli(
			[...enrol, '--email', 'ada@a.org', '--name', 'Ada', '--password-stdin'],
			env,
			'reader password 123'
		).status
	).toBe(0);
	expect(runCli(['demo', 'simulate-reads', '--study', 'mini-study'], env).status).toBe(0);
	const signing = cliSigner(env, 'mini-study');
	expect(
		runCli(
			['study', 'lock', '--study', 'mini-study', '--reason', 'all read', ...signing.flags],
			signing.env
		).status
	).toBe(0);

	const backup = join(work, 'backup');
	const made = runCli(['backup', '--out', backup], env);
	expect(made.status).toBe(0);
	expect(made.stdout).toMatch(
		new RegExp(
			`^backup written to ${backup}: 18 files, [0-9.]+ MB; audit chain at sequence (\\d+), signed \\(checkpoint at sequence \\1\\); manifest sha256 [0-9a-f]{64}\\n$`
		)
	);
	expect(made.stderr).toContain('backup files: 16/16 (100 %)');
	const seq = Number(/sequence (\d+)/.exec(made.stdout)![1]);

	const again = runCli(['backup', '--out', backup], env);
	expect(again.status).toBe(1);
	expect(again.stderr).toBe(
		`tandem: ${backup} is not empty (data, manifest.json, manifest.sig, …): back up into a new or empty folder.\n`
	);
	for (const args of [[], ['--out', 'x', '--out-root', 'y']])
		expect(runCli(['backup', ...args], env)).toMatchObject({
			status: 2,
			stderr: 'tandem: give exactly one of --out <dir> and --out-root <dir>\n'
		});
	expect(runCli(['backup', '--out', 'x', '--keep', '2'], env)).toMatchObject({
		status: 2,
		stderr: 'tandem: --keep goes with --out-root\n'
	});

	expect(runCli(['backup', 'verify', backup], env)).toMatchObject({
		status: 0,
		stdout: `backup intact: signature valid, 18 files match the manifest; database integrity ok; audit chain intact (${seq} events, head at sequence ${seq} as in the manifest); 1 signed checkpoint holds under the backup's key, the last at sequence ${seq} as in the manifest; 1 locked study, its lock fingerprint recomputed and equal; 12 images match the database\n`
	});

	const tampered = join(work, 'tampered');
	cpSync(backup, tampered, { recursive: true });
	const image = join(tampered, 'studies/mini-study/images/K4/001.dcm');
	writeFileSync(image, Buffer.concat([readFileSync(image), Buffer.from([0])]));
	const refusal = `tandem: backup ${tampered} NOT intact: studies/mini-study/images/K4/001.dcm: SHA-256 differs from the manifest (file altered)\n`;
	expect(runCli(['backup', 'verify', tampered], env)).toMatchObject({
		status: 1,
		stderr: expect.stringContaining(refusal)
	});
	const refusedTarget = join(work, 'refused', 'tandem.db');
	expect(runCli(['restore', '--from', tampered, '--to', refusedTarget], env)).toMatchObject({
		status: 1,
		stderr: expect.stringContaining(refusal)
	});
	expect(existsSync(join(work, 'refused'))).toBe(false);

	const noCheckpoints = join(work, 'no-checkpoints');
	cpSync(backup, noCheckpoints, { recursive: true });
	rmSync(join(noCheckpoints, 'data/audit-checkpoints.jsonl'));
	expect(runCli(['backup', 'verify', noCheckpoints], env)).toMatchObject({
		status: 1,
		stderr: expect.stringContaining(
			`tandem: backup ${noCheckpoints} NOT intact: data/audit-checkpoints.jsonl: missing\n`
		)
	});

	expect(runCli(['restore', '--from', backup], env)).toMatchObject({
		status: 1,
		stderr: `tandem: ${env.TANDEM_DB} already exists: restore writes into an empty location only (move it aside, or give another --to).\n`
	});
	const restoredDb = join(work, 'restored', 'tandem.db');
	const restored = runCli(['restore', '--from', backup, '--to', restoredDb], env);
	expect(restored.status).toBe(0);
	expect(restored.stdout).toMatch(
		new RegExp(
			`^restored ${restoredDb}: 3 files written, 15 already in place; database integrity ok; audit chain intact \\(${seq} events`
		)
	);
	// The checkpoint file came back beside the restored database; the manifest's checkpoint,
	// checked under the backup's public key, holds against the restored chain too.
	const intact = new RegExp(
		`^audit chain intact: ${seq} events\\nlast signed checkpoint: sequence ${seq} of \\S+Z \\(lock\\), hash [0-9a-f]{64}; 0 events after it \\(1 checkpoint checked\\)\\n$`
	);
	expect(runCli(['audit', 'verify'], { TANDEM_DB: restoredDb })).toMatchObject({
		status: 0,
		stdout: expect.stringMatching(intact)
	});
	const fromManifest = [
		...['--checkpoint', join(backup, 'manifest.json')],
		...['--public-key', join(backup, 'public-key.pem')]
	];
	expect(runCli(['audit', 'verify', ...fromManifest], { TANDEM_DB: restoredDb })).toMatchObject({
		status: 0,
		stdout: expect.stringMatching(intact)
	});

	const root = join(work, 'rotating');
	const first = runCli(['backup', '--out-root', root, '--keep', '1'], env);
	const second = runCli(['backup', '--out-root', root, '--keep', '1'], env);
	expect([first.status, second.status]).toEqual([0, 0]);
	const firstDir = /^backup written to (\S+):/.exec(first.stdout)![1]!;
	expect(second.stdout).toContain(`\nremoved older backup ${firstDir}\n`);
	expect(readdirSync(root)).toHaveLength(1);
}

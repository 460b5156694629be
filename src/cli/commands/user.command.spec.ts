// `tandem user invite` as an operator runs it: a new account gets a one-time link (printed once) with
// which its owner sets their own password, through the same service as the coordinator's page.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { openDatabase } from '../../lib/server/db/client';
import { acceptInvitation } from '../../lib/server/users/invitation.service';
import { attemptLogin } from '../../lib/server/auth/login.service';

describe('tandem user invite', () => {
	it('creates the account with an invitation link instead of a password', async () => {
		const database = join(mkdtempSync(join(tmpdir(), 'tandem-invite-')), 'tandem.db');
		const env = { TANDEM_DB: database };
		expect(runCli(['study', 'load', makeStudyFolder()], env).status).toBe(0);
		const args = [
			...['user', 'invite', '--email', 'Stat@x.org', '--name', 'Stat', '--role', 'statistician'],
			...['--study', 'mini-study', '--base-url', 'https://tandem.example.org/ignored']
		];
		const run = runCli(args, env);
		expect(run.stderr).toBe('');
		const match = run.stdout.match(
			/^stat@x\.org: created account, role statistician in mini-study\ninvitation link \(shown once, works once, valid until \d{4}-\d\d-\d\dT[\d:.]+Z\): https:\/\/tandem\.example\.org\/invite\/([A-Za-z0-9_-]{43})\n$/
		);
		expect(match, run.stdout).not.toBeNull();
		const db = openDatabase(database);
		expect((await acceptInvitation(db, match![1]!, 'my own password')).ok).toBe(true);
		expect((await attemptLogin(db, 'stat@x.org', 'my own password')).ok).toBe(true);
		// An existing account is given the role; it needs no invitation.
		const again = runCli(
			[...args.slice(0, 6), '--role', 'evaluator', '--study', 'mini-study'],
			env
		);
		expect(again.stdout).toContain('no invitation: the account already has a password');
		const bad = runCli([...args.slice(0, -1), 'ftp://x'], env);
		expect(bad.status).not.toBe(0);
		expect(bad.stderr).toContain('--base-url must start with http:// or https://');
	}, 120_000);
});

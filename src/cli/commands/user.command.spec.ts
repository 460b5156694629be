// `tandem user invite` as an operator runs it: a new account gets a one-time link (printed once) with
// which its owner sets their own password, through the same service as the coordinator's page.
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { startSmtpServer } from '$fixtures/smtp-server.fixture';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { acceptInvitation } from '../../lib/server/users/invitation.service';
import { attemptLogin } from '../../lib/server/auth/login.service';

describe('tandem user invite', () => {
	it('creates the account with an invitation link instead of a password', async () => {
		const { env, db } = await freshCommandDatabase('tandem-invite-');
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

	it('e-mails the link when mail is configured and says so; a failed e-mail leaves the invitation', async () => {
		const database = await freshCommandDatabase('tandem-invite-mail-');
		const smtp = await startSmtpServer();
		try {
			const env = {
				...database.env,
				TANDEM_SMTP_URL: smtp.url,
				TANDEM_MAIL_FROM: 'Tandem <tandem@example.org>',
				TANDEM_PUBLIC_URL: 'https://tandem.example.org'
			};
			expect(runCli(['study', 'load', makeStudyFolder()], env).status).toBe(0);
			const invite = (email: string) => [
				...['user', 'invite', '--email', email, '--name', 'Someone', '--role', 'reader'],
				...['--study', 'mini-study', '--site', 'site-a']
			];
			const run = await runCliAsync(invite('reader.one@x.org'), env);
			expect(run.stderr).toBe('');
			expect(run.stdout).toMatch(
				/invitation link \(shown once, works once, valid until [^)]+\): https:\/\/tandem\.example\.org\/invite\/[A-Za-z0-9_-]{43}\ne-mailed to reader\.one@x\.org\n$/
			);
			expect(smtp.received.map((mail) => mail.to)).toEqual([['reader.one@x.org']]);
			// No address to put before the link: no e-mail, and the command says why.
			const noBase = await runCliAsync(invite('reader.two@x.org'), {
				...env,
				TANDEM_PUBLIC_URL: ''
			});
			expect(noBase.stdout).toContain(
				'not e-mailed: a link in an e-mail needs the server address (--base-url or TANDEM_PUBLIC_URL)'
			);
			expect(smtp.received).toHaveLength(1);
			await smtp.close();
			const failed = await runCliAsync(invite('reader.three@x.org'), env);
			expect(failed.status).toBe(0);
			expect(failed.stdout).toMatch(/invitation link .*\/invite\/[A-Za-z0-9_-]{43}\n/);
			expect(failed.stderr).toMatch(
				/^the e-mail to reader\.three@x\.org could not be sent \(.+\); give them the link yourself\n$/
			);
		} finally {
			await smtp.close().catch(() => {});
		}
	}, 240_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { acceptInvitation, openInvitation } from './invitation.service';
import { mailInvitation } from './invitation-mail.service';
import { operatorPrincipal } from '../access/principal';
import { auditRows, invitedReader } from './invited-reader.fixture';
import { startSmtpServer, type TestSmtpServer } from '$fixtures/smtp-server.fixture';

const noSleep = async () => {};
const FROM = 'Tandem <tandem@example.org>';
const BASE = 'https://tandem.example.org';

const invited = invitedReader;

/** A port on 127.0.0.1 that nobody listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

let smtp: TestSmtpServer | undefined;
afterEach(async () => {
	await smtp?.close();
	smtp = undefined;
});

describe('e-mailed invitations', () => {
	it('sends the link to the invited reader, naming the study and the expiry; the link works', async () => {
		smtp = await startSmtpServer();
		const { db, invitation, title } = await invited();
		const outcome = await mailInvitation(db, operatorPrincipal(), invitation, {
			mail: { smtpUrl: smtp.url, from: FROM },
			baseUrl: BASE
		});
		expect(outcome).toEqual({ status: 'sent', to: 'new.reader@x.org' });
		expect(smtp.received).toHaveLength(1);
		const message = smtp.received[0]!;
		expect(message.to).toEqual(['new.reader@x.org']);
		expect(message.from).toBe('tandem@example.org');
		const unfolded = message.raw.replace(/=\r?\n/g, '');
		expect(unfolded).toMatch(new RegExp(`^Subject: .*${title}`, 'm'));
		expect(unfolded).toContain(invitation.expiresAt.toISOString().slice(0, 10));
		const link = unfolded.match(/https:\/\/tandem\.example\.org\/invite\/([A-Za-z0-9_-]{43})/);
		expect(link).not.toBeNull();
		expect(await acceptInvitation(db, link![1]!, 'my own password', { sleep: noSleep })).toEqual({
			ok: true,
			email: 'new.reader@x.org'
		});
		expect((await auditRows(db, 'invitation.mail%')).map((row) => row.action)).toEqual([
			'invitation.mailed'
		]);
		expect(JSON.stringify(await auditRows(db, '%'))).not.toContain(invitation.token);
	});

	it('keeps the invitation and audits the failure when the server refuses the recipient', async () => {
		smtp = await startSmtpServer({ refuse: true });
		const { db, invitation } = await invited();
		const outcome = await mailInvitation(db, operatorPrincipal(), invitation, {
			mail: { smtpUrl: smtp.url, from: FROM },
			baseUrl: BASE
		});
		expect(outcome).toMatchObject({ status: 'failed', to: 'new.reader@x.org' });
		expect(await openInvitation(db, invitation.token)).toMatchObject({ email: 'new.reader@x.org' });
		const failed = await auditRows(db, 'invitation.mail%');
		expect(failed.map((row) => row.action)).toEqual(['invitation.mail_failed']);
		expect(failed[0]!.after).toContain('550');
	});

	it('keeps the invitation and audits the failure when no server answers', async () => {
		const { db, invitation } = await invited();
		const outcome = await mailInvitation(db, operatorPrincipal(), invitation, {
			mail: { smtpUrl: `smtp://user:secret@127.0.0.1:${await closedPort()}`, from: FROM },
			baseUrl: BASE
		});
		expect(outcome).toMatchObject({ status: 'failed', to: 'new.reader@x.org' });
		expect(await openInvitation(db, invitation.token)).not.toBeNull();
		const failed = await auditRows(db, 'invitation.mail_failed');
		expect(failed).toHaveLength(1);
		expect(failed[0]!.after).not.toContain('secret');
	});

	it('does nothing without mail settings', async () => {
		const { db, invitation } = await invited();
		expect(await mailInvitation(db, operatorPrincipal(), invitation, { baseUrl: BASE })).toEqual({
			status: 'off'
		});
		expect(await auditRows(db, 'invitation.mail%')).toEqual([]);
	});
});

import { sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { acceptInvitation, INVITATION_DAYS, openInvitation } from './invitation.service';
import { attemptLogin } from '../auth/login.service';
import { THROTTLE_POLICY } from '../auth/login-throttle';
import { auditRows, invitedReader } from './invited-reader.fixture';

const DAY = 24 * 60 * 60 * 1000;
const noSleep = async () => {};

async function invited() {
	const { db, invitation } = await invitedReader();
	return { db, token: invitation.token, expiresAt: invitation.expiresAt };
}

describe('invitations', () => {
	it('stores only the hash of the token, expires in a week, and the account has no usable password until then', async () => {
		const { db, token, expiresAt } = await invited();
		const rows = (await sqlRows(db, 'SELECT token_hash AS hash FROM invitations')) as {
			hash: string;
		}[];
		expect(rows).toHaveLength(1);
		expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(await sqlRows(db, 'SELECT * FROM audit_events'))).not.toContain(token);
		expect(Math.round((expiresAt.getTime() - Date.now()) / DAY)).toBe(INVITATION_DAYS);
		expect(await openInvitation(db, token)).toMatchObject({ email: 'new.reader@x.org' });
		expect(await auditRows(db, 'invitation.created')).toHaveLength(1);
		const login = await attemptLogin(db, 'new.reader@x.org', 'anything at all', { sleep: noSleep });
		expect(login.ok).toBe(false);
	});

	it('sets the password once; the reader then signs in; the link is spent', async () => {
		const { db, token } = await invited();
		expect(await acceptInvitation(db, token, 'my own password', { sleep: noSleep })).toEqual({
			ok: true,
			email: 'new.reader@x.org'
		});
		expect((await attemptLogin(db, 'new.reader@x.org', 'my own password')).ok).toBe(true);
		expect(await openInvitation(db, token)).toBeNull();
		expect(await acceptInvitation(db, token, 'another password', { sleep: noSleep })).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await attemptLogin(db, 'new.reader@x.org', 'another password')).ok).toBe(false);
		expect((await auditRows(db, 'invitation.%')).map((row) => row.action)).toEqual([
			'invitation.created',
			'invitation.accepted',
			'invitation.refused'
		]);
	});

	it('refuses an expired or unknown link alike, and the password rules as everywhere', async () => {
		const { db, token } = await invited();
		expect(
			await acceptInvitation(db, 'x'.repeat(43), 'my own password', { sleep: noSleep })
		).toEqual({ ok: false, reason: 'invalid' });
		const later = () => new Date(Date.now() + (INVITATION_DAYS + 1) * DAY);
		expect(await openInvitation(db, token, later())).toBeNull();
		expect(
			await acceptInvitation(db, token, 'my own password', { now: later, sleep: noSleep })
		).toEqual({ ok: false, reason: 'invalid' });
		expect(await openInvitation(db, 'not a token')).toBeNull();
		await expect(acceptInvitation(db, token, 'short')).rejects.toThrow(
			'password: at least 10 characters'
		);
		// Still usable in time: nothing above spent it.
		expect(await openInvitation(db, token)).not.toBeNull();
		expect(await auditRows(db, 'invitation.refused')).toHaveLength(2);
	});

	it('counts wrong links like failed sign-ins: an address that keeps guessing is locked out', async () => {
		const { db, token } = await invited();
		const ip = '203.0.113.9';
		for (let attempt = 0; attempt < THROTTLE_POLICY.maxFailures; attempt++)
			expect(
				(
					await acceptInvitation(db, `${'y'.repeat(42)}${attempt}`, 'my own password', {
						ip,
						sleep: noSleep
					})
				).ok
			).toBe(false);
		const locked = await acceptInvitation(db, token, 'my own password', { ip, sleep: noSleep });
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		expect(await auditRows(db, 'invitation.refused_locked')).toHaveLength(1);
		// From another address the genuine link still works.
		expect(
			(await acceptInvitation(db, token, 'my own password', { ip: '198.51.100.1', sleep: noSleep }))
				.ok
		).toBe(true);
	});
});

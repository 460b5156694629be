import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { attemptLogin, THROTTLE_POLICY } from './login.service';
import { validateSessionToken, SESSION_LIFETIME_MS } from './session.service';
import { hashPassword } from './password';
import { testDatabase } from '$fixtures/test-db.fixture';
import { users } from '../db/schema';
import type { Db } from '../db/client';

async function withUser(): Promise<Db> {
	const db = await testDatabase();
	await db.insert(users).values({
		email: 'reader@site-a.org',
		name: 'Reader',
		passwordHash: await hashPassword('correct horse battery')
	});
	return db;
}

function clock(start: string) {
	let now = new Date(start).getTime();
	return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const actions = async (db: Db) =>
	(
		(await sqlRows(db, 'SELECT action FROM audit_events ORDER BY seq')) as Array<{
			action: string;
		}>
	).map((row) => row.action);

describe('attemptLogin', () => {
	it('logs in with the right password (case-insensitive e-mail), stores only the token hash, audits it', async () => {
		const db = await withUser();
		const result = await attemptLogin(db, ' Reader@Site-A.org ', 'correct horse battery');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const stored = (await sqlRows(db, 'SELECT id FROM auth_sessions')) as Array<{
			id: string;
		}>;
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).not.toContain(result.token);
		expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
		expect((await validateSessionToken(db, result.token))?.user.email).toBe('reader@site-a.org');
		expect(await actions(db)).toEqual(['auth.login']);
	});

	it('slows down repeated failures, locks after the limit even for the right password, and audits', async () => {
		const db = await withUser();
		const time = clock('2026-11-23T09:00:00Z');
		const delays: number[] = [];
		const options = { now: time.now, sleep: async (ms: number) => void delays.push(ms) };
		const results = [];
		for (let attempt = 0; attempt < THROTTLE_POLICY.maxFailures; attempt++)
			results.push(await attemptLogin(db, 'reader@site-a.org', 'wrong', options));
		expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual([
			'invalid',
			'invalid',
			'invalid',
			'invalid',
			'locked'
		]);
		expect(delays).toEqual([250, 500]);
		const locked = await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', options);
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		expect((await actions(db)).filter((action) => action === 'auth.login_failed')).toHaveLength(5);
		expect(await actions(db)).toContain('auth.locked');
		expect(await actions(db)).toContain('auth.login_refused_locked');

		time.advance(THROTTLE_POLICY.lockMs + 1);
		expect((await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', options)).ok).toBe(
			true
		);
	});

	it('answers the same for an unknown address and a wrong password', async () => {
		const db = await withUser();
		expect(await attemptLogin(db, 'nobody@site-a.org', 'whatever')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await attemptLogin(db, 'reader@site-a.org', 'whatever')).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});
});

describe('attemptLogin under a parallel burst', () => {
	const noSleep = { sleep: async () => undefined };
	const sessions = async (db: Db) =>
		((await sqlRow(db, 'SELECT count(*) AS n FROM auth_sessions')) as { n: number }).n;
	const checked = async (db: Db) =>
		(await actions(db)).filter((action) => action === 'auth.login_failed').length;

	it('checks no more passwords than the limit allows when 40 wrong ones arrive at once', async () => {
		const db = await withUser();
		const results = await Promise.all(
			Array.from({ length: 40 }, () =>
				attemptLogin(db, 'reader@site-a.org', 'wrong', { ...noSleep, ip: '203.0.113.7' })
			)
		);
		expect(await checked(db)).toBe(THROTTLE_POLICY.maxFailures);
		expect(results.filter((result) => !result.ok && result.reason === 'locked')).toHaveLength(
			40 - THROTTLE_POLICY.maxFailures + 1
		);
		const later = await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', {
			...noSleep,
			ip: '203.0.113.7'
		});
		expect(later).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('gives no session to the right password at the end of a burst of wrong ones', async () => {
		const db = await withUser();
		const burst = Array.from({ length: 40 }, () => 'wrong').concat('correct horse battery');
		const results = await Promise.all(
			burst.map((password) =>
				attemptLogin(db, 'reader@site-a.org', password, { ...noSleep, ip: '203.0.113.7' })
			)
		);
		expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await sessions(db)).toBe(0);
	});

	it('does not let one address lock the account for another', async () => {
		const db = await withUser();
		for (let attempt = 0; attempt < 2 * THROTTLE_POLICY.maxFailures; attempt++)
			await attemptLogin(db, 'reader@site-a.org', 'wrong', { ...noSleep, ip: '203.0.113.7' });
		const owner = await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', {
			...noSleep,
			ip: '198.51.100.20'
		});
		expect(owner.ok).toBe(true);
	});

	it('spaces out the attempts on one account from many addresses and refuses the excess unchecked', async () => {
		const db = await withUser();
		const waits: number[] = [];
		const time = clock('2026-11-23T09:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, n) =>
				attemptLogin(db, 'reader@site-a.org', 'wrong', {
					now: time.now,
					sleep: async (ms) => void waits.push(ms),
					ip: `203.0.113.${n + 1}`
				})
			)
		);
		const admitted = await checked(db);
		expect(admitted).toBeLessThan(12);
		expect(results.filter((result) => !result.ok && result.reason === 'locked')).toHaveLength(
			40 - admitted
		);
		// Each admitted attempt waits its own turn: no two start at the same moment once slowed.
		expect(new Set(waits).size).toBe(waits.length);
		expect(Math.max(...waits)).toBeLessThanOrEqual(THROTTLE_POLICY.maxQueueMs);
	});

	it('limits the failures from one address across accounts', async () => {
		const db = await withUser();
		const time = clock('2026-11-23T09:00:00Z');
		const waits: number[] = [];
		const options = {
			now: time.now,
			sleep: async (ms: number) => void waits.push(ms),
			ip: '203.0.113.7'
		};
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, n) =>
				attemptLogin(db, `user${n}@site-a.org`, 'wrong', options)
			)
		);
		const admitted = await checked(db);
		expect(admitted).toBeGreaterThanOrEqual(THROTTLE_POLICY.address.slowAfter);
		expect(admitted).toBeLessThan(THROTTLE_POLICY.address.slowAfter + 8);
		expect(results.filter((result) => !result.ok && result.reason === 'locked')).toHaveLength(
			60 - admitted
		);
		// The right password from the same address waits its turn too.
		const owner = await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', options);
		expect(owner).toMatchObject({ ok: false, reason: 'locked' });
		// …but not from another.
		expect(
			(
				await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', {
					...options,
					ip: '198.51.100.20'
				})
			).ok
		).toBe(true);
	});
});

describe('sessions', () => {
	it('expire after 30 days and are renewed when used in their last 15 days', async () => {
		const db = await withUser();
		const time = clock('2026-01-01T00:00:00Z');
		const login = await attemptLogin(db, 'reader@site-a.org', 'correct horse battery', {
			now: time.now
		});
		if (!login.ok) throw new Error('login failed');
		time.advance(10 * 86_400_000);
		expect((await validateSessionToken(db, login.token, time.now()))?.session.renewed).toBe(false);
		time.advance(10 * 86_400_000);
		const renewed = await validateSessionToken(db, login.token, time.now());
		expect(renewed?.session.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(time.now().getTime() + SESSION_LIFETIME_MS);
		time.advance(SESSION_LIFETIME_MS);
		expect(await validateSessionToken(db, login.token, time.now())).toBeNull();
		expect(await validateSessionToken(db, 'not-a-token', time.now())).toBeNull();
	});
});

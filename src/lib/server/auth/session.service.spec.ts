import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	sessionPrincipal,
	SESSION_LIFETIME_MS
} from './session.service';
import { guardRoute } from '../access/route-guard';
import { operatorPrincipal } from '../access/principal';
import { addUser } from '../users/user.service';
import { withdrawReader } from '../schedule/withdrawal.service';
import { authSessions, users } from '../db/schema';
import type { Db } from '../db/client';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';

const DAY_MS = 86_400_000;

async function storedExpiry(db: Db, token: string): Promise<number | null> {
	const row = (await sqlRow(
		db,
		'SELECT expires_at AS at FROM auth_sessions WHERE id = ?',
		sessionIdFromToken(token)
	)) as { at: number } | undefined;
	return row?.at ?? null;
}

async function signedInReader(now: Date) {
	const { db, readers } = await enrolledStudy(['site-a']);
	const reader = readers[0]!;
	const token = generateSessionToken();
	await createSession(db, token, reader.userId, now);
	return { db, reader, token };
}

describe('sessionIdFromToken', () => {
	it('is the SHA-256 of the token in hex, as stored before (sessions survive the upgrade)', () => {
		// FIPS 180-2, appendix B.1: SHA-256("abc").
		expect(sessionIdFromToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		const token = generateSessionToken();
		expect(sessionIdFromToken(token)).toBe(
			encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
		);
	});
});

describe('sessionPrincipal (one query per request: session, user and active roles)', () => {
	it('gives the user and the roles of every active membership; none for a user without one', async () => {
		const now = new Date('2026-11-23T09:00:00Z');
		const { db, reader, token } = await signedInReader(now);
		const found = await sessionPrincipal(db, token, now);
		expect(found?.user).toEqual({ id: reader.userId, email: reader.email, name: reader.name });
		expect([...found!.roles]).toEqual(['reader']);
		expect(found?.session.renewed).toBe(false);

		// A role in another study (a reader is no statistician of their own study).
		const other = readStudyFolder(
			makeStudyFolder({ yaml: FIXTURE_YAML.replace('slug: mini-study', 'slug: other-study') })
		);
		if (!other.ok) throw new Error('the second study folder is invalid');
		await loadStudy(db, operatorPrincipal(), other.folder);
		await addUser(db, operatorPrincipal(), {
			email: reader.email,
			name: reader.name,
			role: 'statistician',
			study: 'other-study'
		});
		expect([...(await sessionPrincipal(db, token, now))!.roles].sort()).toEqual([
			'reader',
			'statistician'
		]);

		const stranger = (
			await db
				.insert(users)
				.values({ email: 'nobody@example.org', name: 'Nobody', passwordHash: 'x' })
				.returning({ id: users.id })
		)[0]!.id;
		const strangerToken = generateSessionToken();
		await createSession(db, strangerToken, stranger, now);
		const alone = await sessionPrincipal(db, strangerToken, now);
		expect(alone?.user.email).toBe('nobody@example.org');
		expect(alone?.roles.size).toBe(0);
	});

	it('leaves out an ended (withdrawn) membership: the reading area is then refused', async () => {
		const now = new Date();
		const { db, reader, token } = await signedInReader(now);
		expect(guardRoute('/read', true, (await sessionPrincipal(db, token, now))!.roles)).toBe(
			'allowed'
		);
		await withdrawReader(db, operatorPrincipal(), {
			study: 'mini-study',
			email: reader.email,
			reason: 'left the study'
		});
		const after = await sessionPrincipal(db, token, now);
		expect(after?.user.id).toBe(reader.userId);
		expect(after?.roles.has('reader')).toBe(false);
		expect(guardRoute('/read', true, after!.roles)).toBe('forbidden');
		expect(guardRoute('/api/reads', true, after!.roles)).toBe('forbidden');
	});

	it('refuses a suspended (disabled) account and an expired session, and deletes the session', async () => {
		const now = new Date('2026-11-23T09:00:00Z');
		const { db, reader, token } = await signedInReader(now);
		await db.update(users).set({ disabledAt: now }).where(eq(users.id, reader.userId));
		expect(await sessionPrincipal(db, token, now)).toBeNull();
		expect(await storedExpiry(db, token)).toBeNull();

		await db.update(users).set({ disabledAt: null }).where(eq(users.id, reader.userId));
		const later = generateSessionToken();
		await createSession(db, later, reader.userId, now);
		const expired = new Date(now.getTime() + SESSION_LIFETIME_MS);
		expect(await sessionPrincipal(db, later, expired)).toBeNull();
		expect(await storedExpiry(db, later)).toBeNull();
		expect(await sessionPrincipal(db, 'not-a-token', now)).toBeNull();
		expect(await db.select().from(authSessions)).toEqual([]);
	});

	it('writes a renewal only when it is due (fewer than 15 days left)', async () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const { db, token } = await signedInReader(start);
		const created = start.getTime() + SESSION_LIFETIME_MS;
		const tenDaysOn = new Date(start.getTime() + 10 * DAY_MS);
		expect((await sessionPrincipal(db, token, tenDaysOn))?.session.renewed).toBe(false);
		expect(await storedExpiry(db, token)).toBe(created);

		const twentyDaysOn = new Date(start.getTime() + 20 * DAY_MS);
		const renewed = await sessionPrincipal(db, token, twentyDaysOn);
		expect(renewed?.session.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(twentyDaysOn.getTime() + SESSION_LIFETIME_MS);
		expect(await storedExpiry(db, token)).toBe(twentyDaysOn.getTime() + SESSION_LIFETIME_MS);
		expect((await sessionPrincipal(db, token, twentyDaysOn))?.session.renewed).toBe(false);
	});
});

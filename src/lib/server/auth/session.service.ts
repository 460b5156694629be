// Login sessions, Lucia pattern: an opaque random token in an httpOnly cookie; the database keeps
// only its SHA-256, so a leaked database does not yield usable sessions. 30-day sliding expiry.
import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { authSessions, users } from '../db/schema';
import type { DbOrTx } from '../db/client';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used when fewer than this many ms remain is extended to the full lifetime. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;
export const SESSION_COOKIE = 'tandem_session';

export interface SessionUser {
	id: number;
	email: string;
	name: string;
}

export interface SessionInfo {
	id: string;
	expiresAt: Date;
	/** True when validation extended the expiry: the cookie must be re-sent. */
	renewed: boolean;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(
	db: DbOrTx,
	token: string,
	userId: number,
	now = new Date()
): SessionInfo {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
		createdAt: now
	};
	db.insert(authSessions).values(session).run();
	return { id: session.id, expiresAt: session.expiresAt, renewed: false };
}

export function validateSessionToken(
	db: DbOrTx,
	token: string,
	now = new Date()
): { session: SessionInfo; user: SessionUser } | null {
	const id = sessionIdFromToken(token);
	const row = db
		.select({
			session: authSessions,
			user: { id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt }
		})
		.from(authSessions)
		.innerJoin(users, eq(authSessions.userId, users.id))
		.where(eq(authSessions.id, id))
		.get();
	if (!row) return null;
	if (now.getTime() >= row.session.expiresAt.getTime() || row.user.disabledAt !== null) {
		db.delete(authSessions).where(eq(authSessions.id, id)).run();
		return null;
	}
	let expiresAt = row.session.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		db.update(authSessions).set({ expiresAt }).where(eq(authSessions.id, id)).run();
		renewed = true;
	}
	const { disabledAt: _disabled, ...user } = row.user;
	return { session: { id, expiresAt, renewed }, user };
}

export function invalidateSession(db: DbOrTx, sessionId: string): void {
	db.delete(authSessions).where(eq(authSessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: DbOrTx, userId: number): void {
	db.delete(authSessions).where(eq(authSessions.userId, userId)).run();
}

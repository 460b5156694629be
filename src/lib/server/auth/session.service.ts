// Login sessions, Lucia pattern: an opaque random token in an httpOnly cookie; the database keeps
// only its SHA-256, so a leaked database does not yield usable sessions. 30-day sliding expiry.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { authSessions, memberships, users, type Role } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';

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
	// Asked on every request: Node's native SHA-256 (the same digest as @oslojs/crypto's).
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(
	db: DbOrTx,
	token: string,
	userId: number,
	now = new Date()
): Promise<SessionInfo> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
		createdAt: now
	};
	await db.insert(authSessions).values(session);
	return { id: session.id, expiresAt: session.expiresAt, renewed: false };
}

// Every request asks: one prepared statement gives the session, its user and the user's active
// memberships' roles (one row per membership; one row with no role for a user without any).
const statements = perConnection((db) => ({
	principal: db
		.select({
			expiresAt: authSessions.expiresAt,
			user: { id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt },
			role: memberships.role
		})
		.from(authSessions)
		.innerJoin(users, eq(authSessions.userId, users.id))
		.leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.withdrawnAt)))
		.where(eq(authSessions.id, sql.placeholder('id')))
		.prepare(),
	renew: db
		.update(authSessions)
		// A placeholder for a column value is written through the column's own mapping (a Date).
		.set({ expiresAt: sql.placeholder('expiresAt') as unknown as Date })
		.where(eq(authSessions.id, sql.placeholder('id')))
		.prepare(),
	remove: db
		.delete(authSessions)
		.where(eq(authSessions.id, sql.placeholder('id')))
		.prepare()
}));

export interface SessionPrincipal {
	session: SessionInfo;
	user: SessionUser;
	/** The roles of the user's active memberships (withdrawn ones left out), in any study. */
	roles: Set<Role>;
}

/**
 * The signed-in person behind a session token, with the roles they hold now: null for an unknown
 * or expired session or a disabled account (the session is then deleted). The expiry is extended
 * (written) only when fewer than SESSION_RENEW_WITHIN_MS remain.
 */
export async function sessionPrincipal(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<SessionPrincipal | null> {
	const id = sessionIdFromToken(token);
	const prepared = statements(db);
	const rows = await prepared.principal.all({ id });
	const first = rows[0];
	if (!first) return null;
	if (now.getTime() >= first.expiresAt.getTime() || first.user.disabledAt !== null) {
		await prepared.remove.run({ id });
		return null;
	}
	let expiresAt = first.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await prepared.renew.run({ id, expiresAt });
		renewed = true;
	}
	const { disabledAt: _disabled, ...user } = first.user;
	const roles = new Set(rows.flatMap((row) => (row.role === null ? [] : [row.role])));
	return { session: { id, expiresAt, renewed }, user, roles };
}

export async function validateSessionToken(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
	const found = await sessionPrincipal(db, token, now);
	return found && { session: found.session, user: found.user };
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

export async function invalidateUserSessions(db: DbOrTx, userId: number): Promise<void> {
	await db.delete(authSessions).where(eq(authSessions.userId, userId));
}

// Invitations: a new account created for someone else (a coordinator enrolling a reader, an
// operator's `tandem user invite`) gets no password chosen for it. It gets a one-time link instead:
// a random token, of which only the SHA-256 is stored, valid for INVITATION_DAYS and used once, with
// which its owner sets their own password (the same rules and argon2id as everywhere). Until then
// the account's password is a random secret nobody holds. Using a link is counted like a sign-in
// (login-throttle.ts) and audited, the refusals too; a link that cannot be used says nothing about
// why, or whose it was.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, users } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { systemPrincipal, type Principal, type UserPrincipal } from '../access/principal';
import { sha256Hex } from '../crypto/hash';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password';
import { releaseOnSuccess, reserveAttempt, type ThrottleKeys } from '../auth/login-throttle';
import { InputError } from '../errors';
import { INVITATION_DAYS } from '../../domain/invitation';
import { withTransaction } from '../db/transaction';

export { INVITATION_DAYS };
const DAY_MS = 24 * 60 * 60 * 1000;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newPassword = z
	.string()
	.min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
	.max(200, 'at most 200 characters');

export interface Invitation {
	id: number;
	/** The secret of the link: shown once, never stored. */
	token: string;
	expiresAt: Date;
}

/** The path of an invitation's page; the caller puts the server's address before it. */
export const invitationPath = (token: string) => `/invite/${token}`;

/** A password hash for an account whose owner has not set one: a random secret nobody holds. */
export function unusablePasswordHash(): Promise<string> {
	return hashPassword(randomBytes(32).toString('base64url'));
}

/** Creates an invitation for `userId` inside the caller's transaction (audited there). */
export async function createInvitationTx(
	tx: DbOrTx,
	principal: Principal,
	target: { userId: number; email: string; studyId: number | null },
	now: Date = new Date()
): Promise<Invitation> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
	const id = (
		await tx
			.insert(invitations)
			.values({
				tokenHash: sha256Hex(token),
				userId: target.userId,
				studyId: target.studyId,
				createdAt: now,
				expiresAt
			})
			.returning({ id: invitations.id })
	)[0]!.id;
	await recordAudit(
		tx,
		principal,
		{
			action: 'invitation.created',
			entityType: 'invitation',
			entityId: id,
			studyId: target.studyId,
			after: { userId: target.userId, email: target.email, expiresAt: expiresAt.toISOString() }
		},
		now
	);
	return { id, token, expiresAt };
}

async function usable(db: DbOrTx, token: string, now: Date) {
	if (!TOKEN_PATTERN.test(token)) return undefined;
	const row = (
		await db
			.select({
				id: invitations.id,
				userId: invitations.userId,
				studyId: invitations.studyId,
				expiresAt: invitations.expiresAt,
				usedAt: invitations.usedAt,
				email: users.email,
				name: users.name,
				disabledAt: users.disabledAt
			})
			.from(invitations)
			.innerJoin(users, eq(invitations.userId, users.id))
			.where(eq(invitations.tokenHash, sha256Hex(token)))
	)[0];
	if (!row || row.usedAt !== null || row.disabledAt !== null) return undefined;
	return row.expiresAt.getTime() > now.getTime() ? row : undefined;
}

/** Whose invitation the link is, while it can be used; null for an unknown, used or expired link. */
export async function openInvitation(
	db: Db,
	token: string,
	now: Date = new Date()
): Promise<{ email: string; name: string; expiresAt: Date } | null> {
	const row = await usable(db, token, now);
	return row ? { email: row.email, name: row.name, expiresAt: row.expiresAt } : null;
}

export type AcceptResult =
	{ ok: true; email: string } | { ok: false; reason: 'invalid' | 'locked'; retryAfterMs?: number };

export interface AcceptOptions {
	/** The client's address (the same limits as sign-ins). */
	ip?: string;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

/** The throttle's keys for a link: one client address on invitations, one link, one address. */
function invitationKeys(token: string, address: string | undefined): ThrottleKeys {
	const from = address || 'unknown';
	return {
		pair: `pair ${from} invitation`,
		account: `invitation ${sha256Hex(token).slice(0, 32)}`,
		address: `address ${from}`
	};
}

/**
 * Sets the invited account's password and uses up the link. Counted before the link is looked up,
 * like a sign-in; a link that cannot be used (unknown, used, expired) is refused, audited, and
 * answered the same whatever the reason.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	password: string,
	options: AcceptOptions = {}
): Promise<AcceptResult> {
	const parsed = newPassword.safeParse(password);
	if (!parsed.success)
		throw new InputError(`password: ${parsed.error.issues[0]!.message}`, 'password');
	const now = options.now ?? (() => new Date());
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const keys = invitationKeys(token, options.ip);
	const ip = options.ip ?? null;
	const auth = systemPrincipal('auth');

	const reservation = await withTransaction(db, async (tx) => {
		const reserved = await reserveAttempt(tx, keys, now());
		if (!reserved.admitted)
			await recordAudit(
				tx,
				auth,
				{
					action: 'invitation.refused_locked',
					entityType: 'invitation',
					after: { limit: reserved.limit, ip }
				},
				now()
			);
		return reserved;
	});
	if (!reservation.admitted)
		return { ok: false, reason: 'locked', retryAfterMs: reservation.retryAfterMs };
	if (reservation.waitMs > 0) await sleep(reservation.waitMs);

	// argon2 is asynchronous, the transaction synchronous: hash first, for a link that looks usable.
	const passwordHash = (await usable(db, token, now())) ? await hashPassword(password) : null;
	return await withTransaction(db, async (tx): Promise<AcceptResult> => {
		const row = passwordHash === null ? undefined : await usable(tx, token, now());
		if (!row) {
			await recordAudit(
				tx,
				auth,
				{
					action: 'invitation.refused',
					entityType: 'invitation',
					after: { failures: reservation.failures.pair, ip }
				},
				now()
			);
			return { ok: false, reason: 'invalid' };
		}
		await tx.update(users).set({ passwordHash: passwordHash! }).where(eq(users.id, row.userId));
		await tx.update(invitations).set({ usedAt: now() }).where(eq(invitations.id, row.id));
		await releaseOnSuccess(tx, keys, now());
		const owner: UserPrincipal = {
			kind: 'user',
			userId: row.userId,
			email: row.email,
			name: row.name
		};
		await recordAudit(
			tx,
			owner,
			{
				action: 'invitation.accepted',
				entityType: 'invitation',
				entityId: row.id,
				studyId: row.studyId,
				after: { userId: row.userId, ip }
			},
			now()
		);
		return { ok: true, email: row.email };
	});
}

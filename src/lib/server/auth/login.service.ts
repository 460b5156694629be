// Password login, throttled (login-throttle.ts): each attempt is counted before its password is
// checked, a client address that fails too often on an account is locked out of that account,
// and the attempts on one account, or from one address, are slowed down. Failures, locks,
// refusals and logins are audited.
import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { systemPrincipal, type UserPrincipal } from '../access/principal';
import { decoyPasswordHash, verifyPassword } from './password';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	type SessionInfo
} from './session.service';
import { releaseOnSuccess, reserveAttempt, throttleKeys, type Reservation } from './login-throttle';
import { withTransaction } from '../db/transaction';

export { THROTTLE_POLICY } from './login-throttle';

export type LoginResult =
	| { ok: true; token: string; session: SessionInfo; user: UserPrincipal }
	| { ok: false; reason: 'invalid' | 'locked'; retryAfterMs?: number };

export interface LoginOptions {
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
	/** The client's address (per-address limits; undefined counts as one unknown address). */
	ip?: string;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function attemptLogin(
	db: Db,
	emailInput: string,
	password: string,
	options: LoginOptions = {}
): Promise<LoginResult> {
	const now = options.now ?? (() => new Date());
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const email = normaliseEmail(emailInput);
	const keys = throttleKeys(email, options.ip);

	// Counted (or refused) before anything is awaited: parallel attempts each see the count before.
	const reservation = await withTransaction(db, async (tx) => {
		const reserved = await reserveAttempt(tx, keys, now());
		if (!reserved.admitted) {
			const lockedUntil = new Date(now().getTime() + reserved.retryAfterMs);
			await recordAudit(tx, systemPrincipal('auth'), {
				action: 'auth.login_refused_locked',
				entityType: 'login',
				entityId: email,
				after: { limit: reserved.limit, lockedUntil: lockedUntil.toISOString(), ip: ip(options) }
			});
		}
		return reserved;
	});
	if (!reservation.admitted)
		return { ok: false, reason: 'locked', retryAfterMs: reservation.retryAfterMs };
	if (reservation.waitMs > 0) await sleep(reservation.waitMs);

	const user = (await db.select().from(users).where(eq(users.email, email)))[0];
	const passwordOk = await verifyPassword(
		user?.passwordHash ?? (await decoyPasswordHash()),
		password
	);
	if (!user || !passwordOk || user.disabledAt !== null)
		return await recordFailure(db, email, reservation, user?.id ?? null, now(), options.ip);

	const token = generateSessionToken();
	const principal: UserPrincipal = {
		kind: 'user',
		userId: user.id,
		email: user.email,
		name: user.name
	};
	const session = await withTransaction(db, async (tx) => {
		await releaseOnSuccess(tx, keys, now());
		const created = await createSession(tx, token, user.id, now());
		await recordAudit(
			tx,
			principal,
			{
				action: 'auth.login',
				entityType: 'user',
				entityId: user.id,
				after: { ip: ip(options) }
			},
			now()
		);
		return created;
	});
	return { ok: true, token, session, user: principal };
}

export async function logout(db: Db, principal: UserPrincipal, sessionId: string): Promise<void> {
	await withTransaction(db, async (tx) => {
		await invalidateSession(tx, sessionId);
		await recordAudit(tx, principal, {
			action: 'auth.logout',
			entityType: 'user',
			entityId: principal.userId
		});
	});
}

function ip(options: LoginOptions): string | null {
	return options.ip ?? null;
}

/** Audits a wrong password (already counted); the attempt that reached the limit also locks. */
async function recordFailure(
	db: Db,
	email: string,
	reservation: Extract<Reservation, { admitted: true }>,
	userId: number | null,
	now: Date,
	address?: string
): Promise<LoginResult> {
	const { failures, lockedUntil } = reservation;
	await withTransaction(db, async (tx) => {
		const entity = { entityType: 'login', entityId: userId === null ? email : String(userId) };
		await recordAudit(
			tx,
			systemPrincipal('auth'),
			{
				action: 'auth.login_failed',
				...entity,
				after: {
					email,
					failures: failures.pair,
					accountFailures: failures.account,
					addressFailures: failures.address,
					ip: address ?? null
				}
			},
			now
		);
		if (lockedUntil) {
			await recordAudit(
				tx,
				systemPrincipal('auth'),
				{
					action: 'auth.locked',
					...entity,
					after: { email, ip: address ?? null, lockedUntil: lockedUntil.toISOString() }
				},
				now
			);
		}
	});
	return lockedUntil
		? {
				ok: false,
				reason: 'locked',
				retryAfterMs: Math.max(0, lockedUntil.getTime() - now.getTime())
			}
		: { ok: false, reason: 'invalid' };
}

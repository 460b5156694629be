// Password login with throttling: after a few failures each further attempt is slowed down, and
// after MAX_FAILURES the address is locked for LOCK_MS. Failures, locks and logins are audited.
import { eq } from 'drizzle-orm';
import { loginThrottle, users } from '../db/schema';
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

export const THROTTLE_POLICY = {
	/** Failures before answers start slowing down. */
	slowAfter: 3,
	/** Failures that lock the address. */
	maxFailures: 5,
	lockMs: 15 * 60 * 1000,
	/** Failures older than this are forgotten. */
	windowMs: 15 * 60 * 1000,
	maxDelayMs: 4000
};

export type LoginResult =
	| { ok: true; token: string; session: SessionInfo; user: UserPrincipal }
	| { ok: false; reason: 'invalid' | 'locked'; retryAfterMs?: number };

export interface LoginOptions {
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
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
	const throttle = currentThrottle(db, email, now());

	if (throttle.lockedUntil && throttle.lockedUntil.getTime() > now().getTime()) {
		recordRefusal(
			db,
			email,
			'auth.login_refused_locked',
			{ lockedUntil: throttle.lockedUntil.toISOString() },
			options.ip
		);
		return {
			ok: false,
			reason: 'locked',
			retryAfterMs: throttle.lockedUntil.getTime() - now().getTime()
		};
	}
	if (throttle.failures >= THROTTLE_POLICY.slowAfter) {
		await sleep(
			Math.min(
				250 * 2 ** (throttle.failures - THROTTLE_POLICY.slowAfter),
				THROTTLE_POLICY.maxDelayMs
			)
		);
	}

	const user = db.select().from(users).where(eq(users.email, email)).get();
	const passwordOk = await verifyPassword(
		user?.passwordHash ?? (await decoyPasswordHash()),
		password
	);
	if (!user || !passwordOk || user.disabledAt !== null) {
		return recordFailure(db, email, throttle.failures + 1, user?.id ?? null, now(), options.ip);
	}

	const token = generateSessionToken();
	const principal: UserPrincipal = {
		kind: 'user',
		userId: user.id,
		email: user.email,
		name: user.name
	};
	const session = db.transaction(
		(tx) => {
			tx.delete(loginThrottle).where(eq(loginThrottle.email, email)).run();
			const created = createSession(tx, token, user.id, now());
			recordAudit(
				tx,
				principal,
				{
					action: 'auth.login',
					entityType: 'user',
					entityId: user.id,
					after: { ip: options.ip ?? null }
				},
				now()
			);
			return created;
		},
		{ behavior: 'immediate' }
	);
	return { ok: true, token, session, user: principal };
}

export function logout(db: Db, principal: UserPrincipal, sessionId: string): void {
	db.transaction(
		(tx) => {
			invalidateSession(tx, sessionId);
			recordAudit(tx, principal, {
				action: 'auth.logout',
				entityType: 'user',
				entityId: principal.userId
			});
		},
		{ behavior: 'immediate' }
	);
}

function currentThrottle(
	db: Db,
	email: string,
	now: Date
): { failures: number; lockedUntil: Date | null } {
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.email, email)).get();
	if (!row) return { failures: 0, lockedUntil: null };
	const stale =
		row.lastFailureAt !== null &&
		now.getTime() - row.lastFailureAt.getTime() > THROTTLE_POLICY.windowMs;
	const lockOver = row.lockedUntil !== null && row.lockedUntil.getTime() <= now.getTime();
	return stale || lockOver
		? { failures: 0, lockedUntil: null }
		: { failures: row.failures, lockedUntil: row.lockedUntil };
}

function recordFailure(
	db: Db,
	email: string,
	failures: number,
	userId: number | null,
	now: Date,
	ip?: string
): LoginResult {
	const locks = failures >= THROTTLE_POLICY.maxFailures;
	const lockedUntil = locks ? new Date(now.getTime() + THROTTLE_POLICY.lockMs) : null;
	db.transaction(
		(tx) => {
			tx.insert(loginThrottle)
				.values({ email, failures, lastFailureAt: now, lockedUntil })
				.onConflictDoUpdate({
					target: loginThrottle.email,
					set: { failures, lastFailureAt: now, lockedUntil }
				})
				.run();
			const entity = { entityType: 'login', entityId: userId === null ? email : String(userId) };
			recordAudit(
				tx,
				systemPrincipal('auth'),
				{ action: 'auth.login_failed', ...entity, after: { email, failures, ip: ip ?? null } },
				now
			);
			if (locks) {
				recordAudit(
					tx,
					systemPrincipal('auth'),
					{
						action: 'auth.locked',
						...entity,
						after: { email, lockedUntil: lockedUntil?.toISOString() }
					},
					now
				);
			}
		},
		{ behavior: 'immediate' }
	);
	return locks
		? { ok: false, reason: 'locked', retryAfterMs: THROTTLE_POLICY.lockMs }
		: { ok: false, reason: 'invalid' };
}

function recordRefusal(
	db: Db,
	email: string,
	action: string,
	after: Record<string, unknown>,
	ip?: string
): void {
	db.transaction(
		(tx) =>
			recordAudit(tx, systemPrincipal('auth'), {
				action,
				entityType: 'login',
				entityId: email,
				after: { ...after, ip: ip ?? null }
			}),
		{ behavior: 'immediate' }
	);
}

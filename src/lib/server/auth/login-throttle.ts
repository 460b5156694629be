// Login throttling. Every attempt is counted as a failure before its password is checked, in one
// write transaction, so parallel attempts cannot all pass on the same count; a success gives the
// count back. Three rows of login_throttle limit each attempt, keyed by what they limit:
// - `pair <address> <e-mail>`: the account from one client address; maxFailures lock this pair
//   for lockMs. Nobody can lock another person out of their account from their own address.
// - `account <e-mail>`: the account from any address. Beyond slowAfter failures each attempt
//   waits its turn (locked_until holds when the next turn is), so attempts from many addresses
//   are spaced out however many arrive at once; when the queue is longer than maxQueueMs the
//   attempt is refused unchecked. A slow-down, never a lock-out of the owner.
// - `address <address>`: the same slow-down for all accounts tried from one address (password
//   spraying), from address.slowAfter failures on.
// Failures are forgotten windowMs after the last one.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { loginThrottle } from '../db/schema';
import type { Tx } from '../db/client';

export const THROTTLE_POLICY = {
	/** Failures on an account before its attempts are slowed down. */
	slowAfter: 3,
	/** Failures on an account from one address that lock the account for that address. */
	maxFailures: 5,
	lockMs: 15 * 60 * 1000,
	/** Failures older than this are forgotten. */
	windowMs: 15 * 60 * 1000,
	/** The longest spacing between two attempts on one account (or from one address). */
	maxDelayMs: 4000,
	/** An attempt that would wait longer than this for its turn is refused unchecked. */
	maxQueueMs: 10_000,
	address: {
		/** Failures from one address (any accounts) before its attempts are slowed down. */
		slowAfter: 10
	}
};

export type Limit = 'pair' | 'account' | 'address';

export interface ThrottleKeys {
	pair: string;
	account: string;
	address: string;
}

export type Reservation =
	| {
			admitted: true;
			/** How long the attempt waits for its turn before the password is checked. */
			waitMs: number;
			/** Failures counted, this one included. */
			failures: Record<Limit, number>;
			/** Set when this attempt locks the account for the address if its password is wrong. */
			lockedUntil: Date | null;
	  }
	| { admitted: false; limit: Limit; retryAfterMs: number };

export function throttleKeys(email: string, address: string | undefined): ThrottleKeys {
	const from = address || 'unknown';
	return { pair: `pair ${from} ${email}`, account: `account ${email}`, address: `address ${from}` };
}

/** Counts the attempt (or refuses it) before any password is checked; run it in a write transaction. */
export async function reserveAttempt(tx: Tx, keys: ThrottleKeys, now: Date): Promise<Reservation> {
	const at = now.getTime();
	await forgetStale(tx, at);
	const pair = await counter(tx, keys.pair, at);
	if (pair.lockedUntil !== null)
		return { admitted: false, limit: 'pair', retryAfterMs: pair.lockedUntil - at };
	const account = await counter(tx, keys.account, at);
	const address = await counter(tx, keys.address, at);
	const accountTurn = turn(account, at, THROTTLE_POLICY.slowAfter);
	const addressTurn = turn(address, at, THROTTLE_POLICY.address.slowAfter);
	const waitMs = Math.max(accountTurn.start, addressTurn.start) - at;
	if (waitMs > THROTTLE_POLICY.maxQueueMs) {
		const limit = accountTurn.start >= addressTurn.start ? 'account' : 'address';
		return { admitted: false, limit, retryAfterMs: waitMs };
	}

	const failures = {
		pair: pair.failures + 1,
		account: account.failures + 1,
		address: address.failures + 1
	};
	const lockedUntil =
		failures.pair >= THROTTLE_POLICY.maxFailures ? new Date(at + THROTTLE_POLICY.lockMs) : null;
	await save(tx, keys.pair, failures.pair, now, lockedUntil);
	await save(
		tx,
		keys.account,
		failures.account,
		now,
		new Date(accountTurn.start + accountTurn.spacing)
	);
	await save(
		tx,
		keys.address,
		failures.address,
		now,
		new Date(addressTurn.start + addressTurn.spacing)
	);
	return { admitted: true, waitMs, failures, lockedUntil };
}

/** After a right password: the account's failures are forgotten, the address's count given back. */
export async function releaseOnSuccess(tx: Tx, keys: ThrottleKeys, now: Date): Promise<void> {
	await tx.delete(loginThrottle).where(eq(loginThrottle.email, keys.pair));
	await tx.delete(loginThrottle).where(eq(loginThrottle.email, keys.account));
	const address = await counter(tx, keys.address, now.getTime());
	if (address.failures > 0)
		await tx
			.update(loginThrottle)
			.set({ failures: address.failures - 1 })
			.where(eq(loginThrottle.email, keys.address));
}

/** Spacing after `failures` failures: 0, then 250 ms doubling up to maxDelayMs. */
function spacingAfter(failures: number, slowAfter: number): number {
	if (failures < slowAfter) return 0;
	return Math.min(250 * 2 ** Math.min(failures - slowAfter, 16), THROTTLE_POLICY.maxDelayMs);
}

/** When this attempt may start: its own spacing from now, and not before the queue's next turn. */
function turn(
	row: { failures: number; lockedUntil: number | null },
	at: number,
	slowAfter: number
): { start: number; spacing: number } {
	const spacing = spacingAfter(row.failures, slowAfter);
	return { start: Math.max(at + spacing, row.lockedUntil ?? 0), spacing };
}

async function counter(
	tx: Tx,
	key: string,
	at: number
): Promise<{ failures: number; lockedUntil: number | null }> {
	const fresh = { failures: 0, lockedUntil: null };
	const row = (await tx.select().from(loginThrottle).where(eq(loginThrottle.email, key)))[0];
	if (!row) return fresh;
	const lockedUntil = row.lockedUntil?.getTime() ?? null;
	// A pair's lock holds to its end, and a lock that is over starts a fresh count.
	if (key.startsWith('pair ') && lockedUntil !== null)
		return lockedUntil > at ? { failures: row.failures, lockedUntil } : fresh;
	return isStale(row.lastFailureAt, at) ? fresh : { failures: row.failures, lockedUntil };
}

function isStale(lastFailureAt: Date | null, at: number): boolean {
	return lastFailureAt !== null && at - lastFailureAt.getTime() > THROTTLE_POLICY.windowMs;
}

async function save(
	tx: Tx,
	key: string,
	failures: number,
	now: Date,
	lockedUntil: Date | null
): Promise<void> {
	await tx
		.insert(loginThrottle)
		.values({ email: key, failures, lastFailureAt: now, lockedUntil })
		.onConflictDoUpdate({
			target: loginThrottle.email,
			set: { failures, lastFailureAt: now, lockedUntil }
		});
}

/** Rows whose failures are forgotten and whose lock or queue is over. */
async function forgetStale(tx: Tx, at: number): Promise<void> {
	await tx
		.delete(loginThrottle)
		.where(
			and(
				lt(loginThrottle.lastFailureAt, new Date(at - THROTTLE_POLICY.windowMs)),
				or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, new Date(at)))
			)
		);
}

// Transactions on PostgreSQL, behind the same withTransaction as SQLite's (transaction.ts).
//
// SQLite gave Tandem serial transactions for free: one writer at a time. On PostgreSQL several
// processes and a pool of connections run transactions at once. Almost every transaction appends
// to the audit chain, whose next row depends on the last one: such transactions cannot run side by
// side however they are isolated. So they take turns, across all processes: each takes a session
// advisory lock on its connection before BEGIN (a lock taken inside the transaction would come
// after its snapshot, which would then miss the turn before it) and gives it back after COMMIT.
// Each still runs SERIALIZABLE, against what runs outside withTransaction: the server refuses
// (SQLSTATE 40001, or 40P01 for a deadlock) one that could not have run one after the other, and
// the whole body is run again, a few times at most, after a short random wait. Reads outside a
// transaction do not wait for the turn. A transaction that seldom appends to the chain (a draft
// saved, a case shown: `seldomAudits`) runs without the turn, side by side with the others, still
// SERIALIZABLE; should it append after all, it is rolled back there and run again in turn. A body therefore does database work only (the same rule as on SQLite): running it twice
// must have no effect outside the database. Work that must happen once the transaction is over
// (committed, or rolled back by an error such as a refusal) goes through afterTransaction: the
// work of an attempt that is run again is dropped, and the last attempt's runs.
//
// A transaction started inside another one on the same database (with its tx, or with the
// database while inside it) is a savepoint of the outer one, as on SQLite. A statement run on
// the database handle itself while a transaction of this code is open would run on another
// connection, outside the transaction (and could wait for its locks forever): it is refused
// (postgres.ts asks refuseOutsideStatement before every statement of the pool).
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { is } from 'drizzle-orm';
import { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { logFor } from '../logger';

type PgHandle = PgDatabase<never, Record<string, unknown>>;
type PgTx = PgTransaction<never, Record<string, unknown>>;

interface Open {
	readonly root: PgHandle;
	innermost: PgTx | undefined;
	open: boolean;
	readonly after: Array<() => unknown>;
	/** The transaction holds the turn (see the header). */
	readonly turn: boolean;
	/** It tried to append to the audit chain without the turn: it is run again, in turn. */
	turnNeeded: boolean;
}

export interface PostgresTransactionOptions {
	/**
	 * The body seldom appends to the audit chain: the transaction runs without the turn, and is run
	 * again in turn should it append after all (see the header).
	 */
	seldomAudits?: boolean;
}

/** Thrown where a transaction without the turn appends to the audit chain (see claimAuditTurn). */
class TurnNeeded extends Error {
	constructor() {
		super('This transaction appends to the audit chain: it is run again, in turn.');
	}
}

const context = new AsyncLocalStorage<Open>();
/** Per database: drizzle on one checked-out connection of its pool (postgres.ts registers it). */
const drizzleOnClient = new WeakMap<object, (client: pg.PoolClient) => PgHandle>();
const perClient = new WeakMap<pg.PoolClient, PgHandle>();

/** Any number, the same in every process: the turn of the transactions (see the header). */
export const WRITE_TURN = 0x74726e73; // "trns"

export function registerPostgresDatabase(
	root: object,
	drizzleOn: (client: pg.PoolClient) => unknown
): void {
	drizzleOnClient.set(root, drizzleOn as (client: pg.PoolClient) => PgHandle);
}
const roots = new WeakMap<object, PgHandle>();
const pending = new WeakMap<object, number>();

/** Attempts of a transaction the server refused as not serializable, before its error is thrown. */
export const SERIALIZATION_ATTEMPTS = 10;
const RETRYABLE = new Set(['40001', '40P01']);

export function isPostgresHandle(db: unknown): boolean {
	return is(db, PgDatabase);
}

/** The database handle behind a PostgreSQL transaction handle (or the handle itself). */
export function postgresRootOf(db: unknown): PgHandle | null {
	if (is(db, PgTransaction)) return roots.get(db as object) ?? null;
	return is(db, PgDatabase) ? (db as PgHandle) : null;
}

/** The SQLSTATE of a database error, looked for through drizzle's wrapping (`cause`). */
export function sqlStateOf(error: unknown): string | undefined {
	for (let at: unknown = error; at instanceof Error; at = at.cause) {
		const code = (at as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}

function enclosing(root: PgHandle | null): Open | undefined {
	const open = context.getStore();
	return open?.open && open.root === root ? open : undefined;
}

export function insidePostgresTransaction(db: unknown): boolean {
	return enclosing(postgresRootOf(db)) !== undefined;
}

/** Throws when a statement is run on the database itself inside one of its open transactions. */
export function refuseOutsideStatement(root: object): void {
	if (enclosing(root as PgHandle))
		throw new Error(
			'A statement ran on the database handle inside an open transaction: it would run outside ' +
				'the transaction, on another connection. Pass the transaction handle (tx) instead.'
		);
}

/**
 * Before an append to the audit chain inside a transaction of this code: one without the turn is
 * stopped here (and run again in turn). Returns false outside such a transaction.
 */
export function claimAuditTurn(db: unknown): boolean {
	const open = enclosing(postgresRootOf(db));
	if (!open) return false;
	if (!open.turn) {
		open.turnNeeded = true;
		throw new TurnNeeded();
	}
	return true;
}

export async function withPostgresTransaction<T, Tx>(
	db: unknown,
	body: (tx: Tx) => Promise<T>,
	options: PostgresTransactionOptions = {}
): Promise<T> {
	const root = postgresRootOf(db);
	if (!root) throw new Error('This transaction handle was not opened by withTransaction.');
	const outer = enclosing(root);
	if (outer) return savepoint(outer, body);
	let turn = options.seldomAudits !== true;
	for (let attempt = 1; ; attempt++) {
		const open: Open = {
			root,
			innermost: undefined,
			open: true,
			after: [],
			turn,
			turnNeeded: false
		};
		try {
			const result = await onConnection(root, turn, (connection) =>
				context.run(open, () =>
					connection.transaction(
						async (tx) => {
							roots.set(tx, root);
							open.innermost = tx as PgTx;
							const value = await body(tx as Tx);
							// Even if the body caught it: what it appended without the turn is not committed.
							if (open.turnNeeded) throw new TurnNeeded();
							return value;
						},
						{ isolationLevel: 'serializable' }
					)
				)
			);
			open.open = false;
			for (const work of open.after) runDetached(root, work);
			return result;
		} catch (error) {
			open.open = false;
			if (open.turnNeeded && !turn) {
				// Not a failure: the same body, in turn now; this attempt's after-work is dropped.
				turn = true;
				attempt--;
				continue;
			}
			const state = sqlStateOf(error);
			if (!state || !RETRYABLE.has(state) || attempt >= SERIALIZATION_ATTEMPTS) {
				for (const work of open.after) runDetached(root, work);
				throw error;
			}
			// Apart, at random, so that the transactions that collided do not collide again.
			await sleep(Math.random() * 5 * 2 ** Math.min(attempt, 6));
		}
	}
}

/**
 * Runs `work` on a connection of the pool, holding the turn if `turn` (a handle without a pool: as
 * it is).
 */
async function onConnection<T>(
	root: PgHandle,
	turn: boolean,
	work: (connection: PgHandle) => Promise<T>
): Promise<T> {
	const drizzleOn = drizzleOnClient.get(root);
	if (!drizzleOn) return work(root);
	const pool = (root as unknown as { $client: pg.Pool }).$client;
	const client = await pool.connect();
	let connection = perClient.get(client);
	if (!connection) perClient.set(client, (connection = drizzleOn(client)));
	let broken: Error | undefined;
	try {
		if (!turn) return await work(connection);
		await client.query('SELECT pg_advisory_lock($1)', [WRITE_TURN]);
		try {
			return await work(connection);
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [WRITE_TURN]).catch((error: Error) => {
				// A connection that cannot give the turn back is closed, which gives it back.
				broken = error;
			});
		}
	} finally {
		client.release(broken);
	}
}

async function savepoint<T, Tx>(outer: Open, body: (tx: Tx) => Promise<T>): Promise<T> {
	const parent = outer.innermost!;
	return parent.transaction(async (nested) => {
		roots.set(nested, outer.root);
		outer.innermost = nested as PgTx;
		try {
			return await body(nested as Tx);
		} finally {
			outer.innermost = parent;
		}
	});
}

/** Runs `work` once the enclosing transaction is over (see the header); outside one, now. */
export function afterPostgresTransaction(db: unknown, work: () => unknown): void {
	const root = postgresRootOf(db);
	const open = enclosing(root);
	if (open) open.after.push(work);
	else if (root) runDetached(root, work);
}

function runDetached(root: PgHandle, work: () => unknown): void {
	pending.set(root, (pending.get(root) ?? 0) + 1);
	context.exit(() => {
		void (async () => {
			try {
				await work();
			} catch (error) {
				logFor('db').error({ err: error }, 'work after a transaction failed');
			} finally {
				pending.set(root, (pending.get(root) ?? 1) - 1);
			}
		})();
	});
}

/** Resolves once the work queued after this database's transactions is done. */
export async function postgresTransactionsSettled(db: unknown): Promise<void> {
	const root = postgresRootOf(db);
	while (root && (pending.get(root) ?? 0) > 0) await new Promise((done) => setImmediate(done));
}

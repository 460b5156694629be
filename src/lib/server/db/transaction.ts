// Transactions, one way for every dialect: `await withTransaction(db, async (tx) => …)` returns the
// body's value, commits, or rolls back and rethrows. PostgreSQL's are postgres-transaction.ts's;
// what follows is SQLite's.
//
// On SQLite the process has one connection per database file, and a statement run while a
// transaction is open is part of it. So here (a) transactions take turns through a FIFO lock, one
// writer at a time (BEGIN IMMEDIATE … COMMIT); (b) an AsyncLocalStorage marks the code running
// inside a transaction, and a statement from anywhere else waits for the transaction to be over
// instead of joining it (the gate, sqlite-async.ts); (c) a transaction started inside another one
// (with its `tx`, or with the database while inside it) is a savepoint of the outer one.
//
// The rule for a transaction body: it awaits database work only, so that the lock is held for
// the statements and no longer. With the guard on (the specs turn it on), a body still open when
// the event loop moves on (it awaited a file, a hash, a timer, the network) is rolled back with
// an error saying so.
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { DbOrTx, Tx } from './client';
import type { GatedSession, StatementGate } from './sqlite-async';
import {
	afterPostgresTransaction,
	insidePostgresTransaction,
	isPostgresHandle,
	postgresTransactionsSettled,
	withPostgresTransaction,
	type PostgresTransactionOptions
} from './postgres-transaction';

/** First come, first served; the lock passes straight to the next in line. */
class FifoLock {
	private held = false;
	private readonly waiting: Array<() => void> = [];

	get busy(): boolean {
		return this.held;
	}

	async acquire(): Promise<void> {
		if (!this.held) {
			this.held = true;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.held = false;
	}
}

interface Connection {
	readonly lock: FifoLock;
	/** The transaction holding the lock, if any. */
	current: Transaction | undefined;
	/** Work queued to run after a transaction, not yet finished. */
	pending: number;
}

interface Transaction {
	readonly connection: Connection;
	open: boolean;
	/** The handle of the innermost savepoint (or the transaction itself). */
	innermost: Tx | undefined;
	/** The event loop moved on while the body was running. */
	crossedTurn: boolean;
	readonly after: Array<() => unknown>;
}

const context = new AsyncLocalStorage<Transaction>();
const inMemory = new WeakMap<Database.Database, Connection>();
const byFile = new Map<string, Connection>();
let guard = false;

/** Turns the rule check on or off (on in the specs; see the header). */
export function guardTransactions(on: boolean): void {
	guard = on;
}

function newConnection(): Connection {
	return { lock: new FifoLock(), current: undefined, pending: 0 };
}

/** One lock per database: per file (two handles on one file share it), per in-memory database. */
function connectionOf(client: Database.Database): Connection {
	if (client.memory) {
		let found = inMemory.get(client);
		if (!found) inMemory.set(client, (found = newConnection()));
		return found;
	}
	const key = resolve(client.name);
	let found = byFile.get(key);
	if (!found) byFile.set(key, (found = newConnection()));
	return found;
}

function sessionOf(db: DbOrTx): GatedSession<Record<string, unknown>, never> {
	return (db as unknown as { session: GatedSession<Record<string, unknown>, never> }).session;
}

function clientOf(db: DbOrTx): Database.Database {
	return sessionOf(db).client;
}

/** The open transaction this code runs inside, on this database. */
function enclosing(db: DbOrTx): Transaction | undefined {
	const transaction = context.getStore();
	if (!transaction?.open) return undefined;
	return transaction.connection === connectionOf(clientOf(db)) ? transaction : undefined;
}

/** The gate of a connection's statements (see sqlite-async.ts). */
export function statementGate(client: Database.Database): StatementGate {
	const connection = connectionOf(client);
	return async <T>(statement: () => T): Promise<T> => {
		if (!connection.lock.busy) return statement();
		const transaction = context.getStore();
		if (transaction?.open && transaction === connection.current) return statement();
		// Another request's transaction is open (or next in line): wait for it, then run.
		await connection.lock.acquire();
		try {
			return statement();
		} finally {
			connection.lock.release();
		}
	};
}

/** True inside a transaction on this database. */
export function insideTransaction(db: DbOrTx): boolean {
	if (isPostgresHandle(db)) return insidePostgresTransaction(db);
	return enclosing(db) !== undefined;
}

/**
 * Runs `body` in a transaction and returns its value; commits, or rolls back and rethrows.
 * Inside another transaction on the same database it is a savepoint of that one. `seldomAudits`:
 * the body seldom appends to the audit chain, so on PostgreSQL it need not wait for the turn of the
 * transactions that do (postgres-transaction.ts); on SQLite every transaction takes its turn anyway.
 */
export async function withTransaction<T>(
	db: DbOrTx,
	body: (tx: Tx) => Promise<T>,
	options: PostgresTransactionOptions = {}
): Promise<T> {
	if (isPostgresHandle(db)) return withPostgresTransaction(db, body, options);
	const outer = enclosing(db);
	if (outer) return savepoint(outer, body);
	const connection = connectionOf(clientOf(db));
	await connection.lock.acquire();
	const transaction: Transaction = {
		connection,
		open: true,
		innermost: undefined,
		crossedTurn: false,
		after: []
	};
	connection.current = transaction;
	let turn: NodeJS.Immediate | undefined;
	try {
		return await context.run(transaction, () =>
			sessionOf(db).transaction(
				async (tx) => {
					transaction.innermost = tx as unknown as Tx;
					if (guard) turn = setImmediate(() => (transaction.crossedTurn = transaction.open));
					const result = await body(tx as unknown as Tx);
					if (transaction.crossedTurn) throw new TransactionRuleBroken();
					return result;
				},
				{ behavior: 'immediate' }
			)
		);
	} finally {
		transaction.open = false;
		connection.current = undefined;
		if (turn) clearImmediate(turn);
		connection.lock.release();
		for (const work of transaction.after) runDetached(connection, work);
	}
}

async function savepoint<T>(outer: Transaction, body: (tx: Tx) => Promise<T>): Promise<T> {
	const parent = outer.innermost!;
	return parent.transaction(async (nested) => {
		outer.innermost = nested;
		try {
			return await body(nested);
		} finally {
			outer.innermost = parent;
		}
	});
}

export class TransactionRuleBroken extends Error {
	constructor() {
		super(
			'A transaction body awaited something other than database statements (a file, a hash, a ' +
				'timer, the network): it was rolled back. Do that work before or after the transaction.'
		);
		this.name = 'TransactionRuleBroken';
	}
}

/**
 * Runs `work` once the transaction this code is inside is over (committed or rolled back), outside
 * it; outside any transaction, now. Its failure is reported on stderr, never thrown.
 */
export function afterTransaction(db: DbOrTx, work: () => unknown): void {
	if (isPostgresHandle(db)) return afterPostgresTransaction(db, work);
	const transaction = enclosing(db);
	if (transaction) transaction.after.push(work);
	else runDetached(connectionOf(clientOf(db)), work);
}

function runDetached(connection: Connection, work: () => unknown): void {
	connection.pending++;
	context.exit(() => {
		void (async () => {
			try {
				await work();
			} catch (error) {
				console.error('tandem: work after a transaction failed:', error);
			} finally {
				connection.pending--;
			}
		})();
	});
}

/** Resolves once no transaction is open or waiting on this database, nor work queued after one. */
export async function transactionsSettled(db: DbOrTx): Promise<void> {
	if (isPostgresHandle(db)) return postgresTransactionsSettled(db);
	const connection = connectionOf(clientOf(db));
	while (connection.lock.busy || connection.pending > 0)
		await new Promise((resolve) => setImmediate(resolve));
}

// withTransaction on SQLite: commit, rollback, one writer at a time in arrival order, statements
// from outside an open transaction kept out of it, savepoints, work after a transaction, and the
// guard on a body that awaits something other than the database.
import { afterEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { openDatabase, type Db, type DbOrTx } from './client';
import {
	afterTransaction,
	guardTransactions,
	insideTransaction,
	TransactionRuleBroken,
	transactionsSettled,
	withTransaction
} from './transaction';

const notes = sqliteTable('spec_notes', {
	id: integer('id').primaryKey(),
	text: text('text').notNull()
});

function database(): Db {
	const db = openDatabase(':memory:');
	db.$client.exec('CREATE TABLE spec_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
	return db;
}

async function texts(db: DbOrTx): Promise<string[]> {
	const rows = await db.select({ text: notes.text }).from(notes).orderBy(asc(notes.id));
	return rows.map((row) => row.text);
}

const note = (db: DbOrTx, value: string) => db.insert(notes).values({ text: value });

afterEach(() => guardTransactions(true));

describe('withTransaction (SQLite)', () => {
	it('commits and returns the body’s value', async () => {
		const db = database();
		const id = await withTransaction(db, async (tx) => {
			const [row] = await tx.insert(notes).values({ text: 'kept' }).returning({ id: notes.id });
			expect(db.$client.inTransaction).toBe(true);
			expect(insideTransaction(tx)).toBe(true);
			return row!.id;
		});
		expect(id).toBe(1);
		expect(db.$client.inTransaction).toBe(false);
		expect(insideTransaction(db)).toBe(false);
		expect(await texts(db)).toEqual(['kept']);
	});

	it('rolls back and rethrows when the body throws', async () => {
		const db = database();
		await expect(
			withTransaction(db, async (tx) => {
				await note(tx, 'lost');
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(db.$client.inTransaction).toBe(false);
		expect(await texts(db)).toEqual([]);
	});

	it('runs two concurrent transactions one after the other, first come first served', async () => {
		const db = database();
		const steps: string[] = [];
		const writer = (name: string) =>
			withTransaction(db, async (tx) => {
				steps.push(`${name} begins`);
				await note(tx, `${name}.1`);
				await note(tx, `${name}.2`);
				steps.push(`${name} ends`);
			});
		await Promise.all([writer('a'), writer('b'), writer('c')]);
		expect(steps).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
		expect(await texts(db)).toEqual(['a.1', 'a.2', 'b.1', 'b.2', 'c.1', 'c.2']);
	});

	it('keeps a statement from another request out of an open transaction: it waits, then runs', async () => {
		const db = database();
		const seen: string[][] = [];
		let secondIsOpen!: () => void;
		const opened = new Promise<void>((resolve) => (secondIsOpen = resolve));
		// The first request commits, then reads while the second request's transaction (handed the
		// lock at that commit) is open: without the gate that read would run inside the second
		// transaction and see its uncommitted rows.
		const first = (async () => {
			await withTransaction(db, (tx) => note(tx, 'first'));
			await opened;
			seen.push(await texts(db));
		})();
		const second = withTransaction(db, async (tx) => {
			await note(tx, 'second, uncommitted');
			secondIsOpen();
			for (let step = 0; step < 10; step++) await note(tx, `second, step ${step}`);
			throw new Error('second rolls back');
		});
		await first;
		await expect(second).rejects.toThrow('second rolls back');
		expect(seen).toEqual([['first']]);
		expect(await texts(db)).toEqual(['first']);
	});

	it('makes a transaction started inside another a savepoint of it', async () => {
		const db = database();
		await withTransaction(db, async (tx) => {
			await note(tx, 'outer');
			await expect(
				withTransaction(tx, async (inner) => {
					await note(inner, 'inner, rolled back');
					throw new Error('inner refused');
				})
			).rejects.toThrow('inner refused');
			// The database handle, used inside the transaction, nests too.
			await withTransaction(db, (inner) => note(inner, 'inner, kept'));
		});
		expect(await texts(db)).toEqual(['outer', 'inner, kept']);
	});

	it('runs work after the transaction is over, outside it, even after a rollback', async () => {
		const db = database();
		const order: string[] = [];
		await expect(
			withTransaction(db, async (tx) => {
				afterTransaction(tx, async () => {
					order.push(`after: inside a transaction ${insideTransaction(db)}`);
					await withTransaction(db, (again) => note(again, 'written after'));
				});
				await note(tx, 'rolled back');
				order.push('body');
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		await transactionsSettled(db);
		expect(order).toEqual(['body', 'after: inside a transaction false']);
		expect(await texts(db)).toEqual(['written after']);
	});

	it('with the guard on, rolls back a body that awaits something other than the database', async () => {
		const db = database();
		guardTransactions(true);
		await expect(
			withTransaction(db, async (tx) => {
				await note(tx, 'lost');
				await new Promise((resolve) => setTimeout(resolve, 5));
				await note(tx, 'lost too');
			})
		).rejects.toThrow(TransactionRuleBroken);
		expect(await texts(db)).toEqual([]);
		guardTransactions(false);
		await withTransaction(db, async (tx) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			await note(tx, 'allowed without the guard');
		});
		expect(await texts(db)).toEqual(['allowed without the guard']);
	});
});

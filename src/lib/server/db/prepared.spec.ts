// Statements prepared once per connection (prepared.ts), on either dialect: the same statement
// object for every call on a connection, run inside the caller's transaction; on PostgreSQL a named
// statement the server parses once per connection.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { perConnection } from './prepared';
import { withTransaction } from './transaction';
import { rawRows } from './raw';
import { users } from './schema';
import { onPostgres } from '$fixtures/dialect.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';

const userByEmail = perConnection((db) =>
	db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, sql.placeholder('email')))
		.prepare()
);

const EMAIL = 'prepared@example.org';

describe('perConnection', () => {
	it('builds a statement once per connection and runs it inside the caller’s transaction', async () => {
		const db = await testDatabase();
		expect(userByEmail(db)).toBe(userByEmail(db));
		expect(await userByEmail(db).get({ email: EMAIL })).toBeUndefined();
		const seen = await withTransaction(db, async (tx) => {
			await tx.insert(users).values({ email: EMAIL, name: 'Prepared', passwordHash: 'x' });
			// Not committed yet: only a statement on the transaction's connection sees the row.
			return await userByEmail(tx).get({ email: EMAIL });
		});
		expect(seen).toEqual({ id: expect.any(Number) });
		expect(await userByEmail(db).get({ email: EMAIL })).toEqual(seen);
	});

	it.skipIf(!onPostgres)(
		'names the statement on PostgreSQL: the server keeps it parsed for the connection',
		async () => {
			const db = await testDatabase();
			const prepared = await withTransaction(db, async (tx) => {
				const first = userByEmail(tx);
				await first.get({ email: EMAIL });
				await userByEmail(tx).get({ email: EMAIL });
				expect(userByEmail(tx)).toBe(first);
				return await rawRows<{ name: string; statement: string }>(
					tx,
					sql`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE ${'%from "users"%'}`
				);
			});
			expect(prepared).toEqual([
				{ name: expect.stringMatching(/^tandem_[0-9a-f]{24}$/), statement: expect.any(String) }
			]);
		}
	);
});

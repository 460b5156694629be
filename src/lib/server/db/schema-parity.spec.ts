// The SQLite schema (schema/) and its PostgreSQL twin (schema-pg/) stay in step, with no database:
// every table in both, with the same columns (as the code sees them: number, string, boolean, date,
// buffer), nullability, defaults, keys, foreign key rules, unique columns and indexes; and the same
// TypeScript row types, so a service is written once. The comparator itself is shown to notice.
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from './schema/definitions';
import * as pgSchema from './schema-pg';
import { createdAt, id, restrict, timestampMs } from './schema-pg/columns';
import { schemaDifferences, schemaShapes } from './schema-shape.fixture';

type TablesOf<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };
type SqliteTables = TablesOf<typeof sqliteSchema>;
type PgTables = TablesOf<typeof pgSchema>;
type Same<A, B> =
	(<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
/** Per table: whether both schemas type its rows, and the values inserted, alike. */
type Parity<Model extends 'select' | 'insert'> = {
	[K in keyof SqliteTables]: K extends keyof PgTables
		? SqliteTables[K] extends Table
			? PgTables[K] extends Table
				? Model extends 'select'
					? Same<InferSelectModel<SqliteTables[K]>, InferSelectModel<PgTables[K]>>
					: Same<InsertOf<SqliteTables[K]>, Flat<InferInsertModel<PgTables[K]>>>
				: false
			: false
		: false;
};
/**
 * One difference, on purpose: SQLite assigns an omitted `INTEGER PRIMARY KEY` without AUTOINCREMENT
 * (a rowid alias: audit_events.seq, read_drafts.assignment_id) itself; PostgreSQL has no such
 * column, so there it is required. The services always give it: the audit chain's own number (the
 * previous row's + 1), the draft's assignment.
 */
type Given<Insert, K extends keyof Insert> = Flat<
	Omit<Insert, K> & { [P in K]-?: Exclude<Insert[P], undefined> }
>;
type InsertOf<T extends Table> = T extends typeof sqliteSchema.auditEvents
	? Given<InferInsertModel<typeof sqliteSchema.auditEvents>, 'seq'>
	: T extends typeof sqliteSchema.readDrafts
		? Given<InferInsertModel<typeof sqliteSchema.readDrafts>, 'assignmentId'>
		: Flat<InferInsertModel<T>>;

// Checked by the compiler (npm run check): a table missing from one schema, or a column typed
// otherwise, fails here naming the table.
const sameTables: Same<keyof SqliteTables, keyof PgTables> = true;
const sameRows: { [K in keyof SqliteTables]: true } = {} as Parity<'select'>;
const sameInserts: { [K in keyof SqliteTables]: true } = {} as Parity<'insert'>;

describe('the PostgreSQL schema beside the SQLite one', () => {
	it('has every table, with the same columns, keys, foreign keys, unique columns and indexes', () => {
		const sqlite = schemaShapes(sqliteSchema);
		const postgres = schemaShapes(pgSchema);
		expect(sqlite.size).toBe(41);
		expect(schemaDifferences(sqlite, postgres)).toEqual([]);
	});

	it('types every row and insert alike (Date, boolean, number, string)', () => {
		expect([sameTables, sameRows, sameInserts]).toEqual([true, {}, {}]);
	});

	it('names each way a table differs: a missing table or column, a type, nullability, a rule, an index', () => {
		// Deliberately altered copies of two tables.
		const users = pgTable('users', {
			id: id(),
			email: text('email').unique(),
			name: text('name').notNull(),
			passwordHash: integer('password_hash').notNull(),
			createdAt: createdAt()
		});
		const authSessions = pgTable(
			'auth_sessions',
			{
				id: text('id').primaryKey(),
				userId: integer('user_id')
					.notNull()
					.references(() => users.id, restrict),
				expiresAt: timestampMs('expires_at').notNull(),
				createdAt: createdAt()
			},
			(table) => [index('auth_sessions_expiry_idx').on(table.expiresAt)]
		);
		const sqlite = schemaShapes({
			users: sqliteSchema.users,
			authSessions: sqliteSchema.authSessions,
			memberships: sqliteSchema.memberships
		});
		expect(schemaDifferences(sqlite, schemaShapes({ users, authSessions }))).toEqual([
			'memberships: table missing in postgres',
			'users.email: notNull true in sqlite, false in postgres',
			'users.password_hash: kind "string" in sqlite, "number" in postgres',
			'users.disabled_at: column missing in postgres',
			'auth_sessions: foreign key user_id -> users(id) on delete cascade on update no action: only in sqlite',
			'auth_sessions: foreign key user_id -> users(id) on delete restrict on update restrict: only in postgres',
			'auth_sessions: index auth_sessions_user_idx(user_id): only in sqlite',
			'auth_sessions: index auth_sessions_expiry_idx(expires_at): only in postgres'
		]);
	});
});

// drizzle on better-sqlite3, asynchronous: the same queries as drizzle's PostgreSQL driver takes
// (`await query`, `db.transaction(async (tx) => …)`), run on the embedded database.
//
// better-sqlite3 runs a statement synchronously; here each statement passes a gate first. A
// statement from inside the open transaction (or while none is open) runs at once; one from any
// other request waits until that transaction is over, instead of silently joining it (SQLite has
// one connection per process, so a statement run while a transaction is open is part of it). The
// gate and the transactions' order are kept by transaction.ts.
import type Database from 'better-sqlite3';
import {
	sql,
	type Query,
	type RelationalSchemaConfig,
	type TablesRelationalConfig
} from 'drizzle-orm';
import type { WithCacheConfig } from 'drizzle-orm/cache/core/types';
import { BetterSQLiteSession, type PreparedQuery } from 'drizzle-orm/better-sqlite3';
import {
	BaseSQLiteDatabase,
	SQLiteAsyncDialect,
	SQLitePreparedQuery,
	SQLiteSession,
	SQLiteTransaction,
	type PreparedQueryConfig,
	type SelectedFieldsOrdered,
	type SQLiteExecuteMethod,
	type SQLiteTransactionConfig
} from 'drizzle-orm/sqlite-core';

/** Runs a statement now, or once the transaction open in another request is over. */
export type StatementGate = <T>(statement: () => T) => Promise<T>;

type AsyncConfig = PreparedQueryConfig & { type: 'async'; run: Database.RunResult };
type QueryMetadata = { type: 'select' | 'update' | 'delete' | 'insert'; tables: string[] };

class GatedQuery extends SQLitePreparedQuery<AsyncConfig> {
	constructor(
		private readonly inner: PreparedQuery,
		private readonly gate: StatementGate,
		executeMethod: SQLiteExecuteMethod,
		query: Query
	) {
		super('async', executeMethod, query);
	}

	/** The synchronous statement, with what the select builder set on this one (outer joins). */
	private statement(): PreparedQuery {
		const joins = (this as unknown as { joinsNotNullableMap?: unknown }).joinsNotNullableMap;
		(this.inner as unknown as { joinsNotNullableMap?: unknown }).joinsNotNullableMap = joins;
		return this.inner;
	}

	run(values?: Record<string, unknown>): Promise<Database.RunResult> {
		return this.gate(() => this.statement().run(values));
	}
	all(values?: Record<string, unknown>): Promise<unknown[]> {
		return this.gate(() => this.statement().all(values) as unknown[]);
	}
	get(values?: Record<string, unknown>): Promise<unknown> {
		return this.gate(() => this.statement().get(values));
	}
	values(values?: Record<string, unknown>): Promise<unknown[][]> {
		return this.gate(() => this.statement().values(values) as unknown[][]);
	}
	/** drizzle's relational queries ask (an internal method of its prepared queries). */
	isResponseInArrayMode(): boolean {
		return (this.inner as unknown as { isResponseInArrayMode(): boolean }).isResponseInArrayMode();
	}
}

export class GatedSession<
	TFullSchema extends Record<string, unknown>,
	TSchema extends TablesRelationalConfig
> extends SQLiteSession<'async', Database.RunResult, TFullSchema, TSchema> {
	constructor(
		readonly client: Database.Database,
		private readonly inner: BetterSQLiteSession<TFullSchema, TSchema>,
		readonly dialect: SQLiteAsyncDialect,
		private readonly schema: RelationalSchemaConfig<TSchema> | undefined,
		readonly gate: StatementGate
	) {
		super(dialect);
	}

	prepareQuery(
		query: Query,
		fields: SelectedFieldsOrdered | undefined,
		executeMethod: SQLiteExecuteMethod,
		isResponseInArrayMode: boolean,
		customResultMapper?: (
			rows: unknown[][],
			mapColumnValue?: (value: unknown) => unknown
		) => unknown,
		queryMetadata?: QueryMetadata,
		cacheConfig?: WithCacheConfig
	): GatedQuery {
		const inner = this.inner.prepareQuery(
			query,
			fields,
			executeMethod,
			isResponseInArrayMode,
			customResultMapper,
			queryMetadata,
			cacheConfig
		);
		return new GatedQuery(inner, this.gate, executeMethod, query);
	}

	async transaction<T>(
		body: (tx: GatedTransaction<TFullSchema, TSchema>) => Promise<T>,
		config: SQLiteTransactionConfig = {}
	): Promise<T> {
		const tx = new GatedTransaction<TFullSchema, TSchema>('async', this.dialect, this, this.schema);
		await this.run(sql.raw(`begin ${config.behavior ?? 'deferred'}`));
		try {
			const result = await body(tx);
			await this.run(sql`commit`);
			return result;
		} catch (error) {
			if (this.client.inTransaction) await this.run(sql`rollback`);
			throw error;
		}
	}
}

export class GatedTransaction<
	TFullSchema extends Record<string, unknown>,
	TSchema extends TablesRelationalConfig
> extends SQLiteTransaction<'async', Database.RunResult, TFullSchema, TSchema> {
	/** A nested transaction: a savepoint, released or rolled back to with its body. */
	override async transaction<T>(
		body: (tx: GatedTransaction<TFullSchema, TSchema>) => Promise<T>
	): Promise<T> {
		const name = `sp${this.nestedIndex}`;
		const session = (this as unknown as { session: GatedSession<TFullSchema, TSchema> }).session;
		const tx = new GatedTransaction<TFullSchema, TSchema>(
			'async',
			session.dialect,
			session,
			this.schema,
			this.nestedIndex + 1
		);
		await session.run(sql.raw(`savepoint ${name}`));
		try {
			const result = await body(tx);
			await session.run(sql.raw(`release savepoint ${name}`));
			return result;
		} catch (error) {
			await session.run(sql.raw(`rollback to savepoint ${name}`));
			throw error;
		}
	}
}

export type AsyncSQLiteDatabase<TFullSchema extends Record<string, unknown>> = BaseSQLiteDatabase<
	'async',
	Database.RunResult,
	TFullSchema
> & { $client: Database.Database };

/**
 * The asynchronous handle on an open connection. `stock` is drizzle's own (synchronous) handle on
 * the same connection: its statements and result mapping are the ones run here.
 */
export function asyncDatabase<TFullSchema extends Record<string, unknown>>(
	stock: BaseSQLiteDatabase<'sync', Database.RunResult, TFullSchema> & {
		$client: Database.Database;
	},
	gate: StatementGate
): AsyncSQLiteDatabase<TFullSchema> {
	type Schema = TablesRelationalConfig;
	const inner = (stock as unknown as { session: BetterSQLiteSession<TFullSchema, Schema> }).session;
	const schema = stock._.schema
		? ({
				fullSchema: stock._.fullSchema,
				schema: stock._.schema,
				tableNamesMap: stock._.tableNamesMap
			} as RelationalSchemaConfig<Schema>)
		: undefined;
	const dialect = new SQLiteAsyncDialect();
	const session = new GatedSession(stock.$client, inner, dialect, schema, gate);
	const db = new BaseSQLiteDatabase(
		'async',
		dialect,
		session,
		schema
	) as AsyncSQLiteDatabase<TFullSchema>;
	db.$client = stock.$client;
	return db;
}

// What a table looks like to the code and to the constraints, in words both dialects share, and the
// differences between two schemas' tables (schema-parity.spec.ts keeps the SQLite schema and its
// PostgreSQL twin in step with it). No database: drizzle's own table definitions are read.
import { getTableName, is, type Column, type SQL } from 'drizzle-orm';
import {
	getTableConfig as sqliteTableConfig,
	SQLiteSyncDialect,
	SQLiteTable
} from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';

export interface ColumnShape {
	/** How the code sees the value: number, string, boolean, date, buffer… (drizzle's dataType). */
	kind: string;
	notNull: boolean;
	/** A default the database gives (JSON of the value), `auto id`, or none. */
	databaseDefault: string | null;
	/** A default the code gives (drizzle's $defaultFn). */
	codeDefault: boolean;
	/** The values a text enum allows (typed only: neither dialect's DDL checks them). */
	enumValues: string[] | null;
}

export interface TableShape {
	name: string;
	columns: Record<string, ColumnShape>;
	primaryKey: string[];
	/** `columns -> table(columns) on delete X on update Y`, sorted. */
	foreignKeys: string[];
	/** `name(columns)` that must be unique (column `.unique()` and unique constraints), sorted. */
	uniques: string[];
	/** `[unique ]name(columns)[ where …]`, sorted. */
	indexes: string[];
	/** `name: expression`, sorted. */
	checks: string[];
}

type AnyTableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;
type Render = (sql: SQL) => string;

const sqliteRender: Render = (sql) => new SQLiteSyncDialect().sqlToQuery(sql).sql;
const pgRender: Render = (sql) => new PgDialect().sqlToQuery(sql).sql;

function columnShape(column: Column): ColumnShape {
	const autoId =
		(column as unknown as { autoIncrement?: boolean }).autoIncrement === true ||
		(column as unknown as { generatedIdentity?: unknown }).generatedIdentity !== undefined;
	const databaseDefault = autoId
		? 'auto id'
		: column.default === undefined
			? null
			: JSON.stringify(column.default);
	return {
		kind: column.dataType,
		notNull: column.notNull,
		databaseDefault,
		codeDefault: typeof column.defaultFn === 'function',
		enumValues: column.enumValues ? [...column.enumValues] : null
	};
}

const names = (columns: { name: string }[]) => columns.map((column) => column.name).join(', ');
const orNoAction = (action: string | undefined) => action ?? 'no action';

function shapeOf(config: AnyTableConfig, render: Render): TableShape {
	const columns = Object.fromEntries(
		config.columns.map((column) => [column.name, columnShape(column as Column)])
	);
	const primaryKey = [
		...config.columns.filter((column) => column.primary).map((column) => column.name),
		...config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name))
	];
	const foreignKeys = config.foreignKeys.map((key) => {
		const reference = key.reference();
		return `${names(reference.columns)} -> ${getTableName(reference.foreignTable)}(${names(reference.foreignColumns)}) on delete ${orNoAction(key.onDelete)} on update ${orNoAction(key.onUpdate)}`;
	});
	const uniques = [
		...config.columns
			.filter((column) => column.isUnique)
			.map((column) => `${column.uniqueName}(${column.name})`),
		...config.uniqueConstraints.map(
			(constraint) => `${constraint.getName()}(${names(constraint.columns)})`
		)
	];
	const indexes = config.indexes.map(({ config: index }) => {
		const on = index.columns
			.map((column) => (column && 'name' in column ? String(column.name) : '<expression>'))
			.join(', ');
		const where = index.where ? ` where ${render(index.where)}` : '';
		return `${index.unique ? 'unique ' : ''}${index.name}(${on})${where}`;
	});
	const checks = config.checks.map((check) => `${check.name}: ${render(check.value)}`);
	return {
		name: config.name,
		columns,
		primaryKey,
		foreignKeys: foreignKeys.sort(),
		uniques: uniques.sort(),
		indexes: indexes.sort(),
		checks: checks.sort()
	};
}

/** The shapes of every table a schema module exports (SQLite or PostgreSQL), by table name. */
export function schemaShapes(schema: Record<string, unknown>): Map<string, TableShape> {
	const shapes = new Map<string, TableShape>();
	for (const value of Object.values(schema)) {
		let shape: TableShape | undefined;
		if (is(value, SQLiteTable)) shape = shapeOf(sqliteTableConfig(value), sqliteRender);
		else if (is(value, PgTable)) shape = shapeOf(pgTableConfig(value), pgRender);
		if (shape) shapes.set(shape.name, shape);
	}
	return shapes;
}

const listDifference = (what: string, left: string[], right: string[], sides: [string, string]) => {
	const onlyLeft = left.filter((item) => !right.includes(item));
	const onlyRight = right.filter((item) => !left.includes(item));
	return [
		...onlyLeft.map((item) => `${what} ${item}: only in ${sides[0]}`),
		...onlyRight.map((item) => `${what} ${item}: only in ${sides[1]}`)
	];
};

function columnDifferences(
	table: string,
	left: TableShape,
	right: TableShape,
	sides: [string, string]
) {
	const problems: string[] = [];
	for (const [name, shape] of Object.entries(left.columns)) {
		const other = right.columns[name];
		if (!other) {
			problems.push(`${table}.${name}: column missing in ${sides[1]}`);
			continue;
		}
		for (const key of Object.keys(shape) as (keyof ColumnShape)[]) {
			const [a, b] = [JSON.stringify(shape[key]), JSON.stringify(other[key])];
			if (a !== b)
				problems.push(`${table}.${name}: ${key} ${a} in ${sides[0]}, ${b} in ${sides[1]}`);
		}
	}
	for (const name of Object.keys(right.columns))
		if (!(name in left.columns)) problems.push(`${table}.${name}: column missing in ${sides[0]}`);
	return problems;
}

const LIST_PARTS = {
	foreignKeys: 'foreign key',
	uniques: 'unique',
	indexes: 'index',
	checks: 'check'
} as const;

/** Every way two schemas' tables differ, in words naming table and column; empty when in step. */
export function schemaDifferences(
	left: Map<string, TableShape>,
	right: Map<string, TableShape>,
	sides: [string, string] = ['sqlite', 'postgres']
): string[] {
	const problems: string[] = [];
	for (const name of left.keys())
		if (!right.has(name)) problems.push(`${name}: table missing in ${sides[1]}`);
	for (const name of right.keys())
		if (!left.has(name)) problems.push(`${name}: table missing in ${sides[0]}`);
	for (const [name, shape] of left) {
		const other = right.get(name);
		if (!other) continue;
		problems.push(...columnDifferences(name, shape, other, sides));
		if (shape.primaryKey.join() !== other.primaryKey.join())
			problems.push(
				`${name}: primary key (${shape.primaryKey.join(', ')}) in ${sides[0]}, (${other.primaryKey.join(', ')}) in ${sides[1]}`
			);
		for (const [part, what] of Object.entries(LIST_PARTS) as [keyof typeof LIST_PARTS, string][])
			problems.push(...listDifference(`${name}: ${what}`, shape[part], other[part], sides));
	}
	return problems;
}

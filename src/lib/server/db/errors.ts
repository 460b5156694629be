// What a database error means, asked the same way of both dialects (drizzle may wrap the driver's
// error: the cause chain is searched).
import { sqlStateOf } from './postgres-transaction';

function messages(error: unknown): string[] {
	const found: string[] = [];
	for (let at: unknown = error; at instanceof Error; at = at.cause) found.push(at.message);
	return found;
}

/** A delete or update refused because other rows still refer to the row (a RESTRICT foreign key). */
export function isForeignKeyViolation(error: unknown): boolean {
	if (sqlStateOf(error) === '23503') return true;
	// SQLite: RESTRICT keys report as SQLITE_CONSTRAINT_TRIGGER, plain ones as …_FOREIGNKEY.
	return messages(error).some((message) => /FOREIGN KEY constraint failed/.test(message));
}

/**
 * An insert or update refused because another row already has the value of `table.column` (a
 * unique constraint; PostgreSQL names it after the table and column, as drizzle's schema does).
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
	if (sqlStateOf(error) === '23505') {
		for (let at: unknown = error; at instanceof Error; at = at.cause) {
			const constraint = (at as { constraint?: unknown }).constraint;
			if (typeof constraint === 'string') return constraint.includes(`${table}_${column}`);
		}
		return false;
	}
	return messages(error).some((message) =>
		message.includes(`UNIQUE constraint failed: ${table}.${column}`)
	);
}

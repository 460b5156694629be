// Shared by the case-import specs: the operator who imports, and rows read straight from the database.
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';

export const operator = operatorPrincipal();

export function rows<T>(db: Db, sql: string, ...params: unknown[]): T[] {
	return db.$client.prepare(sql).all(...params) as T[];
}

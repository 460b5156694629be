// Every request of the read path asks whether its case is held back by a burned-in annotation review
// (heldBackCondition, in the assignment's statement and in the next unread case's). A study whose
// images all went through the review holds a row per image, thousands in a screening study: the
// question must find the case's reviews through an index, never by reading them all, per request
// and per candidate case.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase } from '$fixtures/test-db.fixture';
import { sqlRows } from '$fixtures/sql.fixture';
import { isPostgresHandle } from '../db/postgres-transaction';
import { assignments } from '../db/schema';
import type { Db } from '../db/client';
import { heldBackCondition } from './reading-gate';

/** How each reading of burned_in_reviews in SQLite's plan of the statement finds its rows. */
async function reviewAccess(db: Db, text: string, params: unknown[]): Promise<string[]> {
	const rows = await sqlRows<{ detail: string }>(
		db,
		`EXPLAIN QUERY PLAN ${text}`,
		...(params as number[])
	);
	return rows.map((row) => row.detail).filter((detail) => detail.includes('burned_in_reviews'));
}

describe('the held-back question of the read path', () => {
	it("finds a case's burned-in reviews through an index on the case", async () => {
		const db = await testDatabase();
		if (isPostgresHandle(db)) {
			// PostgreSQL's plan depends on the rows it has counted (an empty table is read whole, or
			// hashed once, whatever the indexes): here, that the index is there to be chosen.
			const indexes = await sqlRows<{ def: string }>(
				db,
				"SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'burned_in_reviews'"
			);
			expect(indexes.map((index) => index.def)).toContainEqual(
				expect.stringMatching(/USING btree \(case_id, status\)$/)
			);
			return;
		}
		const query = db
			.select({ id: assignments.id })
			.from(assignments)
			.where(and(eq(assignments.sessionId, 1), heldBackCondition(db, assignments.caseId)));
		const { sql: text, params } = query.toSQL();
		const access = await reviewAccess(db, text, params);

		// The pending reviews and the identifying ones: both subqueries read the table.
		expect(access).toHaveLength(2);
		for (const how of access)
			expect(how).toMatch(/^SEARCH burned_in_reviews USING (COVERING )?INDEX \S+ \(case_id=/);
	});
});

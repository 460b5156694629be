// The queries the workstation's requests make on every case (its view, images, draft, submit,
// "shown"), prepared once per connection (db/prepared.ts): building and compiling them on every
// request cost more than running them.
import { and, asc, count, eq, gt, isNull, not, notExists, sql } from 'drizzle-orm';
import { aiResults, assignments, images, readDrafts, reads } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { heldBackCondition } from './reading-gate';

const statements = perConnection((db) => {
	const unread = notExists(
		db
			.select({ one: sql`1` })
			.from(reads)
			.where(eq(reads.assignmentId, assignments.id))
	);
	return {
		imageRows: db
			.select()
			.from(images)
			.where(eq(images.caseId, sql.placeholder('caseId')))
			.orderBy(asc(images.ordinal))
			.prepare(),
		// Each assignment has at most one original read (reads_one_original_per_assignment_uq).
		progress: db
			.select({ total: count(), done: count(reads.id) })
			.from(assignments)
			.leftJoin(reads, and(eq(reads.assignmentId, assignments.id), isNull(reads.supersedesReadId)))
			.where(eq(assignments.sessionId, sql.placeholder('sessionId')))
			.prepare(),
		draft: db
			.select()
			.from(readDrafts)
			.where(eq(readDrafts.assignmentId, sql.placeholder('assignmentId')))
			.prepare(),
		nextUnread: db
			.select({ publicId: assignments.publicId, caseId: assignments.caseId, arm: assignments.arm })
			.from(assignments)
			.where(
				and(
					eq(assignments.sessionId, sql.placeholder('sessionId')),
					gt(assignments.position, sql.placeholder('position')),
					unread,
					not(heldBackCondition(db, assignments.caseId))
				)
			)
			.orderBy(asc(assignments.position))
			.limit(1)
			.prepare(),
		firstServe: db
			.insert(readDrafts)
			.values({
				assignmentId: sql.placeholder('assignmentId'),
				firstServedAt: sql.placeholder('servedAt'),
				updatedAt: sql.placeholder('servedAt'),
				stateJson: sql.placeholder('stateJson')
			})
			// A case served before keeps its first serve (and its draft).
			.onConflictDoNothing({ target: readDrafts.assignmentId })
			.prepare(),
		saveDraft: db
			.insert(readDrafts)
			.values({
				assignmentId: sql.placeholder('assignmentId'),
				firstServedAt: sql.placeholder('now'),
				updatedAt: sql.placeholder('now'),
				stateJson: sql.placeholder('stateJson')
			})
			.onConflictDoUpdate({
				target: readDrafts.assignmentId,
				// The values the insert was given (SQLite's `excluded` row).
				set: { stateJson: sql`excluded.state_json`, updatedAt: sql`excluded.updated_at` }
			})
			.prepare(),
		aiResult: db
			.select()
			.from(aiResults)
			.where(
				and(
					eq(aiResults.modelId, sql.placeholder('modelId')),
					eq(aiResults.caseId, sql.placeholder('caseId'))
				)
			)
			.prepare()
	};
});

/** The case's image rows in order, with their frame counts and what hanging looks at (never served as such). */
export async function imageRowsOf(tx: DbOrTx, caseId: number) {
	return await statements(tx).imageRows.all({ caseId });
}

/** How many cases the session has, and how many of them are read (originals; corrections aside). */
export async function sessionProgress(
	tx: DbOrTx,
	sessionId: number
): Promise<{ total: number; done: number }> {
	return (await statements(tx).progress.get({ sessionId })) ?? { total: 0, done: 0 };
}

export async function draftRowOf(tx: DbOrTx, assignmentId: number) {
	return await statements(tx).draft.get({ assignmentId });
}

/** The session's first unread case after `position` that is not held back (reading-gate.ts). */
export async function nextUnreadAfter(tx: DbOrTx, sessionId: number, position: number) {
	return await statements(tx).nextUnread.get({ sessionId, position });
}

/**
 * Stamps the case's first serve at `servedAt` with the draft it opens with ('{}': none yet), unless
 * it already has one.
 */
export async function insertFirstServe(
	tx: DbOrTx,
	assignmentId: number,
	servedAt: Date,
	stateJson = '{}'
): Promise<void> {
	await statements(tx).firstServe.run({ assignmentId, servedAt, stateJson });
}

/** The reader's draft, stored (served now if it had not been). */
export async function storeDraft(
	tx: DbOrTx,
	assignmentId: number,
	stateJson: string,
	now: Date
): Promise<void> {
	await statements(tx).saveDraft.run({ assignmentId, stateJson, now });
}

export async function aiResultOf(tx: DbOrTx, modelId: number, caseId: number) {
	return await statements(tx).aiResult.get({ modelId, caseId });
}

// How many reads a study has: the fact that freezes its protocol and allocation.
import { count, eq, inArray } from 'drizzle-orm';
import { assignments, readingSessions, reads } from '../db/schema';
import type { DbOrTx } from '../db/client';

export async function countStudyReads(tx: DbOrTx, studyId: number): Promise<number> {
	const sessionIds = tx
		.select({ id: readingSessions.id })
		.from(readingSessions)
		.where(eq(readingSessions.studyId, studyId));
	const assignmentIds = tx
		.select({ id: assignments.id })
		.from(assignments)
		.where(inArray(assignments.sessionId, sessionIds));
	return (
		(
			await tx.select({ n: count() }).from(reads).where(inArray(reads.assignmentId, assignmentIds))
		)[0]?.n ?? 0
	);
}

// Every read of a study with what it belongs to (assignment, case and its reference truth,
// session, reader enrolment), in the order the reads were stored: the one query the database
// lock's fingerprint and the blind export both read. Corrections are reads too: each names the
// read it supersedes (`supersedes`), who filed it and why.
import { asc, eq } from 'drizzle-orm';
import {
	assignments,
	cases,
	readerEnrolments,
	readingSessions,
	reads,
	referenceTruth
} from '../db/schema';
import type { DbOrTx } from '../db/client';

export type StudyRead = Awaited<ReturnType<typeof studyReads>>[number];

export async function studyReads(db: DbOrTx, studyId: number) {
	return await db
		.select({
			id: reads.id,
			reader: readerEnrolments.readerCode,
			sequence: readerEnrolments.sequence,
			period: readingSessions.period,
			arm: assignments.arm,
			caseKey: cases.caseKey,
			truth: referenceTruth.truth,
			decision: reads.decision,
			confidence: reads.confidence,
			marks: reads.marksJson,
			measurements: reads.measurementsJson,
			readingTimeMs: reads.readingTimeMs,
			pausedMs: reads.pausedMs,
			submittedAt: reads.submittedAt,
			clientId: reads.clientId,
			simulated: reads.isSimulated,
			supersedes: reads.supersedesReadId,
			correctedBy: reads.correctedByRole,
			correctionReason: reads.correctionReason
		})
		.from(reads)
		.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
		.innerJoin(cases, eq(assignments.caseId, cases.id))
		// Every case has its truth (study load and truth import require it): the join drops no read.
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, readingSessions.membershipId))
		.where(eq(readingSessions.studyId, studyId))
		.orderBy(asc(reads.id));
}

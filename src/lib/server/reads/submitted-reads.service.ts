// The submitted reads a person may correct, in their current version: a reader's own, and for a
// coordinator those of their site's readers. A row says where the read sits in the reader's
// schedule (period, session, place) and what it says; never the case, the arm, the truth or the AI.
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import {
	assignments,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	studies,
	studyLocks
} from '../db/schema';
import type { Db } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { SubmittedReadRow } from '../../domain/read-correction';
import { mapInOrder } from '../db/in-order';

export interface StudyReads {
	study: { slug: string; title: string };
	/** Locked: nothing can be corrected any more. */
	closed: boolean;
	reads: SubmittedReadRow[];
}

/** The caller's own reads, per study they read in (active memberships), current versions only. */
export async function readerSubmittedReads(
	db: Db,
	principal: UserPrincipal
): Promise<StudyReads[]> {
	const mine = await db
		.select({ id: studies.id, slug: studies.slug, title: studies.title, lock: studyLocks.id })
		.from(memberships)
		.innerJoin(studies, eq(memberships.studyId, studies.id))
		.leftJoin(studyLocks, eq(studyLocks.studyId, studies.id))
		.where(
			and(
				eq(memberships.userId, principal.userId),
				eq(memberships.role, 'reader'),
				isNull(memberships.withdrawnAt)
			)
		)
		.orderBy(asc(studies.slug));
	return await mapInOrder(mine, async (study) => ({
		study: { slug: study.slug, title: study.title },
		closed: study.lock !== null,
		reads: await currentReads(
			db,
			and(
				eq(readingSessions.studyId, study.id),
				eq(memberships.userId, principal.userId),
				eq(memberships.role, 'reader')
			)!
		)
	}));
}

/** For a coordinator: the reads of their own site's readers in this study, current versions only. */
export async function siteSubmittedReads(
	db: Db,
	principal: UserPrincipal,
	slug: string
): Promise<StudyReads> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['coordinator'], {
		action: 'read.list_for_correction'
	});
	const locked = (await db.select().from(studyLocks).where(eq(studyLocks.studyId, study.id)))[0];
	return {
		study: { slug: study.slug, title: study.title },
		closed: locked !== undefined,
		reads:
			access.siteId === null
				? []
				: await currentReads(
						db,
						and(
							eq(readingSessions.studyId, study.id),
							eq(memberships.siteId, access.siteId),
							eq(memberships.role, 'reader')
						)!
					)
	};
}

/** Every current read matching `where`, in schedule order, with its version number. */
async function currentReads(db: Db, where: SQL): Promise<SubmittedReadRow[]> {
	const rows = await db
		.select({
			id: reads.id,
			assignmentId: reads.assignmentId,
			decision: reads.decision,
			confidence: reads.confidence,
			submittedAt: reads.submittedAt,
			reader: readerEnrolments.readerCode,
			period: readingSessions.period,
			session: readingSessions.sessionIndex,
			position: assignments.position
		})
		.from(reads)
		.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
		.where(where)
		.orderBy(
			asc(readerEnrolments.enrolmentIndex),
			asc(readingSessions.period),
			asc(readingSessions.sessionIndex),
			asc(assignments.position),
			asc(reads.id)
		);
	// The versions of one read are consecutive here, oldest first: the last is the current one.
	const byAssignment = new Map<number, SubmittedReadRow>();
	for (const row of rows) {
		const earlier = byAssignment.get(row.assignmentId);
		byAssignment.set(row.assignmentId, {
			read: row.id,
			reader: row.reader,
			period: row.period,
			session: row.session,
			position: row.position,
			decision: row.decision,
			confidence: row.confidence,
			submittedAt: row.submittedAt,
			version: (earlier?.version ?? 0) + 1
		});
	}
	return [...byAssignment.values()];
}

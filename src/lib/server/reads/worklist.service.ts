// The reader's worklist. This module (and everything a reader's requests reach) never imports the
// reference-truth table, AI results or other readers' data: a reader cannot see what is not loaded.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import {
	assignments,
	memberships,
	readingSessions,
	reads,
	sites,
	studies,
	studyLocks
} from '../db/schema';
import type { Db } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { protocolOf } from '../studies/study-protocol';
import { heldBackCases, readingStarted } from './reading-gate';
import { mapInOrder } from '../db/in-order';

export interface WorklistSession {
	period: number;
	session: number;
	status: string;
	opensAt: Date | null;
	total: number;
	done: number;
}

export interface WorklistEntry {
	study: { slug: string; title: string };
	site: string | null;
	/** The study's database is locked: nothing more can be read in it. */
	closed: boolean;
	/** Reading has not started: the case set is not frozen yet (reading-gate.ts). */
	notStarted: boolean;
	/** How many of the caller's unread cases are held back for now (a count: never which or why). */
	heldBack: number;
	sessions: WorklistSession[];
}

/** The caller's own reader memberships and their sessions; nothing of anyone else's. */
export async function readerWorklist(db: Db, principal: UserPrincipal): Promise<WorklistEntry[]> {
	const mine = await db
		.select({
			membershipId: memberships.id,
			studyId: studies.id,
			protocolJson: studies.protocolJson,
			slug: studies.slug,
			title: studies.title,
			site: sites.name,
			lockId: studyLocks.id
		})
		.from(memberships)
		.innerJoin(studies, eq(memberships.studyId, studies.id))
		.leftJoin(sites, eq(memberships.siteId, sites.id))
		.leftJoin(studyLocks, eq(studyLocks.studyId, studies.id))
		.where(
			and(
				eq(memberships.userId, principal.userId),
				eq(memberships.role, 'reader'),
				isNull(memberships.withdrawnAt)
			)
		)
		.orderBy(studies.slug);
	return await mapInOrder(mine, async (membership) => ({
		study: { slug: membership.slug, title: membership.title },
		site: membership.site,
		closed: membership.lockId !== null,
		notStarted: !(await readingStarted(
			db,
			membership.studyId,
			protocolOf({ id: membership.studyId, protocolJson: membership.protocolJson })
		)),
		heldBack: await heldBackUnread(db, membership.membershipId),
		sessions: await sessionsOf(db, membership.membershipId)
	}));
}

async function heldBackUnread(db: Db, membershipId: number): Promise<number> {
	const unread = await db
		.select({ caseId: assignments.caseId })
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.leftJoin(reads, eq(reads.assignmentId, assignments.id))
		.where(and(eq(readingSessions.membershipId, membershipId), isNull(reads.id)));
	const held = await heldBackCases(
		db,
		unread.map((row) => row.caseId)
	);
	return held.size;
}

/**
 * The membership's sessions in order, each with its cases and how many are read, in one statement:
 * a case counts once, by its original read, whatever corrections followed (at most one original
 * per assignment: reads_one_original_per_assignment_uq).
 */
async function sessionsOf(db: Db, membershipId: number): Promise<WorklistSession[]> {
	const rows = await db
		.select({
			period: readingSessions.period,
			session: readingSessions.sessionIndex,
			status: readingSessions.status,
			opensAt: readingSessions.opensAt,
			total: count(assignments.id),
			done: count(reads.id)
		})
		.from(readingSessions)
		.leftJoin(assignments, eq(assignments.sessionId, readingSessions.id))
		.leftJoin(reads, and(eq(reads.assignmentId, assignments.id), isNull(reads.supersedesReadId)))
		.where(eq(readingSessions.membershipId, membershipId))
		.groupBy(readingSessions.id)
		.orderBy(asc(readingSessions.period), asc(readingSessions.sessionIndex));
	return rows;
}

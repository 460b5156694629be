// Who may correct a read (READ-4): the reader who made it, or a coordinator of that reader's site
// in the same study (a data-entry error). To anyone else a read is exactly like one that does not
// exist: the same NotFound, recorded as a refusal.
import { and, count, eq, lt } from 'drizzle-orm';
import {
	assignments,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	studies
} from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { activeMemberships } from '../access/access';
import { AccessDenied, NotFound } from '../errors';
import { auditRefusal, markAudited } from '../audit/refusal-audit';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { CorrectedBy, SubmittedReadRow } from '../../domain/read-correction';
import { protocolOf } from '../studies/study-protocol';

export interface CorrectableRead {
	read: typeof reads.$inferSelect;
	caseId: number;
	studyId: number;
	study: { slug: string; title: string };
	protocol: Protocol;
	by: CorrectedBy;
	row: SubmittedReadRow;
}

function refuse<E extends NotFound | AccessDenied>(
	tx: DbOrTx,
	principal: UserPrincipal,
	attempted: string,
	readId: number,
	studyId: number | null,
	error: E
): E {
	auditRefusal(tx, principal, {
		attempted,
		targetType: 'read',
		targetId: readId,
		studyId,
		status: error.status,
		reason: error.message
	});
	markAudited(error);
	return error;
}

/** The read, if the caller may correct it; `attempted` names the act in the audit of a refusal. */
export async function readForCorrection(
	tx: DbOrTx,
	principal: UserPrincipal,
	readId: number,
	attempted: string
): Promise<CorrectableRead> {
	const found = (
		await tx
			.select({
				read: reads,
				caseId: assignments.caseId,
				position: assignments.position,
				session: readingSessions,
				membership: memberships,
				reader: readerEnrolments.readerCode,
				study: { slug: studies.slug, title: studies.title, protocolJson: studies.protocolJson }
			})
			.from(reads)
			.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
			.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
			.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
			.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
			.innerJoin(studies, eq(readingSessions.studyId, studies.id))
			.where(eq(reads.id, readId))
	)[0];
	const missing = () =>
		refuse(
			tx,
			principal,
			attempted,
			readId,
			found?.session.studyId ?? null,
			new NotFound('No such read.')
		);
	if (!found) throw missing();
	const { membership, session } = found;
	let by: CorrectedBy;
	if (membership.userId === principal.userId) {
		if (membership.withdrawnAt !== null)
			throw refuse(
				tx,
				principal,
				attempted,
				readId,
				session.studyId,
				new AccessDenied('You have been withdrawn from this study.')
			);
		by = 'reader';
	} else if (
		(await activeMemberships(tx, principal.userId)).some(
			(held) =>
				held.studyId === session.studyId &&
				held.role === 'coordinator' &&
				held.siteId !== null &&
				held.siteId === membership.siteId
		)
	)
		by = 'coordinator';
	else throw missing();
	return {
		read: found.read,
		caseId: found.caseId,
		studyId: session.studyId,
		study: { slug: found.study.slug, title: found.study.title },
		protocol: protocolOf({ id: session.studyId, protocolJson: found.study.protocolJson }),
		by,
		row: {
			read: found.read.id,
			reader: found.reader,
			period: session.period,
			session: session.sessionIndex,
			position: found.position,
			decision: found.read.decision,
			confidence: found.read.confidence,
			submittedAt: found.read.submittedAt,
			version: await versionOf(tx, found.read)
		}
	};
}

/** 1 for a read as submitted, n + 1 for the n-th correction (one chain per assignment). */
export async function versionOf(
	tx: DbOrTx,
	read: { id: number; assignmentId: number }
): Promise<number> {
	const earlier = (
		await tx
			.select({ n: count() })
			.from(reads)
			.where(and(eq(reads.assignmentId, read.assignmentId), lt(reads.id, read.id)))
	)[0];
	return (earlier?.n ?? 0) + 1;
}

/** The read that superseded this one, followed to the current version; null if it is current. */
export async function latestVersionAfter(tx: DbOrTx, readId: number): Promise<number | null> {
	let latest: number | null = null;
	for (let id = readId; ;) {
		const next = (
			await tx.select({ id: reads.id }).from(reads).where(eq(reads.supersedesReadId, id))
		)[0];
		if (!next) return latest;
		latest = id = next.id;
	}
}

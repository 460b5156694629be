// The caller's own assignment, with its session and its study's protocol: what every request of
// the read path starts from. One prepared statement (per connection), which also answers what the
// read path asks next of every request (the gate: locked, frozen, case held back, already read),
// so that a request costs one statement instead of five; the protocol comes from the cache of
// parsed protocols, by the study's protocol hash (study-protocol.ts).
import { desc, eq, sql } from 'drizzle-orm';
import {
	assignments,
	datasetVersions,
	memberships,
	readingSessions,
	reads,
	studies,
	studyLocks
} from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import type { UserPrincipal } from '../access/principal';
import { AccessDenied, NotFound } from '../errors';
import { studyProtocol } from '../studies/study-protocol';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { heldBackCondition } from './reading-gate';

/**
 * What the read path asks of every request, as the statement that found the assignment saw it (in
 * a transaction, as of that transaction).
 */
export interface ReadGate {
	/** The study database is locked (lock.service.ts). */
	locked: boolean;
	/** The case set is frozen: its latest dataset version is not reopened (dataset-freeze.service.ts). */
	frozen: boolean;
	/** The case is held back by a burned-in annotation review (reading-gate.ts). */
	held: boolean;
	/** The assignment has a read. */
	read: boolean;
}

export interface OwnedAssignment {
	assignment: typeof assignments.$inferSelect;
	session: typeof readingSessions.$inferSelect;
	protocol: Protocol;
	studyId: number;
	/** The study's slug and title, for the pages that name it. */
	study: { slug: string; title: string };
	gate: ReadGate;
}

const statements = perConnection((db) => ({
	byPublicId: db
		.select({
			assignment: assignments,
			session: readingSessions,
			membership: {
				userId: memberships.userId,
				role: memberships.role,
				withdrawnAt: memberships.withdrawnAt
			},
			protocolSha256: studies.protocolSha256,
			study: { slug: studies.slug, title: studies.title },
			locked:
				sql`exists (select 1 from ${studyLocks} where ${studyLocks.studyId} = ${readingSessions.studyId})`.mapWith(
					Boolean
				),
			// 1=0 is false in either dialect (no boolean literal in old SQLite, no 0 for a boolean in PostgreSQL).
			frozen: sql`coalesce((${db
				.select({ open: sql`${datasetVersions.reopenedAt} is null` })
				.from(datasetVersions)
				.where(eq(datasetVersions.studyId, readingSessions.studyId))
				.orderBy(desc(datasetVersions.version))
				.limit(1)}), 1=0)`.mapWith(Boolean),
			held: sql`${heldBackCondition(db, assignments.caseId)}`.mapWith(Boolean),
			read: sql`exists (select 1 from ${reads} where ${reads.assignmentId} = ${assignments.id})`.mapWith(
				Boolean
			)
		})
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(studies, eq(readingSessions.studyId, studies.id))
		.where(eq(assignments.publicId, sql.placeholder('publicId')))
		.prepare()
}));

/** The assignment, if it is the caller's own (active reader membership); otherwise NotFound. */
export async function ownAssignment(
	tx: DbOrTx,
	principal: UserPrincipal,
	publicId: string
): Promise<OwnedAssignment> {
	const row = await statements(tx).byPublicId.get({ publicId });
	// Someone else's assignment looks exactly like a missing one.
	if (!row || row.membership.userId !== principal.userId || row.membership.role !== 'reader')
		throw new NotFound('No such assignment.');
	if (row.membership.withdrawnAt !== null)
		throw new AccessDenied('You have been withdrawn from this study.');
	const studyId = row.session.studyId;
	const { locked, frozen, held, read } = row;
	return {
		assignment: row.assignment,
		session: row.session,
		protocol: await studyProtocol(tx, studyId, row.protocolSha256),
		studyId,
		study: row.study,
		gate: { locked, frozen, held, read }
	};
}

// The caller's own assignment, with its session and its study's protocol: what every request of
// the read path starts from. One prepared statement (per connection); the protocol comes from the
// cache of parsed protocols, by the study's protocol hash (study-protocol.ts).
import { eq, sql } from 'drizzle-orm';
import { assignments, memberships, readingSessions, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import type { UserPrincipal } from '../access/principal';
import { AccessDenied, NotFound } from '../errors';
import { studyProtocol } from '../studies/study-protocol';
import type { Protocol } from '../../design/protocol/protocol.schema';

export interface OwnedAssignment {
	assignment: typeof assignments.$inferSelect;
	session: typeof readingSessions.$inferSelect;
	protocol: Protocol;
	studyId: number;
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
			protocolSha256: studies.protocolSha256
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
	return {
		assignment: row.assignment,
		session: row.session,
		protocol: await studyProtocol(tx, studyId, row.protocolSha256),
		studyId
	};
}

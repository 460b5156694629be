// Withdrawing a reader: they can no longer read; everything they completed is kept, and their place
// in the enrolment order (so everyone else's allocation) is unchanged.
import { and, eq } from 'drizzle-orm';
import { memberships, readerEnrolments, users } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireSiteScope, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import { normaliseEmail } from '../auth/login.service';
import { assertUnlocked } from '../export/lock.service';

export function withdrawReader(
	db: Db,
	principal: Principal,
	input: { study: string; email: string; reason: string },
	now = new Date()
): void {
	if (!input.reason.trim()) throw new InputError('reason: a withdrawal needs a reason', 'reason');
	const study = requireStudyBySlug(db, input.study);
	const access = requireStudyRole(db, principal, study.id, ['coordinator', 'admin']);
	db.transaction(
		(tx) => {
			assertUnlocked(tx, study.id, 'withdrawing a reader');
			const row = tx
				.select({ membership: memberships, enrolment: readerEnrolments })
				.from(memberships)
				.innerJoin(users, eq(memberships.userId, users.id))
				.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
				.where(
					and(
						eq(users.email, normaliseEmail(input.email)),
						eq(memberships.studyId, study.id),
						eq(memberships.role, 'reader')
					)
				)
				.get();
			if (!row) throw new NotFound(`No enrolled reader ${input.email} in ${study.slug}.`);
			requireSiteScope(access, row.membership.siteId);
			if (row.membership.withdrawnAt !== null)
				throw new Conflict(`${input.email} is already withdrawn.`);
			tx.update(memberships)
				.set({ withdrawnAt: now })
				.where(eq(memberships.id, row.membership.id))
				.run();
			tx.update(readerEnrolments)
				.set({ withdrawnAt: now, withdrawalReason: input.reason.trim() })
				.where(eq(readerEnrolments.id, row.enrolment.id))
				.run();
			recordAudit(
				tx,
				principal,
				{
					action: 'reader.withdrawn',
					entityType: 'reader_enrolment',
					entityId: row.enrolment.id,
					studyId: study.id,
					before: { withdrawnAt: null },
					after: { withdrawnAt: now.toISOString(), readerCode: row.enrolment.readerCode },
					reason: input.reason.trim()
				},
				now
			);
		},
		{ behavior: 'immediate' }
	);
}

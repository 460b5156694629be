// Withdrawing a reader: they can no longer read; everything they completed is kept, and their place
// in the enrolment order (so everyone else's allocation) is unchanged. A coordinator is told the
// same for another site's reader as for an address that is no reader: nothing to enumerate.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, readerEnrolments, users } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import {
	refuseAccess,
	requireStudyBySlug,
	requireStudyRole,
	type StudyAccess
} from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, NotFound } from '../errors';
import { normaliseEmail } from '../auth/login.service';
import { assertUnlocked } from '../export/lock.service';
import { parseInput } from '../input';
import { requiredText, TEXT_MAX } from '../../domain/free-text';
import { withTransaction } from '../db/transaction';

const withdrawalInput = z.object({
	study: requiredText(TEXT_MAX.code),
	email: requiredText(TEXT_MAX.email),
	reason: requiredText(TEXT_MAX.reason, 'a withdrawal needs a reason')
});

/** Whether a site-scoped caller (a coordinator) may act on this site. */
const inScope = (access: StudyAccess, siteId: number | null) =>
	access.trusted || access.siteId === null || access.siteId === siteId;

export async function withdrawReader(
	db: Db,
	principal: Principal,
	rawInput: { study: string; email: string; reason: string },
	now = new Date()
): Promise<void> {
	const input = parseInput(withdrawalInput, rawInput);
	const study = await requireStudyBySlug(db, input.study);
	const access = await requireStudyRole(db, principal, study.id, ['coordinator', 'admin'], {
		action: 'reader.withdraw'
	});
	await withTransaction(db, async (tx) => {
		await assertUnlocked(tx, study.id, 'withdrawing a reader');
		const row = (
			await tx
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
		)[0];
		// Another site's reader gets the answer an unknown address gets (no enumeration), and the
		// attempt is audited as a refusal.
		const unknown = () => new NotFound(`No enrolled reader ${input.email} in ${study.slug}.`);
		if (!row) throw unknown();
		if (!inScope(access, row.membership.siteId))
			throw refuseAccess(access, unknown(), {
				targetType: 'reader_enrolment',
				targetId: row.enrolment.id
			});
		if (row.membership.withdrawnAt !== null)
			throw new Conflict(`${input.email} is already withdrawn.`);
		await tx
			.update(memberships)
			.set({ withdrawnAt: now })
			.where(eq(memberships.id, row.membership.id));
		await tx
			.update(readerEnrolments)
			.set({ withdrawnAt: now, withdrawalReason: input.reason })
			.where(eq(readerEnrolments.id, row.enrolment.id));
		await recordAudit(
			tx,
			principal,
			{
				action: 'reader.withdrawn',
				entityType: 'reader_enrolment',
				entityId: row.enrolment.id,
				studyId: study.id,
				before: { withdrawnAt: null },
				after: { withdrawnAt: now.toISOString(), readerCode: row.enrolment.readerCode },
				reason: input.reason
			},
			now
		);
	});
}

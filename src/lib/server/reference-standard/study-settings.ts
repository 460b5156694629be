// The reference-standard settings of a study (protocol key reference_standard), and the lookups
// every reference-standard service shares.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { cases, memberships, sites, studies, users } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import type { ReferenceStandardSettings } from '../../design/protocol/protocol.schema';

export type Study = typeof studies.$inferSelect;

/** The study's settings, or a refusal saying the protocol declares no reference standard. */
export function referenceStandardOf(study: Study): ReferenceStandardSettings {
	const settings = protocolOf(study).reference_standard;
	if (!settings)
		throw new Conflict(
			`Study "${study.slug}" declares no reference_standard in its protocol: its truth is imported (truth.csv, tandem cases truth-import).`
		);
	return settings;
}

/** The study's active members in a role, in the order they joined. */
export async function activeMembers(
	db: DbOrTx,
	studyId: number,
	role: 'annotator' | 'adjudicator'
) {
	return await db
		.select({
			membershipId: memberships.id,
			userId: users.id,
			email: users.email,
			name: users.name
		})
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(
			and(
				eq(memberships.studyId, studyId),
				eq(memberships.role, role),
				isNull(memberships.withdrawnAt),
				isNull(users.disabledAt)
			)
		)
		.orderBy(asc(memberships.id));
}

/** The study's cases in their order, with their site code. */
export async function studyCases(db: DbOrTx, studyId: number) {
	return await db
		.select({ id: cases.id, caseKey: cases.caseKey, site: sites.code })
		.from(cases)
		.leftJoin(sites, eq(cases.siteId, sites.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.ordinal));
}

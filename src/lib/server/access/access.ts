// Access checks, called first by every service that touches study data, so a forgotten route
// guard cannot leak anything. Operators (the CLI) and the system are trusted.
import { and, eq, isNull } from 'drizzle-orm';
import { memberships, studies, type Role } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { Principal } from './principal';
import { AccessDenied, NotFound } from '../errors';

export { AccessDenied, NotFound };

export interface StudyAccess {
	studyId: number;
	role: Role;
	/** The site the caller is scoped to (coordinators, readers); null for study-wide roles. */
	siteId: number | null;
	membershipId: number | null;
	/** True for the CLI operator and the system itself. */
	trusted: boolean;
}

export function activeMemberships(db: DbOrTx, userId: number) {
	return db
		.select()
		.from(memberships)
		.where(and(eq(memberships.userId, userId), isNull(memberships.withdrawnAt)))
		.all();
}

/**
 * The caller's access to a study in one of the given roles (first role listed wins when the
 * caller holds several). Throws AccessDenied otherwise.
 */
export function requireStudyRole(
	db: DbOrTx,
	principal: Principal,
	studyId: number,
	roles: readonly Role[]
): StudyAccess {
	if (principal.kind !== 'user')
		return { studyId, role: 'admin', siteId: null, membershipId: null, trusted: true };
	const held = activeMemberships(db, principal.userId).filter(
		(membership) => membership.studyId === studyId
	);
	for (const role of roles) {
		const membership = held.find((candidate) => candidate.role === role);
		if (membership) {
			return {
				studyId,
				role,
				siteId: membership.siteId,
				membershipId: membership.id,
				trusted: false
			};
		}
	}
	throw new AccessDenied();
}

/** A coordinator or reader may act only inside their own site. */
export function requireSiteScope(access: StudyAccess, siteId: number | null): void {
	if (access.trusted || access.siteId === null) return;
	if (access.siteId !== siteId) throw new AccessDenied('That belongs to another site.');
}

export function requireStudyBySlug(db: DbOrTx, slug: string) {
	const study = db.select().from(studies).where(eq(studies.slug, slug)).get();
	if (!study) throw new NotFound(`No study "${slug}".`);
	return study;
}

/** Where each role lands after login, in the order a person holding several roles lands. */
export const ROLE_HOMES: ReadonlyArray<readonly [Role, string]> = [
	['admin', '/admin/studies'],
	['sponsor', '/monitor'],
	['coordinator', '/site'],
	['statistician', '/analysis'],
	['evaluator', '/analysis'],
	['reader', '/read']
];

export function homeFor(roles: ReadonlySet<Role>): string {
	return ROLE_HOMES.find(([role]) => roles.has(role))?.[1] ?? '/no-access';
}

// Access checks, called first by every service that touches study data, so a forgotten route
// guard cannot leak anything. Operators (the CLI) and the system are trusted. A refusal is
// recorded in the audit where it is raised (written after the refused transaction): so a service
// must not try one check and fall back to another on AccessDenied — ask for all the roles at once.
import { and, eq, isNull } from 'drizzle-orm';
import { memberships, studies, type Role } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { Principal, UserPrincipal } from './principal';
import { AccessDenied, NotFound } from '../errors';
import { auditRefusal, markAudited } from '../audit/refusal-audit';

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

export async function activeMemberships(db: DbOrTx, userId: number) {
	return await db
		.select()
		.from(memberships)
		.where(and(eq(memberships.userId, userId), isNull(memberships.withdrawnAt)));
}

/** What a service is doing when it checks access, for the audit row of a refusal. */
export interface Attempt {
	/** e.g. "export.release_key"; by default the request that acts (web), else "study access". */
	action?: string;
	/** What it acts on; by default the study. */
	targetType?: string;
	targetId?: string | number;
	/**
	 * The NotFound message of the record asked for: a caller without the role then gets that
	 * NotFound instead of AccessDenied, so that a record outside their part of a study (or in a
	 * study they are not in) cannot be told from an absent one.
	 */
	missing?: string;
}

interface RefusalContext {
	db: DbOrTx;
	principal: UserPrincipal;
	attempt: Attempt;
}

/** For the accesses handed out to people: what to record if a later check of theirs is refused. */
const contexts = new WeakMap<StudyAccess, RefusalContext>();

function refused<E extends AccessDenied | NotFound>(
	context: RefusalContext,
	studyId: number,
	error: E,
	target: Attempt = {},
	details: Record<string, unknown> = {}
): E {
	const { db, principal, attempt } = context;
	const attempted = target.action ?? attempt.action ?? principal.via ?? 'study access';
	auditRefusal(db, principal, {
		attempted,
		targetType: target.targetType ?? attempt.targetType ?? 'study',
		targetId: target.targetId ?? attempt.targetId ?? studyId,
		studyId,
		status: error.status,
		reason: error.message,
		details: {
			...details,
			...(principal.via !== undefined && principal.via !== attempted ? { via: principal.via } : {})
		}
	});
	markAudited(error);
	return error;
}

/**
 * The caller's access to a study in one of the given roles (first role listed wins when the
 * caller holds several). Throws AccessDenied otherwise, and records the refusal.
 */
export async function requireStudyRole(
	db: DbOrTx,
	principal: Principal,
	studyId: number,
	roles: readonly Role[],
	attempt: Attempt = {}
): Promise<StudyAccess> {
	if (principal.kind !== 'user')
		return { studyId, role: 'admin', siteId: null, membershipId: null, trusted: true };
	const held = (await activeMemberships(db, principal.userId)).filter(
		(membership) => membership.studyId === studyId
	);
	const context = { db, principal, attempt };
	for (const role of roles) {
		const membership = held.find((candidate) => candidate.role === role);
		if (membership) {
			const access: StudyAccess = {
				studyId,
				role,
				siteId: membership.siteId,
				membershipId: membership.id,
				trusted: false
			};
			contexts.set(access, context);
			return access;
		}
	}
	const error = attempt.missing === undefined ? new AccessDenied() : new NotFound(attempt.missing);
	throw refused(context, studyId, error, {}, { need: [...roles] });
}

/**
 * The error to throw when a check of the service's own refuses someone who has access to the
 * study (e.g. a coordinator asking for more than a coordinator may): recorded like any refusal.
 */
export function refuseAccess<E extends AccessDenied | NotFound>(
	access: StudyAccess,
	error: E,
	target: Attempt = {}
): E {
	const context = contexts.get(access);
	return context ? refused(context, access.studyId, error, target) : error;
}

/**
 * A coordinator or reader may act only inside their own site. With `missing`, the refusal is the
 * NotFound the caller gives for a record that does not exist, so that another site's records
 * cannot be told from absent ones (and counted).
 */
export function requireSiteScope(
	access: StudyAccess,
	siteId: number | null,
	target: Attempt = {},
	missing?: string
): void {
	if (access.trusted || access.siteId === null) return;
	if (access.siteId !== siteId)
		throw refuseAccess(
			access,
			missing === undefined
				? new AccessDenied('That belongs to another site.')
				: new NotFound(missing),
			target
		);
}

export async function requireStudyBySlug(db: DbOrTx, slug: string) {
	const study = (await db.select().from(studies).where(eq(studies.slug, slug)))[0];
	if (!study) throw new NotFound(`No study "${slug}".`);
	return study;
}

/** Where each role lands after login, in the order a person holding several roles lands. */
export const ROLE_HOMES: ReadonlyArray<readonly [Role, string]> = [
	['admin', '/admin/studies'],
	// Not the admin's home: a second entry in the top bar (lock and key release are the admin's).
	['admin', '/analysis'],
	['sponsor', '/monitor'],
	['coordinator', '/site'],
	['statistician', '/analysis'],
	['evaluator', '/analysis'],
	['reader', '/read'],
	['annotator', '/annotate'],
	['adjudicator', '/adjudicate']
];

export function homeFor(roles: ReadonlySet<Role>): string {
	return ROLE_HOMES.find(([role]) => roles.has(role))?.[1] ?? '/no-access';
}

// Who is in a study and how many cases it has: queries the role views share. They check no access
// themselves; the services that call them do, first.
import { and, count, eq, isNull } from 'drizzle-orm';
import { cases, memberships, sites, users } from '../db/schema';
import type { Db } from '../db/client';

/** People per site, counted from active memberships by role. */
export async function siteStaffing(db: Db, studyId: number) {
	const rows = await db
		.select({ siteId: memberships.siteId, role: memberships.role, n: count() })
		.from(memberships)
		.where(and(eq(memberships.studyId, studyId), isNull(memberships.withdrawnAt)))
		.groupBy(memberships.siteId, memberships.role);
	return (await db.select().from(sites).where(eq(sites.studyId, studyId)).orderBy(sites.code)).map(
		(site) => ({
			code: site.code,
			name: site.name,
			expectedReaders: site.expectedReaders,
			readers: rows.find((row) => row.siteId === site.id && row.role === 'reader')?.n ?? 0,
			coordinators: rows.find((row) => row.siteId === site.id && row.role === 'coordinator')?.n ?? 0
		})
	);
}

export async function caseCount(db: Db, studyId: number): Promise<number> {
	return (await db.select({ n: count() }).from(cases).where(eq(cases.studyId, studyId)))[0]?.n ?? 0;
}

export async function studyMembers(db: Db, studyId: number, siteId: number | null) {
	const conditions = [eq(memberships.studyId, studyId)];
	if (siteId !== null) conditions.push(eq(memberships.siteId, siteId));
	return await db
		.select({
			name: users.name,
			email: users.email,
			role: memberships.role,
			site: sites.code,
			since: memberships.createdAt,
			withdrawnAt: memberships.withdrawnAt
		})
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.leftJoin(sites, eq(memberships.siteId, sites.id))
		.where(and(...conditions))
		.orderBy(sites.code, memberships.role, users.name);
}

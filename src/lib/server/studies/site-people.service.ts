// The people of a site, for its coordinator (their own site only) or an admin. No truth is read.
import { eq } from 'drizzle-orm';
import { sites } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { studyMembers } from './study-people';

/** The people of a site. A coordinator sees only their own site; an admin picks any. */
export async function sitePeople(db: Db, principal: Principal, slug: string, siteCode?: string) {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['coordinator', 'admin']);
	const studySites = await db
		.select()
		.from(sites)
		.where(eq(sites.studyId, study.id))
		.orderBy(sites.code);
	const visibleSites =
		access.role === 'coordinator'
			? studySites.filter((site) => site.id === access.siteId)
			: studySites;
	const site =
		siteCode === undefined
			? visibleSites[0]
			: visibleSites.find((candidate) => candidate.code === siteCode);
	if (!site)
		return {
			study: { slug: study.slug, title: study.title },
			site: null,
			sites: visibleSites.map((s) => s.code),
			people: []
		};
	return {
		study: { slug: study.slug, title: study.title },
		site: { code: site.code, name: site.name, expectedReaders: site.expectedReaders },
		sites: visibleSites.map((s) => s.code),
		people: await studyMembers(db, study.id, site.id)
	};
}

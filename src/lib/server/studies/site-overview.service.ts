// The coordinator's page, per study they coordinate (or administer): the site's people, its
// readers' progress and what to act on, the queries to answer, the site's deviation flags and the
// images awaiting review.
// A coordinator sees their own site only; each service enforces it.
import type { Db } from '../db/client';
import type { Principal } from '../access/principal';
import { listMyStudies } from './my-studies.service';
import { sitePeople } from './site-people.service';
import { siteNotifications, siteReaderProgress } from '../schedule/site-progress.service';
import { listQueries } from '../monitor/queries.service';
import { listDeviations } from '../monitor/deviations.service';
import { pendingBurnedInCount } from '../cases/burned-in-review.service';
import { mapInOrder } from '../db/in-order';

/** `siteCode` picks one of the sites the caller may see (by default the first). */
export async function siteOverview(db: Db, principal: Principal, siteCode?: string) {
	return await mapInOrder(
		await listMyStudies(db, principal, ['coordinator', 'admin']),
		async (study) => {
			const people = await sitePeople(db, principal, study.slug, siteCode);
			const readers = people.site
				? await siteReaderProgress(db, principal, study.slug, people.site.code)
				: [];
			const burnedInPending = await pendingBurnedInCount(db, principal, study.slug);
			// The service keeps a coordinator to their own site; an admin looking at one site sees its flags.
			const deviations = people.site
				? (await listDeviations(db, principal, study.slug)).filter(
						(flag) => flag.site === null || flag.site === people.site?.code
					)
				: [];
			return {
				...people,
				readers,
				notifications: siteNotifications(readers),
				queries: await listQueries(db, principal, study.slug),
				deviations,
				burnedInPending,
				/** A coordinator (not only an admin) here: may correct a data-entry error in a read. */
				coordinates: study.roles.includes('coordinator')
			};
		}
	);
}

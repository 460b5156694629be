import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies, sitePeople } from '$lib/server/studies/study-overview.service';
import { principalOf, serve } from '$lib/server/access/web';

const query = z.object({ site: z.string().max(64).optional() });

// A coordinator sees the people of their own site only; the service enforces it.
export const load: PageServerLoad = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const { site } = query.parse({ site: event.url.searchParams.get('site') ?? undefined });
	const studies = listMyStudies(db, principal).filter((study) => study.roles.includes('coordinator') || study.roles.includes('admin'));
	return { studies: studies.map((study) => serve(() => sitePeople(db, principal, study.slug, site))) };
};

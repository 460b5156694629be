import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { analysisOverview, listMyStudies } from '$lib/server/studies/study-overview.service';
import { principalOf } from '$lib/server/access/web';

export const load: PageServerLoad = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = listMyStudies(db, principal, ['statistician', 'evaluator', 'admin']);
	return { studies: studies.map((study) => ({ roles: study.roles, ...analysisOverview(db, principal, study.slug) })) };
};

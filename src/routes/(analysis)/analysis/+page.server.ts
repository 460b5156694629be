import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { analysisOverview } from '$lib/server/studies/analysis-overview.service';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import { principalOf } from '$lib/server/access/web';

export const load: PageServerLoad = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = listMyStudies(db, principal, ['statistician', 'evaluator', 'admin']);
	return {
		studies: studies.map((study) => ({
			roles: study.roles,
			...analysisOverview(db, principal, study.slug)
		}))
	};
};

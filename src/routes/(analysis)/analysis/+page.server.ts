import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { analysisOverview } from '$lib/server/studies/analysis-overview.service';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import { principalOf } from '$lib/server/access/web';
import { mapInOrder } from '$lib/server/db/in-order';

export const load: PageServerLoad = async (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = await listMyStudies(db, principal, ['statistician', 'evaluator', 'admin']);
	return {
		studies: await mapInOrder(studies, async (study) => ({
			roles: study.roles,
			...(await analysisOverview(db, principal, study.slug))
		}))
	};
};

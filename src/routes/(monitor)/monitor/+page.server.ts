import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import { studyProgress } from '$lib/server/studies/sponsor-progress.service';
import { principalOf } from '$lib/server/access/web';
import { mapInOrder } from '$lib/server/db/in-order';

// Progress only: enrolment and read counts. No truth, no efficacy (SEC-1).
export const load: PageServerLoad = async (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = await listMyStudies(db, principal, ['sponsor', 'admin']);
	return {
		studies: await mapInOrder(
			studies,
			async (study) => await studyProgress(db, principal, study.slug)
		)
	};
};

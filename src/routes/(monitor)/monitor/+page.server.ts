import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import { studyProgress } from '$lib/server/studies/sponsor-progress.service';
import { principalOf } from '$lib/server/access/web';

// Progress only: enrolment and read counts. No truth, no efficacy (SEC-1).
export const load: PageServerLoad = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = listMyStudies(db, principal, ['sponsor', 'admin']);
	return { studies: studies.map((study) => studyProgress(db, principal, study.slug)) };
};

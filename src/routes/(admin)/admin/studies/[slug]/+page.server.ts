import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { adminStudyOverview } from '$lib/server/studies/admin-study.service';
import { allocationSummary } from '$lib/server/schedule/schedule-export.service';
import { studyScoringStatus } from '$lib/server/ai/inference-jobs';
import { principalOf, serve } from '$lib/server/access/web';

export const load: PageServerLoad = async (event) =>
	await serve(async () => {
		const db = getDatabase();
		const principal = principalOf(event);
		return {
			...(await adminStudyOverview(db, principal, event.params.slug)),
			allocation: await allocationSummary(db, principal, event.params.slug),
			scoring: await studyScoringStatus(db, principal, event.params.slug)
		};
	});

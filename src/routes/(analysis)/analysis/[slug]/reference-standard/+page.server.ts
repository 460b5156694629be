import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { referenceStandardReport } from '$lib/server/reference-standard/reference-standard-report.service';
import { principalOf, serve } from '$lib/server/access/web';

// The reference standard's progress, agreement, QC and each case's truth provenance (the study's
// admin, statistician and evaluator; the service decides).
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		report: await referenceStandardReport(getDatabase(), principalOf(event), event.params.slug)
	}));

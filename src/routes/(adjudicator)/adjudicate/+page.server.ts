import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { adjudicationQueue } from '$lib/server/reference-standard/adjudication.service';
import { principalOf, serve } from '$lib/server/access/web';

// The adjudicator's queue: disagreements to decide and QC cases to re-check, per study.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({ queue: await adjudicationQueue(getDatabase(), principalOf(event)) }));

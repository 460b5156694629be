import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { adjudicationView } from '$lib/server/reference-standard/adjudication.service';
import { principalOf, serve } from '$lib/server/access/web';

// A case of the adjudicator's queue or QC sample (any other is not found), its annotations
// anonymised.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		view: await adjudicationView(getDatabase(), principalOf(event), Number(event.params.case))
	}));

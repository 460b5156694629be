import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { annotatorWorklist } from '$lib/server/reference-standard/annotation.service';
import { principalOf, serve } from '$lib/server/access/web';

// The annotator's own tasks, per study; nothing of anyone else's.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		worklist: await annotatorWorklist(getDatabase(), principalOf(event))
	}));

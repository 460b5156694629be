import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readingPage } from '$lib/server/reads/reading.service';
import { principalOf, serve } from '$lib/server/access/web';

// Everything the workstation shows for one assignment, or that the study is closed; the service
// decides what a reader may see.
export const load: PageServerLoad = async (event) =>
	await serve(
		async () => await readingPage(getDatabase(), principalOf(event), event.params.assignment)
	);

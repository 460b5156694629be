import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readingView } from '$lib/server/reads/reading.service';
import { principalOf, serve } from '$lib/server/access/web';

// Everything the workstation shows for one assignment; the service decides what a reader may see.
export const load: PageServerLoad = (event) =>
	serve(() => ({ view: readingView(getDatabase(), principalOf(event), event.params.assignment) }));

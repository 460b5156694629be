import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { annotationView } from '$lib/server/reference-standard/annotation.service';
import { principalOf, serve } from '$lib/server/access/web';

// One of the annotator's own tasks (another's is not found): the case's images and their own
// draft or annotation only.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		view: await annotationView(getDatabase(), principalOf(event), Number(event.params.task))
	}));

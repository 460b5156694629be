import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { saveAnnotationDraft } from '$lib/server/reference-standard/annotation.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';

// Autosave of the annotator's work in progress on one of their own tasks.
export const PUT: RequestHandler = (event) =>
	serveJson(async () => {
		await saveAnnotationDraft(
			getDatabase(),
			principalOf(event),
			Number(event.params.task),
			await readJsonBody(event.request)
		);
		return new Response(null, { status: 204 });
	});

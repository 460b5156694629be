import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { saveDraft } from '$lib/server/reads/reading.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';

// Autosave of the reader's work in progress on one assignment.
export const PUT: RequestHandler = (event) =>
	serveJson(async () => {
		saveDraft(
			getDatabase(),
			principalOf(event),
			event.params.assignment,
			await readJsonBody(event.request)
		);
		return new Response(null, { status: 204 });
	});

import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { saveDraft } from '$lib/server/reads/reading.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';
import { primeAssignmentHeaders } from '$lib/server/images/image-headers';
import { imageStore } from '$lib/server/images/image-stores';

// Autosave of the reader's work in progress on one assignment.
export const PUT: RequestHandler = (event) =>
	serveJson(async () => {
		const db = getDatabase();
		// The marks are checked against the images' headers: read them first from a remote store.
		await primeAssignmentHeaders(db, imageStore(), principalOf(event), event.params.assignment);
		await saveDraft(
			db,
			principalOf(event),
			event.params.assignment,
			await readJsonBody(event.request)
		);
		return new Response(null, { status: 204 });
	});

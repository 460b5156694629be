import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { submitAnnotation } from '$lib/server/reference-standard/annotation.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';

// The annotator's annotation of one of their own tasks; a repeated client id gets the stored result.
export const POST: RequestHandler = (event) =>
	serveJson(async () =>
		json(
			await submitAnnotation(
				getDatabase(),
				principalOf(event),
				Number(event.params.task),
				await readJsonBody(event.request)
			)
		)
	);

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { decideCase } from '$lib/server/reference-standard/adjudication.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';

// The adjudicator's final decision on a case of their queue, with the reason.
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		const caseRef = Number(event.params.case);
		await decideCase(getDatabase(), principalOf(event), caseRef, await readJsonBody(event.request));
		return json({ caseRef });
	});

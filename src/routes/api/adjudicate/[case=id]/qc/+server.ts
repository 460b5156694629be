import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { recordQcCheck } from '$lib/server/reference-standard/adjudication.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';

// The adjudicator's QC re-check of a consensus case: confirmed, or corrected with a note.
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		const caseRef = Number(event.params.case);
		await recordQcCheck(
			getDatabase(),
			principalOf(event),
			caseRef,
			await readJsonBody(event.request)
		);
		return json({ caseRef });
	});

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { submitRead } from '$lib/server/reads/read.service';
import { noteRefusal, principalOf, readJsonBody, serveJson } from '$lib/server/access/web';
import type { ReadSubmission } from '$lib/domain/read.schema';
import { primeAssignmentHeaders } from '$lib/server/images/image-headers';
import { imageStore } from '$lib/server/images/image-stores';
import { match as isAssignmentId } from '../../../params/assignment';

// Submit a read. The service checks ownership, the session (washout), the rating scale and
// idempotency; this route only translates. 201 for a new read, 200 for a recognised retry.
// `?shown=<assignment>`: the workstation's next case, shown as this read was handed over; its
// first serve is stamped in the read's transaction, as POST /api/read/<assignment>/shown would,
// and `shown: true` says it was dealt with (stamped, or refused: nothing for the reader to do).
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		const body = (await readJsonBody(event.request)) as ReadSubmission;
		// The marks are checked against the images' headers: read them first from a remote store.
		await primeAssignmentHeaders(getDatabase(), imageStore(), principalOf(event), body?.assignment);
		const shown = event.url.searchParams.get('shown');
		const result = await submitRead(getDatabase(), principalOf(event), body, new Date(), {
			...(shown !== null && isAssignmentId(shown) ? { shown } : {})
		});
		if (result.shownRefusal) noteRefusal(result.shownRefusal);
		return json(
			{
				readId: result.readId,
				submittedAt: result.submittedAt.toISOString(),
				...(shown === null ? {} : { shown: true })
			},
			{ status: result.created ? 201 : 200 }
		);
	});

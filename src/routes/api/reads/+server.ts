import { json, type RequestEvent } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { submitRead } from '$lib/server/reads/read.service';
import { caseShown } from '$lib/server/reads/reading.service';
import { noteRefusal, principalOf, readJsonBody, serveJson } from '$lib/server/access/web';
import { ServiceError } from '$lib/server/errors';
import { logFor } from '$lib/server/logger';
import type { ReadSubmission } from '$lib/domain/read.schema';
import { primeAssignmentHeaders } from '$lib/server/images/image-headers';
import { imageStore } from '$lib/server/images/image-stores';
import { match as isAssignmentId } from '../../../params/assignment';

const log = logFor('reads');

// Submit a read. The service checks ownership, the session (washout), the rating scale and
// idempotency; this route only translates. 201 for a new read, 200 for a recognised retry.
// `?shown=<assignment>`: the workstation's next case, shown as this read was handed over; its
// first serve is stamped after the read is stored, as POST /api/read/<assignment>/shown does, and
// `shown: true` says it was dealt with (stamped, or refused for good: nothing for the reader to
// do); false sends the workstation's outbox back to that route.
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		const body = (await readJsonBody(event.request)) as ReadSubmission;
		// The marks are checked against the images' headers: read them first from a remote store.
		await primeAssignmentHeaders(getDatabase(), imageStore(), principalOf(event), body?.assignment);
		const result = await submitRead(getDatabase(), principalOf(event), body);
		const shown = event.url.searchParams.get('shown');
		return json(
			{
				readId: result.readId,
				submittedAt: result.submittedAt.toISOString(),
				...(shown === null ? {} : { shown: await stampShown(event, shown) })
			},
			{ status: result.created ? 201 : 200 }
		);
	});

async function stampShown(event: RequestEvent, assignment: string): Promise<boolean> {
	if (!isAssignmentId(assignment)) return true;
	try {
		await caseShown(getDatabase(), principalOf(event), assignment);
		return true;
	} catch (caught) {
		if (caught instanceof ServiceError) {
			noteRefusal(caught);
			return true;
		}
		log.warn({ err: caught }, 'the case shown with a read could not be stamped; sent again alone');
		return false;
	}
}

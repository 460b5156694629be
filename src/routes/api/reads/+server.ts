import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { submitRead } from '$lib/server/reads/read.service';
import { principalOf, readJsonBody, serveJson } from '$lib/server/access/web';
import type { ReadSubmission } from '$lib/domain/read.schema';
import { primeAssignmentHeaders } from '$lib/server/images/image-headers';
import { imageStore } from '$lib/server/images/image-stores';

// Submit a read. The service checks ownership, the session (washout), the rating scale and
// idempotency; this route only translates. 201 for a new read, 200 for a recognised retry.
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		const body = (await readJsonBody(event.request)) as ReadSubmission;
		// The marks are checked against the images' headers: read them first from a remote store.
		await primeAssignmentHeaders(getDatabase(), imageStore(), principalOf(event), body?.assignment);
		const result = await submitRead(getDatabase(), principalOf(event), body);
		return json(
			{ readId: result.readId, submittedAt: result.submittedAt.toISOString() },
			{ status: result.created ? 201 : 200 }
		);
	});

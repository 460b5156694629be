import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { submitRead, SessionClosed } from '$lib/server/reads/read.service';
import { principalOf } from '$lib/server/access/web';
import { ServiceError } from '$lib/server/errors';

// Submit a read. The service checks ownership, the session (washout), the rating scale and
// idempotency; this route only translates. 201 for a new read, 200 for a recognised retry.
export const POST: RequestHandler = async (event) => {
	const principal = principalOf(event);
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ message: 'The body must be JSON.' }, { status: 400 });
	}
	try {
		const result = submitRead(getDatabase(), principal, body as never);
		return json({ readId: result.readId, submittedAt: result.submittedAt.toISOString() }, { status: result.created ? 201 : 200 });
	} catch (error) {
		if (error instanceof SessionClosed) return json({ message: error.message, opensAt: error.opensAt?.toISOString() ?? null }, { status: 409 });
		if (error instanceof ServiceError) return json({ message: error.message }, { status: error.status });
		throw error;
	}
};

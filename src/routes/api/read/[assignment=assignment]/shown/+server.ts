import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { caseShown } from '$lib/server/reads/reading.service';
import { principalOf, serveJson } from '$lib/server/access/web';

// The workstation showed a case whose view it had fetched ahead: its first serve is stamped now.
export const POST: RequestHandler = (event) =>
	serveJson(async () => {
		await caseShown(getDatabase(), principalOf(event), event.params.assignment);
		return new Response(null, { status: 204 });
	});

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readingView } from '$lib/server/reads/reading.service';
import { principalOf, serveJson } from '$lib/server/access/web';

// The next case's view, fetched while the reader reads the one before: the same view (and the same
// refusals) as the workstation's page, without stamping it served — the workstation says when it
// shows it (../shown). Never cached: it carries the reader's draft.
export const GET: RequestHandler = (event) =>
	serveJson(async () => {
		const { assignment } = event.params;
		const options = { record: false };
		const view = await readingView(
			getDatabase(),
			principalOf(event),
			assignment,
			new Date(),
			options
		);
		return json(view, { headers: { 'cache-control': 'no-store' } });
	});

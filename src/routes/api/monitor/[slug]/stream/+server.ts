import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { dashboardStream } from '$lib/server/monitor/dashboard-stream';
import { principalOf, serve } from '$lib/server/access/web';

// Server-sent events: the dashboard snapshot, again whenever the study changes (sponsor or admin).
export const GET: RequestHandler = async (event) => {
	const stream = await serve(
		async () => await dashboardStream(getDatabase(), principalOf(event), event.params.slug)
	);
	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive'
		}
	});
};

import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { dashboardSnapshot } from '$lib/server/monitor/dashboard.service';
import { onStudyChanged, studyVersion } from '$lib/server/monitor/study-events';
import { principalOf, serve } from '$lib/server/access/web';
import { requireStudyBySlug } from '$lib/server/access/access';

const POLL_MS = 5_000; // catches changes made by other processes (the CLI)
const DEBOUNCE_MS = 300;
const HEARTBEAT_MS = 15_000;

// Server-sent events: the dashboard snapshot, again whenever the study changes. The snapshot
// service checks the caller's role (sponsor or admin) on every send.
export const GET: RequestHandler = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const first = serve(() => dashboardSnapshot(db, principal, event.params.slug));
	const study = serve(() => requireStudyBySlug(db, event.params.slug));
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let version = studyVersion(db, study.id);
			let pending: ReturnType<typeof setTimeout> | undefined;
			const write = (text: string) => controller.enqueue(encoder.encode(text));
			const send = () => {
				pending = undefined;
				try {
					version = studyVersion(db, study.id);
					write(`event: snapshot\ndata: ${JSON.stringify(dashboardSnapshot(db, principal, event.params.slug))}\n\n`);
				} catch {
					cleanup();
					controller.close();
				}
			};
			const soon = () => (pending ??= setTimeout(send, DEBOUNCE_MS));
			write(`event: snapshot\ndata: ${JSON.stringify(first)}\n\n`);
			const unsubscribe = onStudyChanged(study.id, soon);
			const poll = setInterval(() => (studyVersion(db, study.id) !== version ? soon() : undefined), POLL_MS);
			const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
			cleanup = () => {
				unsubscribe();
				clearInterval(poll);
				clearInterval(heartbeat);
				if (pending) clearTimeout(pending);
			};
		},
		cancel() {
			cleanup();
		}
	});
	return new Response(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' } });
};

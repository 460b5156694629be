// The sponsor's dashboard as server-sent events: the snapshot, again whenever the study changes
// (at once for a change made in this process, by polling for one made by another, e.g. the CLI),
// and a heartbeat comment to keep the connection open. The snapshot service checks the caller's
// role (sponsor or admin) on every send; when it refuses, the stream ends. It ends too when the
// server starts shutting down, so that it does not hold the shutdown up: the browser's EventSource
// connects again, to a server that is up.
import type { Db } from '../db/client';
import type { Principal } from '../access/principal';
import { requireStudyBySlug } from '../access/access';
import { dashboardSnapshot } from './dashboard.service';
import { onStudyChanged, studyVersion } from './study-events';
import { onDrain } from '../ops/server-state';

export const DASHBOARD_STREAM_TIMING = {
	/** Catches changes made by other processes (the CLI). */
	pollMs: 5_000,
	/** Changes close together are sent as one snapshot. */
	debounceMs: 300,
	heartbeatMs: 15_000
};

/** The event stream for one study's dashboard. Access is checked before it starts (a ServiceError). */
export async function dashboardStream(
	db: Db,
	principal: Principal,
	slug: string
): Promise<ReadableStream<Uint8Array>> {
	const first = await dashboardSnapshot(db, principal, slug);
	const study = await requireStudyBySlug(db, slug);
	// Read before the stream starts, so that it starts at once: the first snapshot sent and the
	// listeners set up before anything else can happen (on PostgreSQL a query waits for the server).
	let version = await studyVersion(db, study.id);
	const encoder = new TextEncoder();
	let cleanup = () => {};
	/** Ended by the server or cancelled by the browser: nothing more is written. */
	let closed = false;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let pending: ReturnType<typeof setTimeout> | undefined;
			/** The snapshots under way, one after the other: a slower older one never lands last. */
			let sending = Promise.resolve();
			const write = (text: string) => controller.enqueue(encoder.encode(text));
			const send = () => {
				pending = undefined;
				sending = sending.then(sendNow);
			};
			const sendNow = async () => {
				if (closed) return;
				try {
					version = await studyVersion(db, study.id);
					write(
						`event: snapshot\ndata: ${JSON.stringify(await dashboardSnapshot(db, principal, slug))}\n\n`
					);
				} catch {
					end();
				}
			};
			const end = () => {
				if (closed) return;
				closed = true;
				cleanup();
				controller.close();
			};
			const soon = () => (pending ??= setTimeout(send, DASHBOARD_STREAM_TIMING.debounceMs));
			write(`event: snapshot\ndata: ${JSON.stringify(first)}\n\n`);
			const unsubscribe = onStudyChanged(study.id, soon);
			const drainWatch = { stop: () => {} };
			const poll = setInterval(
				() =>
					void studyVersion(db, study.id).then(
						(now) => (now !== version ? soon() : undefined),
						() => end()
					),
				DASHBOARD_STREAM_TIMING.pollMs
			);
			const heartbeat = setInterval(
				() => write(': keep-alive\n\n'),
				DASHBOARD_STREAM_TIMING.heartbeatMs
			);
			cleanup = () => {
				unsubscribe();
				drainWatch.stop();
				clearInterval(poll);
				clearInterval(heartbeat);
				if (pending) clearTimeout(pending);
			};
			// Last, so that a stream opened while draining is ended at once, with nothing left behind.
			drainWatch.stop = onDrain(end);
		},
		cancel() {
			closed = true;
			cleanup();
		}
	});
}

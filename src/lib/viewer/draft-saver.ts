// Autosave of the read in progress: at most one save per `delayMs` while the reader works (so a
// crash loses about a second), an immediate one when the tab is hidden or the page goes away
// (keepalive, so it outlives the page), and none once the read is submitted. Identical drafts are
// not sent twice. The transport and the timers are injected, so this is tested without a browser.

export interface DraftSaverOptions<Draft> {
	delayMs: number;
	snapshot: () => Draft;
	send: (body: string, keepalive: boolean) => Promise<unknown>;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	onError?: (error: unknown) => void;
}

export interface DraftSaver {
	/** Something changed: save within `delayMs`. */
	changed(): void;
	/** Save now if anything is unsaved (keepalive when the page is going away). */
	flush(keepalive?: boolean): Promise<void>;
	/** The read was submitted or the case left: cancel what is scheduled and save nothing more. */
	close(): void;
}

export function createDraftSaver<Draft>(options: DraftSaverOptions<Draft>): DraftSaver {
	const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
	const clearTimer =
		options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
	let timer: unknown = null;
	let lastSent: string | null = null;
	let closed = false;
	let inFlight: Promise<unknown> = Promise.resolve();

	async function flush(keepalive = false): Promise<void> {
		if (timer !== null) clearTimer(timer);
		timer = null;
		if (closed) return;
		const body = JSON.stringify(options.snapshot());
		if (body === lastSent) return;
		lastSent = body;
		// Saves go out in order; a keepalive save does not wait for the one before it.
		const previous = keepalive ? Promise.resolve() : inFlight;
		inFlight = previous
			.then(() => options.send(body, keepalive))
			.catch((error: unknown) => {
				if (lastSent === body) lastSent = null; // try again with the next save
				options.onError?.(error);
			});
		await inFlight;
	}

	return {
		changed() {
			if (closed || timer !== null) return;
			timer = setTimer(() => void flush(false), options.delayMs);
		},
		flush,
		close() {
			if (timer !== null) clearTimer(timer);
			timer = null;
			closed = true;
		}
	};
}

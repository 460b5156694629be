// The signed-in reader's outbox in the browser: IndexedDB behind it, sent over fetch with a timeout,
// one flusher across the reader's tabs (Web Locks), the others told of each change (a broadcast
// channel), retried at once when the browser is back online. The workstation and the worklist show
// its state; read-outbox.ts holds the rules.
import { indexedDbStore } from './outbox-store';
import {
	memoryStore,
	ReadOutbox,
	resultOfStatus,
	retryAfterMs,
	type OutboxEntry,
	type SendResult
} from './read-outbox';
import { m } from '$lib/paraglide/messages';

const REQUEST_TIMEOUT_MS = 15_000;

export class ReaderOutbox {
	/** Reads waiting to be sent (not refused). */
	pending = $state.raw<OutboxEntry[]>([]);
	refused = $state.raw<OutboxEntry[]>([]);
	/** The entries have been read from storage once. */
	loaded = $state(false);
	/** Why the last attempt failed, while retrying. */
	problem = $state<string | null>(null);
	/** The store answered once (IndexedDB opened and read): a read may be kept without waiting. */
	usable = false;
	/** Reads being written to the store (keepRead): counted as waiting from the start. */
	writing = $state.raw<string[]>([]);
	/** Reads waiting to be sent, those still being written included. */
	waitingCount = $derived(
		this.pending.length +
			this.writing.filter((assignment) => !this.pending.some((e) => e.assignment === assignment))
				.length
	);
	readonly outbox: ReadOutbox;

	constructor(user: string) {
		const channel =
			typeof BroadcastChannel === 'undefined'
				? null
				: new BroadcastChannel(`tandem-outbox:${user}`);
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		this.outbox = new ReadOutbox({
			store: typeof indexedDB === 'undefined' ? memoryStore() : indexedDbStore(user),
			send,
			exclusive: locks
				? (work) => locks.request(`tandem-outbox:${user}`, () => work())
				: (work) => work(),
			changed: () => channel?.postMessage('changed')
		});
		this.outbox.subscribe(() => {
			this.pending = this.outbox.pendingReads;
			this.refused = this.outbox.refusedReads;
			this.problem = this.outbox.lastProblem;
			this.loaded = true;
		});
		if (channel) channel.onmessage = () => void this.outbox.refresh();
		if (typeof window !== 'undefined')
			window.addEventListener('online', () => this.outbox.retryNow());
		void this.outbox.refresh().then(
			() => {
				this.usable = true;
				return this.outbox.flush();
			},
			() => {}
		);
	}

	/**
	 * Keeps a read without the caller waiting for the store: it counts as waiting to be sent from
	 * this moment (the reader, and a test, never see a read handed over as neither written nor sent).
	 */
	async keepRead(assignment: string, body: unknown): Promise<void> {
		this.writing = [...this.writing, assignment];
		try {
			await this.outbox.enqueue('read', assignment, body, { send: false });
		} finally {
			this.writing = this.writing.filter((each) => each !== assignment);
		}
	}

	readOf(assignment: string): OutboxEntry | undefined {
		return [...this.pending, ...this.refused].find((entry) => entry.assignment === assignment);
	}
}

let current: { user: string; outbox: ReaderOutbox } | null = null;

/** The outbox of the signed-in reader (one per user and page). */
export function readerOutbox(user: string): ReaderOutbox {
	if (current?.user !== user) current = { user, outbox: new ReaderOutbox(user) };
	return current.outbox;
}

async function send(entry: OutboxEntry, shown?: OutboxEntry): Promise<SendResult> {
	const read = entry.kind === 'read';
	// A read carries the case shown after it (?shown=): the server stamps both in one request.
	const readUrl = shown ? `/api/reads?shown=${encodeURIComponent(shown.assignment)}` : '/api/reads';
	let response: Response;
	try {
		response = await fetch(read ? readUrl : `/api/read/${entry.assignment}/shown`, {
			method: 'POST',
			body: read ? JSON.stringify(entry.body) : null,
			headers: read ? { 'content-type': 'application/json' } : {},
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
		});
	} catch {
		return { kind: 'retry', reason: m.outbox_unreachable() };
	}
	const answer = (await response.json().catch(() => ({}))) as { message?: string; shown?: boolean };
	if (response.ok) return { kind: 'stored', shown: answer.shown === true };
	// A busy server (503) says when to come back: the entry waits at least that long.
	return resultOfStatus(
		response.status,
		answer.message ?? m.read_not_accepted({ status: response.status }),
		retryAfterMs(response.headers.get('retry-after'))
	);
}

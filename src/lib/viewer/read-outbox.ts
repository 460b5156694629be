// The reader's outbox: what the workstation has handed over but the server has not yet confirmed —
// submitted reads, and that a case fetched ahead was shown (its first serve). Entries are sent one
// at a time in the order they were made (a read never overtakes the one before it), retried with a
// doubling backoff while the server cannot be reached or is busy (a 503 that sheds load: no sooner
// than its Retry-After), and removed once the server has
// them (201 new, 200 a recognised retry of the same client id: stored once however often sent). A
// refusal the server means (another 4xx) is kept, marked, for the reader to see — never retried
// forever, never dropped unseen. Storage, transport, timers and the cross-tab lock are injected, so
// this is tested without a browser (outbox-store.ts is the IndexedDB side). A read is sent with
// the `shown` made after it (the next case, shown as the read was handed over): one request for
// both; a `shown` the server did not stamp with the read is sent alone, as before.

export type OutboxKind = 'read' | 'shown';

export interface OutboxEntry {
	/** Order of making: entries are sent in this order. */
	seq: number;
	kind: OutboxKind;
	assignment: string;
	/** A read's exact submission (its clientId included); null for `shown`. */
	body: unknown;
	madeAt: number;
	/** The server's refusal, once refused (a read only: a refused `shown` is dropped). */
	refused: { status: number; message: string } | null;
}

export type NewEntry = Omit<OutboxEntry, 'seq' | 'refused'>;

export interface OutboxStore {
	/** Every entry, oldest first. */
	all(): Promise<OutboxEntry[]>;
	add(entry: NewEntry): Promise<OutboxEntry>;
	put(entry: OutboxEntry): Promise<void>;
	delete(seq: number): Promise<void>;
}

/** What one attempt to send an entry came to. */
export type SendResult =
	/** `shown`: the `shown` sent with the read was stamped too. */
	| { kind: 'stored'; shown?: boolean }
	| { kind: 'refused'; status: number; message: string }
	/** `afterMs`: the server asked to be tried again no sooner (Retry-After). */
	| { kind: 'retry'; reason: string; afterMs?: number };

export interface OutboxOptions {
	store: OutboxStore;
	/** Sends one entry; a read, with the `shown` that follows it when there is one. */
	send: (entry: OutboxEntry, shown?: OutboxEntry) => Promise<SendResult>;
	/** Runs `work` while no other tab's flusher runs (Web Locks); by default at once. */
	exclusive?: (work: () => Promise<void>) => Promise<void>;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	now?: () => number;
	/** The entries changed (sent, refused, added): other tabs may be told. */
	changed?: () => void;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

/** The wait before the next attempt after `failures` failed ones in a row: 0.5 s doubling to 30 s. */
export function retryDelayMs(failures: number): number {
	if (failures < 1) return 0;
	return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
}

/** Whether an HTTP status (0: no answer) is worth trying again: a timeout, too busy, a server error. */
export function retryable(status: number): boolean {
	return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * An HTTP answer as the outbox takes it: 2xx stored; no answer (0), a timeout (408), too many
 * requests (429) or a server error (5xx, a busy server's 503 among them) is tried again, no sooner
 * than `afterMs` when the server said so; any other 4xx is the server's refusal.
 */
export function resultOfStatus(status: number, message: string, afterMs?: number): SendResult {
	if (status >= 200 && status < 300) return { kind: 'stored' };
	if (retryable(status))
		return afterMs === undefined
			? { kind: 'retry', reason: message }
			: { kind: 'retry', reason: message, afterMs };
	return { kind: 'refused', status, message };
}

/** A Retry-After header (seconds, or an HTTP date) in ms from `now`, at most 30 s; else undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
	if (header === null || header.trim() === '') return undefined;
	const text = header.trim();
	const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
	return Number.isFinite(ms) ? Math.min(LONGEST_RETRY_MS, Math.max(0, ms)) : undefined;
}

/** The wait before trying again after `failures` failed attempts, the server's Retry-After first. */
export function waitBeforeRetry(failures: number, afterMs: number | undefined): number {
	return Math.max(retryDelayMs(failures), afterMs ?? 0);
}

/**
 * Sends once, and again while the answer says to try again (no answer, a timeout, a busy or failing
 * server), waiting as the outbox does: at most `attempts` times; the last answer. The caller sends
 * the same request each time (a read keeps its client id: the server stores it once).
 */
export async function sendWithRetry(
	send: () => Promise<SendResult>,
	options: { attempts?: number; wait?: (ms: number) => Promise<void> } = {}
): Promise<SendResult> {
	const attempts = options.attempts ?? 5;
	const wait = options.wait ?? ((ms) => new Promise<void>((done) => setTimeout(done, ms)));
	let result: SendResult = { kind: 'retry', reason: 'not sent' };
	for (let attempt = 1; attempt <= attempts; attempt += 1) {
		result = await send().catch((error: unknown): SendResult => ({
			kind: 'retry',
			reason: error instanceof Error ? error.message : String(error)
		}));
		if (result.kind !== 'retry' || attempt === attempts) return result;
		await wait(waitBeforeRetry(attempt, result.afterMs));
	}
	return result;
}

/** How a read handed over ended: the server has it, or refused it (with its message). */
export type ReadOutcome = { stored: true } | { stored: false; status: number; message: string };

export class ReadOutbox {
	/** Every entry as last seen, oldest first. */
	entries: OutboxEntry[] = [];
	/** Consecutive failed attempts (the backoff); 0 once an attempt reached the server. */
	failures = 0;
	/** Why the last attempt failed, while retrying. */
	lastProblem: string | null = null;
	private timer: unknown = null;
	private running: Promise<void> | null = null;
	private again = false;
	private readonly listeners = new Set<() => void>();
	private readonly waiting = new Map<string, Array<(outcome: ReadOutcome) => void>>();
	private readonly options: Required<Omit<OutboxOptions, 'changed'>> & { changed?: () => void };

	constructor(options: OutboxOptions) {
		this.options = {
			exclusive: (work) => work(),
			setTimer: (callback, ms) => setTimeout(callback, ms),
			clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
			now: () => Date.now(),
			...options
		};
	}

	/** Reads not yet confirmed by the server (not refused). */
	get pendingReads(): OutboxEntry[] {
		return this.entries.filter((entry) => entry.kind === 'read' && entry.refused === null);
	}

	get refusedReads(): OutboxEntry[] {
		return this.entries.filter((entry) => entry.kind === 'read' && entry.refused !== null);
	}

	/** The read of this assignment still in the outbox, pending or refused. */
	readOf(assignment: string): OutboxEntry | undefined {
		return this.entries.find((entry) => entry.kind === 'read' && entry.assignment === assignment);
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Keeps an entry (durably, before anything is sent), then sends what is waiting — unless `send`
	 * is false: the caller flushes once the screen is drawn, so the sending does not compete with it.
	 */
	async enqueue(
		kind: OutboxKind,
		assignment: string,
		body: unknown = null,
		{ send = true } = {}
	): Promise<void> {
		const made = await this.options.store.add({
			kind,
			assignment,
			body,
			madeAt: this.options.now()
		});
		this.entries = [...this.entries, made];
		this.changedHere();
		this.options.changed?.();
		if (send) void this.flush();
	}

	/** Settles when the read of this assignment is stored or refused (at once if it is not here). */
	outcomeOf(assignment: string): Promise<ReadOutcome> {
		return new Promise((resolve) => {
			const list = this.waiting.get(assignment) ?? [];
			list.push(resolve);
			this.waiting.set(assignment, list);
			this.settleWaiting();
		});
	}

	/** Settles once nothing is waiting to be sent (refused reads do not count: the reader sees them). */
	drained(): Promise<void> {
		return new Promise((resolve) => {
			const check = () => {
				if (this.entries.some((entry) => entry.refused === null)) return;
				unsubscribe();
				resolve();
			};
			const unsubscribe = this.subscribe(check);
			check();
		});
	}

	/** The reader has seen a refused read (and reopens its case): it leaves the outbox. */
	async dismiss(seq: number): Promise<void> {
		await this.options.store.delete(seq);
		await this.refresh();
		this.options.changed?.();
	}

	/** Reloads the entries (another tab changed them, or at start). */
	async refresh(): Promise<void> {
		this.entries = await this.options.store.all();
		this.changedHere();
	}

	private changedHere(): void {
		this.settleWaiting();
		for (const listener of this.listeners) listener();
	}

	/** The network came back: try at once rather than at the end of the backoff. */
	retryNow(): void {
		if (this.timer !== null) this.options.clearTimer(this.timer);
		this.timer = null;
		void this.flush();
	}

	/**
	 * Sends waiting entries in order until none is left or one fails (then retries after the
	 * backoff; asked again meanwhile, it waits for that).
	 */
	flush(): Promise<void> {
		if (this.timer !== null) return Promise.resolve();
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			do {
				this.again = false;
				await this.options.exclusive(() => this.sendAll());
			} while (this.again && this.timer === null);
		})().finally(() => (this.running = null));
		return this.running;
	}

	private async sendAll(): Promise<void> {
		for (;;) {
			await this.refresh();
			const entry = this.entries.find((each) => each.refused === null);
			if (!entry) {
				this.failures = 0;
				this.lastProblem = null;
				return;
			}
			const shown = this.shownAfter(entry);
			const result = await this.options.send(entry, shown).catch((error: unknown): SendResult => ({
				kind: 'retry',
				reason: error instanceof Error ? error.message : String(error)
			}));
			if (result.kind === 'retry') {
				this.failures += 1;
				this.lastProblem = result.reason;
				this.scheduleRetry(result.afterMs);
				await this.refresh();
				return;
			}
			this.failures = 0;
			this.lastProblem = null;
			if (result.kind === 'stored' || entry.kind === 'shown') {
				await this.options.store.delete(entry.seq);
				if (shown && result.kind === 'stored' && result.shown === true)
					await this.options.store.delete(shown.seq);
			} else
				await this.options.store.put({
					...entry,
					refused: { status: result.status, message: result.message }
				});
			this.options.changed?.();
		}
	}

	/** For a read: the `shown` waiting right after it (the case shown as it was handed over). */
	private shownAfter(entry: OutboxEntry): OutboxEntry | undefined {
		if (entry.kind !== 'read') return undefined;
		const after = this.entries[this.entries.indexOf(entry) + 1];
		return after?.kind === 'shown' && after.refused === null ? after : undefined;
	}

	private scheduleRetry(afterMs?: number): void {
		if (this.timer !== null) this.options.clearTimer(this.timer);
		this.timer = this.options.setTimer(
			() => {
				this.timer = null;
				void this.flush();
			},
			waitBeforeRetry(this.failures, afterMs)
		);
	}

	private settleWaiting(): void {
		for (const [assignment, list] of this.waiting) {
			const entry = this.readOf(assignment);
			if (entry && entry.refused === null) continue;
			const outcome: ReadOutcome = entry?.refused
				? { stored: false, ...entry.refused }
				: { stored: true };
			this.waiting.delete(assignment);
			for (const resolve of list) resolve(outcome);
		}
	}
}

/** An outbox store in memory (tests; a browser without IndexedDB keeps the outbox for the page's life). */
export function memoryStore(): OutboxStore {
	const entries = new Map<number, OutboxEntry>();
	let seq = 0;
	return {
		all: async () => [...entries.values()].sort((a, b) => a.seq - b.seq).map((e) => ({ ...e })),
		add: async (entry) => {
			const made = { ...entry, seq: ++seq, refused: null };
			entries.set(made.seq, made);
			return { ...made };
		},
		put: async (entry) => void entries.set(entry.seq, { ...entry }),
		delete: async (key) => void entries.delete(key)
	};
}

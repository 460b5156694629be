// One simulated reader of the read-load benchmark: an HTTP client (no browser) making, per case, the
// requests the workstation makes (src/lib/components/reading/reading-workstation.svelte,
// src/lib/viewer/next-case.svelte.ts, read-case.svelte.ts, reader-outbox.svelte.ts):
//   once the case on the screen is drawn, the next case's images and its view, fetched ahead
//   (GET /api/read/<next>/images/<n>, GET /api/read/<next>/view);
//   while the reader reads, an autosave of the draft (PUT /api/read/<case>/draft);
//   on submit, the read (POST /api/reads, its client id read-<assignment>) with the next case it
//   showed (?shown=<next>), from the outbox once the next case is drawn (POST
//   /api/read/<next>/shown only if the server did not stamp it with the read);
//   at a session's end (no next case), the page of the reader's next case (GET /read/next?study=…,
//   then its page data /read/<id>/__data.json and its images).
// A 503 is retried after its Retry-After (as the outbox does), and counted.
import { unflatten } from 'devalue';

export interface ReaderView {
	assignment: string;
	study: { slug: string };
	images: string[];
	next: { assignment: string; images: string[] } | null;
}

/** What every reader adds to, for one phase of the benchmark. */
export class LoadTally {
	/** Per read: from the first attempt of its POST /api/reads to the server's 201/200. */
	submitMs: number[] = [];
	/** Per read: the time the cycle spent waiting on the server (its think time taken out). */
	cycleMs: number[] = [];
	reads = 0;
	/** The client ids of the reads the server said it stored (2xx). */
	readonly acknowledged: string[] = [];
	/** Answers other than 2xx and 503 (and requests that got no answer). */
	errors = 0;
	unavailable = 0;
	readonly problems = new Map<string, number>();

	problem(text: string): void {
		this.errors += 1;
		this.problems.set(text, (this.problems.get(text) ?? 0) + 1);
	}
}

export interface ReaderOptions {
	base: string;
	origin: string;
	cookie: string;
	/** Think time of one case, ms (already scaled); 0 flat out. */
	thinkMs: () => number;
	/** Stop starting new cases once this returns true. */
	stopping: () => boolean;
}

const MAX_ATTEMPTS = 20;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The response with its body read in full: an answer cut off mid-body (the server killed while
 * sending it) is no answer, retried like a refused connection, not a failure of the caller's read.
 */
async function wholeResponse(response: Response): Promise<Response> {
	const body = await response.arrayBuffer();
	return new Response(NULL_BODY.has(response.status) ? null : body, {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}

export class SimulatedReader {
	view: ReaderView | null = null;

	constructor(
		readonly email: string,
		private readonly options: ReaderOptions
	) {}

	/** One request, retried on 503 (after Retry-After) or no answer; the final response. */
	private async request(
		tally: LoadTally,
		path: string,
		init: { method?: string; body?: string; redirect?: RequestRedirect } = {}
	): Promise<Response | null> {
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
			let response: Response;
			try {
				response = await wholeResponse(
					await fetch(`${this.options.base}${path}`, {
						method: init.method ?? 'GET',
						body: init.body,
						redirect: init.redirect ?? 'follow',
						headers: {
							Cookie: this.options.cookie,
							Origin: this.options.origin,
							...(init.body ? { 'Content-Type': 'application/json' } : {})
						}
					})
				);
			} catch (error) {
				tally.problem(`no answer: ${(error as Error).cause ?? (error as Error).message}`);
				await sleep(Math.min(30_000, 500 * 2 ** (attempt - 1)));
				continue;
			}
			if (response.status !== 503) return response;
			await response.arrayBuffer();
			tally.unavailable += 1;
			const after = Number(response.headers.get('retry-after') ?? '1');
			await sleep(Math.max(0.1, Number.isFinite(after) ? after : 1) * 1000);
		}
		return null;
	}

	private async expect(
		tally: LoadTally,
		label: string,
		path: string,
		init: { method?: string; body?: string } = {}
	): Promise<Response | null> {
		const response = await this.request(tally, path, init);
		if (!response) {
			tally.problem(`${label}: gave up`);
			return null;
		}
		if (!response.ok) {
			tally.problem(`${label}: ${response.status} ${(await response.text()).slice(0, 120)}`);
			return null;
		}
		return response;
	}

	/** Opens the reader's next case as a page: /read/next redirects to it, then its page data. */
	async openPage(tally: LoadTally, slug: string): Promise<boolean> {
		const next = await this.request(tally, `/read/next?study=${encodeURIComponent(slug)}`, {
			redirect: 'manual'
		});
		const location = next?.headers.get('location') ?? '';
		await next?.arrayBuffer();
		const id = /^\/read\/([a-z2-7]{26})$/.exec(location)?.[1];
		if (!id) {
			this.view = null;
			return false;
		}
		const data = await this.expect(
			tally,
			'page data',
			`/read/${id}/__data.json?x-sveltekit-invalidated=01`
		);
		if (!data) return false;
		this.view = pageView((await data.json()) as DataResponse);
		if (!this.view) return false;
		await Promise.all(this.view.images.map((url) => this.image(tally, url)));
		return true;
	}

	private async image(tally: LoadTally, url: string): Promise<void> {
		const response = await this.expect(tally, 'image', url);
		await response?.arrayBuffer();
	}

	/** Reads the case on the screen and moves on; false when there is nothing left to read. */
	async readOneCase(tally: LoadTally): Promise<boolean> {
		const current = this.view;
		if (!current) return false;
		const started = performance.now();
		let thought = 0;
		const think = async (ms: number) => {
			const begun = performance.now();
			await sleep(ms);
			thought += performance.now() - begun;
		};
		// Drawn: the next case's images and view are fetched ahead.
		const next = current.next;
		let nextView: ReaderView | null = null;
		if (next) {
			const [viewResponse] = await Promise.all([
				this.expect(tally, 'view', `/api/read/${next.assignment}/view`),
				...next.images.map((url) => this.image(tally, url))
			]);
			nextView = viewResponse ? ((await viewResponse.json()) as ReaderView) : null;
		}
		const thinking = this.options.thinkMs();
		await think(thinking / 2);
		const draft = await this.expect(tally, 'draft', `/api/read/${current.assignment}/draft`, {
			method: 'PUT',
			body: JSON.stringify(draftOf(current, thinking / 2))
		});
		await draft?.arrayBuffer();
		await think(thinking / 2);
		const submitStarted = performance.now();
		const withShown = nextView ? `?shown=${nextView.assignment}` : '';
		const read = await this.expect(tally, 'submit', `/api/reads${withShown}`, {
			method: 'POST',
			body: JSON.stringify(submissionOf(current, thinking))
		});
		let shownWithRead = false;
		if (read) {
			shownWithRead = ((await read.json()) as { shown?: boolean }).shown === true;
			tally.submitMs.push(performance.now() - submitStarted);
			tally.reads += 1;
			tally.acknowledged.push(`read-${current.assignment}`);
		}
		if (nextView) {
			if (!shownWithRead) {
				const shown = await this.expect(tally, 'shown', `/api/read/${nextView.assignment}/shown`, {
					method: 'POST'
				});
				await shown?.arrayBuffer();
			}
			this.view = nextView;
		} else if (!this.options.stopping()) {
			// The session's last case: the server's next case, as a page.
			await this.openPage(tally, current.study.slug);
		} else this.view = null;
		if (read) tally.cycleMs.push(performance.now() - started - thought);
		return this.view !== null;
	}

	/** Reads case after case until told to stop. */
	async readUntilStopped(tally: LoadTally): Promise<void> {
		while (!this.options.stopping()) if (!(await this.readOneCase(tally))) return;
	}
}

interface DataResponse {
	type: string;
	nodes: Array<{ type: string; data?: unknown[] } | null>;
}

/** The workstation's view out of a page's data (SvelteKit's devalue-flattened nodes). */
function pageView(response: DataResponse): ReaderView | null {
	for (const node of response.nodes) {
		if (node?.type !== 'data' || !node.data) continue;
		const data = unflatten(node.data) as { view?: ReaderView | null };
		if (data.view) return data.view;
	}
	return null;
}

/** The workstation's event log of a read: what a reader of a CT case typically does. */
function eventsOf(view: ReaderView, elapsedMs: number, submitted: boolean) {
	const start = Date.now() - Math.round(elapsedMs);
	const step = Math.max(1, Math.round(elapsedMs / 32));
	const events: Array<{ type: string; at: number; detail?: Record<string, number | string> }> = [
		{ type: 'rendered', at: start, detail: { image: 1 } }
	];
	for (let index = 1; index <= 24; index += 1) {
		const at = start + index * step;
		if (index % 3 === 0) events.push({ type: 'scroll', at, detail: { image: 1 + (index % 2) } });
		else if (index % 3 === 1) events.push({ type: 'wl', at, detail: { center: 40, width: 400 } });
		else events.push({ type: 'zoom', at, detail: { scale: 1 + index / 20 } });
	}
	const positive = view.assignment.charCodeAt(0) % 2;
	events.push({ type: 'decision', at: start + 26 * step, detail: { value: positive } });
	events.push({ type: 'confidence', at: start + 27 * step, detail: { value: 70 } });
	if (positive) events.push({ type: 'mark.add', at: start + 28 * step, detail: { image: 1 } });
	if (submitted) events.push({ type: 'submit', at: start + 31 * step, detail: { elapsedMs } });
	return events;
}

function answerOf(view: ReaderView) {
	const positive = view.assignment.charCodeAt(0) % 2 === 1;
	return {
		decision: positive ? 1 : 0,
		confidence: positive ? 70 : 20,
		marks: positive ? [{ image: 1, x: 250.5, y: 260.2, confidence: 70 }] : [],
		measurements: []
	};
}

function draftOf(view: ReaderView, elapsedMs: number) {
	const elapsed = Math.max(1, Math.round(elapsedMs));
	return {
		...answerOf(view),
		elapsedMs: elapsed,
		pausedMs: 0,
		events: eventsOf(view, elapsed, false)
	};
}

function submissionOf(view: ReaderView, elapsedMs: number) {
	const elapsed = Math.max(1, Math.round(elapsedMs));
	return {
		assignment: view.assignment,
		clientId: `read-${view.assignment}`,
		...answerOf(view),
		readingTimeMs: elapsed,
		pausedMs: 0,
		events: eventsOf(view, elapsed, true)
	};
}

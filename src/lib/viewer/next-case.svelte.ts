// The workstation's way to the next case without waiting for the server. While the reader reads,
// the next case's view is fetched ahead (its images are prefetched by the viewport grid); on submit
// the read is handed to the reader's outbox and, when the next case is there, shown at once — the
// read is written to the outbox while the next case is drawn and sent once it is. When it cannot be
// (a step waiting for this read, a view not fetched yet, no storage in the browser) the server's
// answer is awaited as before. A case opened while its read is still in the outbox (a reload) is not
// read again: it is shown as being sent, then the server's next case.
import { goto, replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import type { ReadSubmission } from '$lib/domain/read.schema';
import type { ReadingView } from '$lib/domain/reading-view';
import type { ReadCase } from './read-case.svelte';
import { fetchView, postRead, type SubmitOutcome } from './read-api';
import { retryDelayMs } from './read-outbox';
import type { ReaderOutbox } from './reader-outbox.svelte';

export interface NextCaseContext {
	/** The case on the screen. */
	readCase(): ReadCase | null;
	/** Something the reader must be told (a read the outbox could not keep and the server refused). */
	problem(message: string): void;
}

export class NextCase {
	/** The next case whose view has been fetched ahead (data-ahead, for tests and benchmarks). */
	aheadReady = $state<string | null>(null);
	/** The page opened a case whose read is still in the outbox: it is being sent. */
	sendingHere = $state(false);
	private ahead: { assignment: string; view: ReadingView | null } | null = null;
	/** The last read being written to the outbox (resolved once written, or when none is). */
	private keeping: Promise<void> = Promise.resolve();
	/** Reads handed over on moving on wait for the next case's first image. */
	private sendOnceDrawn = false;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
	private readonly leftoverHandled = new Set<string>();

	constructor(
		readonly outbox: ReaderOutbox,
		private readonly context: NextCaseContext
	) {}

	/** A new case on the screen: nothing fetched ahead for it yet. */
	newCase(): void {
		this.aheadReady = null;
	}

	/**
	 * Fetches the next case's view ahead (not when it is a step waiting for this read); while the
	 * server cannot be reached, tried again (0.5 s doubling to 30 s) as long as the case is shown.
	 */
	fetchAhead(current: ReadCase, failures = 0): void {
		const next = current.view.next;
		if (!next || next.images.length === 0) return;
		if (failures === 0 && this.ahead?.assignment === next.assignment) return;
		const fetched: { assignment: string; view: ReadingView | null } = {
			assignment: next.assignment,
			view: null
		};
		this.ahead = fetched;
		const shown = () => this.ahead === fetched && current === this.context.readCase();
		fetchView(next.assignment).then(
			(view) => {
				fetched.view = view;
				if (view && this.ahead === fetched) this.aheadReady = view.assignment;
			},
			() => {
				if (!shown()) return;
				setTimeout(
					() => {
						if (shown()) this.fetchAhead(current, failures + 1);
					},
					retryDelayMs(failures + 1)
				);
			}
		);
	}

	/** The view of the case after `current`, if it has been fetched ahead. */
	fetchedAfter(current: ReadCase): ReadingView | null {
		const next = current.view.next;
		return next && this.ahead?.assignment === next.assignment ? this.ahead.view : null;
	}

	/**
	 * Puts the read in the outbox. Moving on to a case fetched ahead, it is done at once (the outbox
	 * sends it once the next case is drawn); otherwise the server's answer is awaited, and a refusal
	 * reopens the case as before.
	 */
	async handOver(submission: ReadSubmission, moveOn: boolean): Promise<SubmitOutcome> {
		const { outbox } = this.outbox;
		if (moveOn && this.outbox.usable) {
			// The store works: the next case is drawn while the read is written (a few ms), and its
			// address follows once it is (show), so a reload before then reopens this case.
			this.keeping = this.outbox
				.keepRead(submission.assignment, submission)
				.catch(() => this.sendDirectly(submission));
			return { ok: true, created: true };
		}
		this.keeping = Promise.resolve();
		try {
			await outbox.enqueue('read', submission.assignment, submission, { send: !moveOn });
		} catch {
			// No storage in this browser (IndexedDB refused): straight to the server, as before.
			return postRead(submission);
		}
		if (moveOn) return { ok: true, created: true };
		const outcome = await outbox.outcomeOf(submission.assignment);
		if (outcome.stored) return { ok: true, created: true };
		const entry = outbox.readOf(submission.assignment);
		if (entry) await outbox.dismiss(entry.seq);
		return { ok: false, status: outcome.status, message: outcome.message };
	}

	/** Whether the server stored the read of `assignment` (once it has answered). */
	async stored(assignment: string): Promise<boolean> {
		await this.keeping;
		return (await this.outbox.outbox.outcomeOf(assignment)).stored;
	}

	/**
	 * The case fetched ahead, to show in place of `current` without asking the server: the address
	 * follows (a reload opens it), and the outbox tells the server when the case was first shown.
	 */
	show(fetched: ReadingView, current: ReadCase): ReadingView {
		const { outbox } = this.outbox;
		this.ahead = null;
		this.aheadReady = null;
		const kept = this.keeping;
		void kept.then(() => {
			if (this.context.readCase()?.view.assignment === fetched.assignment)
				replaceState(resolve(`/read/${fetched.assignment}`), {});
		});
		void outbox.enqueue('shown', fetched.assignment, null, { send: false }).catch(() => {});
		this.sendOnceDrawn = true;
		// Not drawn (an image that cannot load): sent anyway a moment later.
		setTimeout(() => void outbox.flush(), 1000);
		const { session } = fetched;
		return {
			...fetched,
			session: { ...session, done: Math.max(session.done, current.view.session.done + 1) }
		};
	}

	/** The case on the screen drew its first image: what was handed over on the way is sent now. */
	firstDrawn(): void {
		if (!this.sendOnceDrawn) return;
		this.sendOnceDrawn = false;
		void this.keeping.then(() => this.outbox.outbox.flush());
	}

	/** Settles once every read handed over is stored (refused ones are the reader's to see). */
	drained(): Promise<void> {
		return this.outbox.outbox.drained();
	}

	/** The case was opened while its read is still in the outbox: it is not read again. */
	leftOver(current: ReadCase): void {
		const { assignment } = current.view;
		if (!this.outbox.loaded || current.submitting || current.submitted) return;
		if (!this.outbox.readOf(assignment) || this.leftoverHandled.has(assignment)) return;
		this.leftoverHandled.add(assignment);
		void this.settleLeftover(current);
	}

	private async settleLeftover(current: ReadCase): Promise<void> {
		const { outbox } = this.outbox;
		this.sendingHere = true;
		const outcome = await outbox.outcomeOf(current.view.assignment);
		this.sendingHere = false;
		if (current !== this.context.readCase()) return;
		if (outcome.stored) {
			current.submitted = true;
			// The server's next case once every waiting read is in (the view's next may be one of them).
			await outbox.drained();
			const study = encodeURIComponent(current.view.study.slug);
			if (current === this.context.readCase())
				await goto(resolve(`/read/next?study=${study}`), { replaceState: true });
			return;
		}
		const entry = outbox.readOf(current.view.assignment);
		if (entry) await outbox.dismiss(entry.seq);
		current.problem = outcome.message;
	}

	/** The outbox could not keep a read after all (storage full): it goes straight to the server. */
	private async sendDirectly(submission: ReadSubmission): Promise<void> {
		const outcome = await postRead(submission);
		if (!outcome.ok) this.context.problem(outcome.message);
	}
}

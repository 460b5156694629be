// The workstation's calls: autosave a draft, submit a read, fetch the next case's view ahead.
// Browser fetch, same origin. (Reads handed over go through the outbox: reader-outbox.svelte.ts.)
import type { ReadDraft, ReadSubmission } from '$lib/domain/read.schema';
import type { ReadingView } from '$lib/domain/reading-view';
import { m } from '$lib/paraglide/messages';
import { resultOfStatus, retryable, retryAfterMs, sendWithRetry } from './read-outbox';

/** How long one attempt to submit a read waits for the server before it is abandoned and retried. */
export const SUBMIT_TIMEOUT_MS = 15_000;

export type SubmitOutcome =
	| { ok: true; created: boolean }
	| { ok: false; status: number; message: string; opensAt?: string | null };

export async function putDraft(
	assignment: string,
	body: string,
	keepalive: boolean
): Promise<void> {
	const response = await fetch(`/api/read/${assignment}/draft`, {
		method: 'PUT',
		body,
		keepalive,
		headers: { 'content-type': 'application/json' }
	});
	if (!response.ok && response.status !== 409)
		throw new Error(`draft not saved (${response.status})`);
}

type Attempt = SubmitOutcome & { afterMs?: number };

async function postReadOnce(submission: ReadSubmission, timeoutMs: number): Promise<Attempt> {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), timeoutMs);
	let response: Response;
	try {
		response = await fetch('/api/reads', {
			method: 'POST',
			body: JSON.stringify(submission),
			headers: { 'content-type': 'application/json' },
			signal: abort.signal
		});
	} catch {
		return { ok: false, status: 0, message: m.read_server_unreachable() };
	} finally {
		clearTimeout(timer);
	}
	if (response.ok) return { ok: true, created: response.status === 201 };
	const answer = (await response.json().catch(() => ({}))) as {
		message?: string;
		opensAt?: string | null;
	};
	return {
		ok: false,
		status: response.status,
		message: answer.message ?? m.read_not_accepted({ status: response.status }),
		opensAt: answer.opensAt,
		afterMs: retryAfterMs(response.headers.get('retry-after'))
	};
}

/**
 * Submits a read straight to the server (when the outbox cannot keep it). Each attempt is abandoned
 * after SUBMIT_TIMEOUT_MS; no answer, a timeout or a busy server (503, no sooner than its
 * Retry-After) is tried again with the outbox's backoff, a few times, with the same client id — the
 * server stores the read once however often it is sent. The last answer.
 */
export async function postRead(
	submission: ReadSubmission,
	options: { attempts?: number; timeoutMs?: number } = {}
): Promise<SubmitOutcome> {
	let last: Attempt = { ok: false, status: 0, message: m.read_server_unreachable() };
	await sendWithRetry(
		async () => {
			last = await postReadOnce(submission, options.timeoutMs ?? SUBMIT_TIMEOUT_MS);
			return last.ok ? { kind: 'stored' } : resultOfStatus(last.status, last.message, last.afterMs);
		},
		{ attempts: options.attempts ?? 5 }
	);
	const { afterMs: _afterMs, ...outcome } = last;
	return outcome;
}

/**
 * The next case's view, fetched while the reader reads (not stamped served); null if refused. A busy
 * or failing server (503, 5xx, 429, 408) is like no answer: an error, so the caller tries again.
 */
export async function fetchView(assignment: string): Promise<ReadingView | null> {
	const response = await fetch(`/api/read/${assignment}/view`);
	if (retryable(response.status)) throw new Error(`view not fetched (${response.status})`);
	return response.ok ? ((await response.json()) as ReadingView) : null;
}

/** One client id per assignment, so a retried or doubled submit is recognised as the same read. */
export function clientIdFor(assignment: string): string {
	return `read-${assignment}`;
}

export type { ReadDraft };

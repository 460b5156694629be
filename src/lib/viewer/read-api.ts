// The workstation's calls: autosave a draft, submit a read, fetch the next case's view ahead.
// Browser fetch, same origin. (Reads handed over go through the outbox: reader-outbox.svelte.ts.)
import type { ReadDraft, ReadSubmission } from '$lib/domain/read.schema';
import type { ReadingView } from '$lib/domain/reading-view';
import { m } from '$lib/paraglide/messages';

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

export async function postRead(submission: ReadSubmission): Promise<SubmitOutcome> {
	let response: Response;
	try {
		response = await fetch('/api/reads', {
			method: 'POST',
			body: JSON.stringify(submission),
			headers: { 'content-type': 'application/json' }
		});
	} catch {
		return { ok: false, status: 0, message: m.read_server_unreachable() };
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
		opensAt: answer.opensAt
	};
}

/** The next case's view, fetched while the reader reads (not stamped served); null if refused. */
export async function fetchView(assignment: string): Promise<ReadingView | null> {
	const response = await fetch(`/api/read/${assignment}/view`);
	return response.ok ? ((await response.json()) as ReadingView) : null;
}

/** One client id per assignment, so a retried or doubled submit is recognised as the same read. */
export function clientIdFor(assignment: string): string {
	return `read-${assignment}`;
}

export type { ReadDraft };

// The annotation and adjudication workstations' calls: autosave a draft, submit an annotation,
// decide a case, record a QC check. Browser fetch, same origin; a refusal comes back as its message.
import type { AdjudicationDecision, AnnotationInput, QcCheck } from '$lib/domain/annotation';
import { m } from '$lib/paraglide/messages';

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

export interface SubmitResult {
	task: number;
	next: number | null;
	outcome: 'waiting' | 'consensus' | 'adjudication';
}

export async function putAnnotationDraft(
	task: number,
	body: string,
	keepalive: boolean
): Promise<void> {
	const response = await fetch(`/api/annotate/${task}/draft`, {
		method: 'PUT',
		body,
		keepalive,
		headers: { 'content-type': 'application/json' }
	});
	if (!response.ok) throw new Error(`draft not saved (${response.status})`);
}

export function postAnnotation(
	task: number,
	input: AnnotationInput
): Promise<Answer<SubmitResult>> {
	return post(`/api/annotate/${task}/submit`, input);
}

export function postDecision(
	caseRef: number,
	decision: AdjudicationDecision
): Promise<Answer<{ caseRef: number }>> {
	return post(`/api/adjudicate/${caseRef}/decision`, decision);
}

export function postQcCheck(caseRef: number, check: QcCheck): Promise<Answer<{ caseRef: number }>> {
	return post(`/api/adjudicate/${caseRef}/qc`, check);
}

async function post<T>(url: string, body: unknown): Promise<Answer<T>> {
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			body: JSON.stringify(body),
			headers: { 'content-type': 'application/json' }
		});
	} catch {
		return { ok: false, status: 0, message: m.annotate_server_unreachable() };
	}
	const answer = (await response.json().catch(() => ({}))) as { message?: string };
	if (response.ok) return { ok: true, value: answer as T };
	return {
		ok: false,
		status: response.status,
		message: answer.message ?? m.annotate_not_accepted({ status: response.status })
	};
}

/** One client id per task and classification attempt: a doubled submit is the same annotation. */
export function annotationClientId(task: number): string {
	return `annotation-${task}`;
}

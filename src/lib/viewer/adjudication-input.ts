// What the adjudication workstation sends: the decision on a disagreement (the final truth and why)
// or the QC re-check of a consensus case (confirmed, or corrected with a note), checked against
// the shared schemas first so the adjudicator is told what is missing, by field.
import {
	adjudicationDecisionSchema,
	qcCheckSchema,
	type AdjudicationDecision,
	type AnnotationDraft,
	type QcCheck
} from '$lib/domain/annotation';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

function first<T>(
	parsed:
		| { success: true; data: T }
		| { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }
): Checked<T> {
	if (parsed.success) return { ok: true, value: parsed.data };
	const issue = parsed.error.issues[0]!;
	return { ok: false, problem: `${issue.path.map(String).join('.') || 'input'}: ${issue.message}` };
}

/** One client id per case: a doubled submit of the decision is recognised as the same one. */
export function decisionClientId(caseRef: number): string {
	return `decision-${caseRef}`;
}

export function decisionInput(
	caseRef: number,
	draft: AnnotationDraft,
	reason: string
): Checked<AdjudicationDecision> {
	const { note, ...rest } = draft;
	return first(
		adjudicationDecisionSchema.safeParse({
			decision: { clientId: decisionClientId(caseRef), ...rest, ...(note ? { note } : {}) },
			reason
		})
	);
}

export function qcInput(
	caseRef: number,
	outcome: 'confirmed' | 'corrected',
	draft: AnnotationDraft,
	note: string
): Checked<QcCheck> {
	if (outcome === 'confirmed')
		return first(
			qcCheckSchema.safeParse({ outcome, ...(note.trim() ? { note: note.trim() } : {}) })
		);
	const { note: _ignored, ...rest } = draft;
	return first(
		qcCheckSchema.safeParse({
			outcome,
			decision: { clientId: decisionClientId(caseRef), ...rest },
			note
		})
	);
}

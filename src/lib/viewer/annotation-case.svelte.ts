// One annotation task on the workstation: the annotator's classification and lesions
// (lesion-editor.svelte.ts), autosaved as a draft while they work (draft-saver.ts) and submitted
// once. The calls are injected so this is tested without a server.
import type { AnnotationInput, AnnotationView } from '$lib/domain/annotation';
import { annotationInputSchema } from '$lib/domain/annotation';
import { createDraftSaver, type DraftSaver } from './draft-saver';
import { LesionEditor } from './lesion-editor.svelte';
import {
	annotationClientId,
	postAnnotation,
	putAnnotationDraft,
	type Answer,
	type SubmitResult
} from './annotation-api';

export interface AnnotationCalls {
	putDraft: (task: number, body: string, keepalive: boolean) => Promise<unknown>;
	submit: (task: number, input: AnnotationInput) => Promise<Answer<SubmitResult>>;
}

const CALLS: AnnotationCalls = { putDraft: putAnnotationDraft, submit: postAnnotation };

export class AnnotationCase {
	readonly editor: LesionEditor;
	submitted = $state(false);
	submitting = $state(false);
	/** What the annotator is told when a save or the submit failed, or what the submit lacks. */
	problem = $state<string | null>(null);
	/** The server's answer to the submit (the next task, whether the case reached consensus). */
	result = $state.raw<SubmitResult | null>(null);
	private readonly saver: DraftSaver;

	constructor(
		readonly view: AnnotationView,
		private readonly calls: AnnotationCalls = CALLS,
		delayMs = 800
	) {
		this.submitted = view.submitted;
		this.editor = new LesionEditor(view.draft, () => this.changed());
		this.saver = createDraftSaver({
			delayMs,
			snapshot: () => this.editor.draft(),
			send: (body, keepalive) => this.calls.putDraft(view.task, body, keepalive),
			onError: (error) => (this.problem = error instanceof Error ? error.message : String(error))
		});
		if (this.submitted) this.saver.close();
	}

	private changed(): void {
		if (this.submitted) return;
		this.problem = null;
		this.saver.changed();
	}

	/** The annotation as submitted, or why it cannot be yet (the schema's message, by field). */
	input(): { input: AnnotationInput } | { problem: string } {
		const draft = this.editor.draft();
		const parsed = annotationInputSchema.safeParse({
			clientId: annotationClientId(this.view.task),
			...draft
		});
		if (parsed.success) return { input: parsed.data };
		const issue = parsed.error.issues[0]!;
		return { problem: `${issue.path.join('.') || 'annotation'}: ${issue.message}` };
	}

	get ready(): boolean {
		return !this.submitted && this.editor.classification !== null;
	}

	/** Submits once; a repeated submit (same client id) is answered with the stored result. */
	async submit(): Promise<SubmitResult | null> {
		if (!this.ready || this.submitting) return null;
		const checked = this.input();
		if ('problem' in checked) {
			this.problem = checked.problem;
			return null;
		}
		this.submitting = true;
		this.problem = null;
		try {
			await this.saver.flush();
			const answer = await this.calls.submit(this.view.task, checked.input);
			if (!answer.ok) {
				this.problem = answer.message;
				return null;
			}
			this.submitted = true;
			this.result = answer.value;
			this.saver.close();
			return answer.value;
		} finally {
			this.submitting = false;
		}
	}

	/** Saves what is unsaved now (before the page moves on). */
	flush(): Promise<void> {
		return this.saver.flush();
	}

	/** The page is going away: what is unsaved goes out now. */
	leave(): void {
		void this.saver.flush(true);
	}

	dispose(): void {
		void this.saver.flush(true);
		this.saver.close();
	}
}

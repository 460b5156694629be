// One case on the workstation: the reader's answers (decision, confidence, marks, comment), the
// reading clock, the event log and the autosave, restored from the server's draft when the same
// case is opened again. Created per assignment; the viewer itself outlives it.
import type { ReadingView } from '$lib/domain/reading-view';
import type { MarkBox, ReadDraft, ReadSubmission } from '$lib/domain/read.schema';
import type { Measurement } from '$lib/domain/measurement';
import {
	createReadTimer,
	type ReadTimer,
	type TimerSnapshot,
	type TimerTransition
} from './read-timer';
import { createEventRecorder, type EventDetail, type EventRecorder } from './viewer-events';
import { createDraftSaver, type DraftSaver } from './draft-saver';
import { clientIdFor, postRead, putDraft, type SubmitOutcome } from './read-api';
import {
	markScale,
	missingAnswers,
	movedMark,
	nudgedRating,
	startRating,
	steppedIndex,
	type Missing
} from './lesion-answer';

export interface LesionMark {
	image: number;
	/** 1-based frame of a multi-frame image; absent on a single-frame image. */
	frame?: number;
	x: number;
	y: number;
	/** The mark's rating (lesion-answer.ts: markScale). */
	confidence: number;
	/** A box mark's corners (rating.mark_shape: box); x, y is its centre. */
	box?: MarkBox;
}

const SAVE_DELAY_MS = 1000;
const HEARTBEAT_SAVE_MS = 15_000;

export class ReadCase {
	readonly view: ReadingView;
	decision = $state<0 | 1 | undefined>(undefined);
	confidence = $state<number | undefined>(undefined);
	marks = $state<LesionMark[]>([]);
	/** Lengths, ROIs and angles, as measured (measurement-tools.ts). */
	measurements = $state<Measurement[]>([]);
	selectedMeasurement = $state<number | null>(null);
	comment = $state('');
	selectedMark = $state<number | null>(null);
	/** FROC: the reader's explicit answer that the case has no lesion to mark. */
	noLesion = $state(false);
	clock = $state<TimerSnapshot>({ state: 'waiting', elapsedMs: 0, pausedMs: 0, reasons: [] });
	submitting = $state(false);
	submitted = $state(false);
	problem = $state<string | null>(null);

	private readonly timer: ReadTimer;
	private readonly events: EventRecorder;
	private readonly saver: DraftSaver;
	private lastHeartbeat = 0;

	constructor(view: ReadingView, now: () => number = Date.now) {
		this.view = view;
		const draft = view.draft;
		this.decision = draft.decision;
		this.confidence = draft.confidence;
		this.marks = (draft.marks ?? []).map((mark) => ({ ...mark }));
		this.noLesion = draft.noLesion === true && this.marks.length === 0;
		this.measurements = (draft.measurements ?? []).map((item) => structuredClone(item));
		this.comment = draft.comment ?? '';
		this.events = createEventRecorder({ now, initial: draft.events ?? [] });
		if ((draft.events ?? []).length > 0) this.events.record('reopen');
		this.timer = createReadTimer({
			// A protocol without an idle threshold (0) never pauses for idleness.
			idleMs: view.idlePauseSeconds > 0 ? view.idlePauseSeconds * 1000 : Number.POSITIVE_INFINITY,
			now,
			carried: { elapsedMs: draft.elapsedMs, pausedMs: draft.pausedMs },
			onTransition: (transition) => this.onTransition(transition)
		});
		this.saver = createDraftSaver({
			delayMs: SAVE_DELAY_MS,
			snapshot: () => this.draft(),
			send: (body, keepalive) => putDraft(view.assignment, body, keepalive)
		});
	}

	get ready(): boolean {
		return this.missing.length === 0 && !this.submitted;
	}

	/** What the read still lacks for the protocol's task. */
	get missing(): Missing[] {
		return missingAnswers(this.view.rating, this);
	}

	/** An image of this case reached the screen: the clock starts at the first one. */
	rendered(imageIndex: number): void {
		if (this.clock.state !== 'waiting') return;
		this.timer.start();
		this.record('rendered', { image: imageIndex + 1 });
		this.refreshClock();
	}

	/** Any reader input (pointer, wheel, key): keeps the idle pause away, ends one. */
	input(): void {
		this.timer.input();
	}

	/** Once a second: idle check, clock display, the occasional background save. */
	tick(now = Date.now()): void {
		this.timer.tick();
		this.refreshClock();
		if (this.clock.state === 'running' && now - this.lastHeartbeat >= HEARTBEAT_SAVE_MS) {
			this.lastHeartbeat = now;
			this.saver.changed();
		}
	}

	togglePause(): void {
		if (this.clock.reasons.includes('user')) this.timer.resume('user');
		else this.timer.pause('user');
		this.refreshClock();
	}

	setHidden(hidden: boolean): void {
		if (hidden) this.timer.pause('hidden');
		else this.timer.resume('hidden');
		this.refreshClock();
		if (hidden) void this.saver.flush(true);
	}

	/** The page is going away: save what there is, with keepalive. */
	leave(): void {
		void this.saver.flush(true);
	}

	record(type: string, detail?: EventDetail, at?: number): void {
		if (this.submitted) return;
		this.events.record(type, detail, at);
		this.saver.changed();
	}

	setDecision(value: 0 | 1): void {
		this.decision = value;
		this.record('decision', { value });
	}

	setConfidence(value: number): void {
		this.confidence = value;
		// An LROC mark is rated with the case confidence.
		if (this.view.rating.task === 'lroc')
			this.marks = this.marks.map((mark) => ({ ...mark, confidence: value }));
		this.record('confidence', { value });
	}

	/** FROC: answers (or takes back) "no lesion"; not while marks are placed. */
	setNoLesion(value: boolean): boolean {
		if (this.view.rating.task !== 'froc' || (value && this.marks.length > 0)) return false;
		this.noLesion = value;
		this.record('no-lesion', { value });
		return true;
	}

	/** Selects the next (1) or previous (−1) mark, round the list. */
	stepMark(delta: 1 | -1): void {
		this.selectedMark = steppedIndex(this.selectedMark, this.marks.length, delta);
	}

	/** The selected mark's rating moved by steps of its scale (arrows), or set (digits). */
	nudgeSelectedMark(delta: number): void {
		const mark = this.marks[this.selectedMark ?? -1];
		if (mark) this.rateSelectedMark(nudgedRating(this.view.rating, mark.confidence, delta));
	}

	rateSelectedMark(value: number): void {
		const { low, high } = markScale(this.view.rating);
		if (this.selectedMark !== null && value >= low && value <= high)
			this.setMarkConfidence(this.selectedMark, value);
	}

	setComment(text: string): void {
		this.comment = text;
		this.saver.changed();
	}

	/**
	 * A mark on an image (1-based), on `frame` (1-based) of a multi-frame image; a box mark with its
	 * box (x, y its centre). In an LROC read the one mark moves to the new place.
	 */
	addMark(image: number, x: number, y: number, frame: number | null = null, box?: MarkBox): void {
		// A new mark starts at the case's confidence on a 0–100 scale, else mid-scale; the reader adjusts it.
		const at: Record<string, number> = frame === null ? { image } : { image, frame };
		const mark: LesionMark = {
			image,
			...(frame === null ? {} : { frame }),
			x: round(x),
			y: round(y),
			confidence: this.markStart(),
			...(box ? { box: { ...box } } : {})
		};
		this.marks = this.view.rating.task === 'lroc' ? [mark] : [...this.marks, mark];
		this.noLesion = false;
		this.selectedMark = this.marks.length - 1;
		this.record('mark.add', { ...at, x: mark.x, y: mark.y });
	}

	private markStart(): number {
		return startRating(this.view.rating, this.confidence);
	}

	moveMark(index: number, x: number, y: number): void {
		const mark = this.marks[index];
		if (!mark) return;
		this.marks[index] = movedMark(mark, round(x), round(y));
		this.record('mark.move', { index: index + 1, x: round(x), y: round(y) });
	}

	setMarkConfidence(index: number, confidence: number): void {
		const mark = this.marks[index];
		if (!mark) return;
		this.marks[index] = { ...mark, confidence };
		this.record('mark.confidence', { index: index + 1, value: confidence });
	}

	deleteMark(index: number): void {
		if (!this.marks[index]) return;
		this.marks = this.marks.filter((_, position) => position !== index);
		this.selectedMark = null;
		this.record('mark.delete', { index: index + 1 });
	}

	addMeasurement(measurement: Measurement): void {
		const roi = measurement.kind === 'ellipse' || measurement.kind === 'rectangle';
		// Where ROIs count as lesion marks, each asks for its confidence as a new mark does.
		const added =
			roi && this.view.rating.measurement_marks
				? { ...measurement, confidence: this.markStart() }
				: measurement;
		this.measurements = [...this.measurements, added];
		this.selectedMeasurement = this.measurements.length - 1;
		this.record('measure.add', { kind: measurement.kind, image: measurement.image });
	}

	setMeasurementConfidence(index: number, confidence: number): void {
		const measurement = this.measurements[index];
		if (!measurement || (measurement.kind !== 'ellipse' && measurement.kind !== 'rectangle'))
			return;
		this.measurements[index] = { ...measurement, confidence };
		this.record('measure.confidence', { index: index + 1, value: confidence });
	}

	deleteMeasurement(index: number): void {
		if (!this.measurements[index]) return;
		this.measurements = this.measurements.filter((_, position) => position !== index);
		this.selectedMeasurement = null;
		this.record('measure.delete', { index: index + 1 });
	}

	/**
	 * Submits once: a second call while the first is under way, or after it succeeded, does nothing.
	 * `send` hands the read over (the workstation's outbox; by default straight to the server): ok
	 * once it is safe — stored, or kept durably to be sent — and the case is done.
	 */
	async submit(
		send: (submission: ReadSubmission) => Promise<SubmitOutcome> = postRead
	): Promise<SubmitOutcome | null> {
		if (!this.ready || this.submitting) return null;
		this.submitting = true;
		this.problem = null;
		const clock = this.timer.snapshot();
		this.events.record('submit', { elapsedMs: clock.elapsedMs, pausedMs: clock.pausedMs });
		const outcome = await send(this.submission(clock));
		this.submitting = false;
		if (outcome.ok) {
			this.timer.stop();
			this.saver.close();
			this.submitted = true;
		} else {
			this.problem = outcome.message;
			this.events.record('submit.refused', { status: outcome.status });
		}
		this.refreshClock();
		return outcome;
	}

	/** The case is left (next case, another page): save what is unsaved, then nothing more. */
	dispose(): void {
		void this.saver.flush(false).finally(() => this.saver.close());
	}

	private submission(clock: TimerSnapshot): ReadSubmission {
		return {
			assignment: this.view.assignment,
			clientId: clientIdFor(this.view.assignment),
			// A FROC read's case values follow from its marks on the server (read-task.ts).
			...(this.view.rating.task === 'froc'
				? this.noLesion
					? { noLesion: true }
					: {}
				: { decision: this.decision, confidence: this.confidence }),
			marks: $state.snapshot(this.marks),
			measurements: $state.snapshot(this.measurements) as Measurement[],
			comment: this.view.rating.comment && this.comment.trim() ? this.comment.trim() : undefined,
			readingTimeMs: clock.elapsedMs,
			pausedMs: clock.pausedMs,
			events: this.events.list()
		};
	}

	private draft(): ReadDraft {
		const clock = this.timer.snapshot();
		return {
			decision: this.decision,
			confidence: this.confidence,
			marks: $state.snapshot(this.marks),
			...(this.noLesion ? { noLesion: true } : {}),
			measurements: $state.snapshot(this.measurements) as Measurement[],
			comment: this.comment || undefined,
			elapsedMs: clock.elapsedMs,
			pausedMs: clock.pausedMs,
			events: this.events.list()
		};
	}

	private onTransition(transition: TimerTransition): void {
		if (transition.type === 'pause' || transition.type === 'resume')
			this.record(transition.type, { reason: transition.reason ?? null }, transition.at);
	}

	private refreshClock(): void {
		this.clock = this.timer.snapshot();
	}
}

/** Mark positions are kept to a tenth of a pixel. */
function round(value: number): number {
	return Math.round(value * 10) / 10;
}

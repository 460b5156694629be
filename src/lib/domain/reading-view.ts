// What the workstation gets for one assignment (built by the reading service, shown by the viewer).
import type { LesionMark, ReadDraft } from './read.schema';
import type { AiBox, AiHeatmap } from './ai-output';
import type { Measurement } from './measurement';
import type { Protocol } from '../design/protocol/protocol.schema';
import type { HangingLayout } from '../design/protocol/hanging-layout';

export type AiView =
	| {
			status: 'done';
			score: number;
			positive: boolean;
			threshold: number;
			heatmap: AiHeatmap | null;
			/** The candidates the model reports (score ≥ threshold); none on a negative case. */
			boxes: AiBox[];
	  }
	| { status: 'pending' }
	| { status: 'failed' };

/** The reader's own submitted read of a case without the AI, as the sequential design's aided step shows it. */
export interface UnaidedAnswer {
	decision: 0 | 1 | null;
	confidence: number | null;
	marks: LesionMark[];
	measurements: Measurement[];
	comment: string | null;
}

export interface ReadingView {
	assignment: string;
	study: { slug: string; title: string };
	session: { period: number; index: number; position: number; total: number; done: number };
	withAi: boolean;
	images: string[];
	/** Frames of each image (same order as `images`; 1 = single-frame): each frame is one slice. */
	frames: number[];
	/**
	 * How the case is hung (the first hanging protocol that applies): viewports with labels and
	 * 0-based positions in `images`; null — one viewport holding all images as one stack.
	 */
	hanging: HangingLayout | null;
	rating: Protocol['rating'];
	presets: Protocol['reading']['window_presets'];
	idlePauseSeconds: number;
	draft: ReadDraft;
	ai: AiView | null;
	/**
	 * Sequential design, aided step only: the reader's own unaided answer to this case, which the
	 * form starts from (never another reader's read, never the truth); null otherwise.
	 */
	unaidedAnswer: UnaidedAnswer | null;
	/** The next unread case of this session, so the workstation can prefetch its images. */
	next: { assignment: string; images: string[]; frames: number[] } | null;
}

/** A reader's page for one assignment: the workstation's view, or — once the study is locked — only that it is closed. */
/**
 * The workstation, or why it does not open: the study is closed (locked), or the case waits —
 * reading has not started (the case set is not frozen) or the case is held back for a while.
 */
export type ReadingPage =
	| { view: ReadingView; closed: null; waiting: null }
	| { view: null; closed: { slug: string; title: string }; waiting: null }
	| {
			view: null;
			closed: null;
			waiting: { slug: string; title: string; reason: 'not-started' | 'held' };
	  };

// How a case's marks are answered in the protocol's rating task (the server's rules are in
// read-task.ts): in a froc or lroc task a mark is rated on the protocol's scale, in a roc task
// (rating.lesion_marks) on 0–100; a froc read is ready with marks or the answer "no lesion" (not
// both), an lroc read with a decision, a confidence and one mark.
import type { Protocol } from '$lib/design/protocol/protocol.schema';
import type { MarkBox } from '$lib/domain/read.schema';

type Rating = Protocol['rating'];

/** The range a mark's own rating takes. */
export function markScale(rating: Rating): { low: number; high: number; step: number } {
	if (rating.task !== 'roc' && rating.confidence === 'five-point')
		return { low: 1, high: 5, step: 1 };
	return { low: 0, high: 100, step: 5 };
}

/** Whether each mark has a rating of its own (an lroc mark takes the case confidence). */
export function marksRatedAlone(rating: Rating): boolean {
	return rating.task !== 'lroc';
}

/** A new mark's rating: the case's confidence where it is on 0–100 (roc), else mid-scale. */
export function startRating(rating: Rating, caseConfidence: number | undefined): number {
	if (rating.task === 'lroc') return caseConfidence ?? (rating.confidence === 'percent' ? 50 : 3);
	if (rating.task === 'froc') return rating.confidence === 'percent' ? 50 : 3;
	return rating.confidence === 'percent' ? (caseConfidence ?? 50) : 50;
}

/** A rating moved by `delta` steps of its scale, kept within it. */
export function nudgedRating(rating: Rating, value: number, delta: number): number {
	const { low, high, step } = markScale(rating);
	return Math.min(high, Math.max(low, value + delta * step));
}

/** What a read still needs before it can be submitted, in the order the form asks for it. */
export type Missing = 'decision' | 'confidence' | 'answer' | 'mark';

export function missingAnswers(
	rating: Rating,
	read: {
		decision: 0 | 1 | undefined;
		confidence: number | undefined;
		marks: readonly unknown[];
		noLesion: boolean;
	}
): Missing[] {
	if (rating.task === 'froc') return read.marks.length > 0 || read.noLesion ? [] : ['answer'];
	const missing: Missing[] = [];
	if (read.decision === undefined) missing.push('decision');
	if (read.confidence === undefined) missing.push('confidence');
	if (rating.task === 'lroc' && read.marks.length !== 1) missing.push('mark');
	return missing;
}

/** A box from two corners dragged in any direction, to a tenth of a pixel, with its centre. */
export function boxMark(
	a: [number, number],
	b: [number, number]
): { x: number; y: number; box: MarkBox } | null {
	const box = {
		x0: round(Math.min(a[0], b[0])),
		y0: round(Math.min(a[1], b[1])),
		x1: round(Math.max(a[0], b[0])),
		y1: round(Math.max(a[1], b[1]))
	};
	if (box.x1 - box.x0 < 1 || box.y1 - box.y0 < 1) return null;
	return { x: round((box.x0 + box.x1) / 2), y: round((box.y0 + box.y1) / 2), box };
}

/** A mark moved to (x, y), a box mark's box with it. */
export function movedMark<M extends { x: number; y: number; box?: MarkBox }>(
	mark: M,
	x: number,
	y: number
): M {
	const [dx, dy] = [x - mark.x, y - mark.y];
	const box = mark.box && {
		x0: round(mark.box.x0 + dx),
		y0: round(mark.box.y0 + dy),
		x1: round(mark.box.x1 + dx),
		y1: round(mark.box.y1 + dy)
	};
	return { ...mark, x, y, ...(box ? { box } : {}) };
}

/** The mark selected after the next (1) or previous (−1), round a list of `count`; null if none. */
export function steppedIndex(selected: number | null, count: number, delta: 1 | -1): number | null {
	if (count === 0) return null;
	const from = selected ?? (delta > 0 ? -1 : count);
	return (((from + delta) % count) + count) % count;
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}

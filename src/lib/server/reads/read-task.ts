// What a read answers in the protocol's rating task, and the case-level values stored with it.
// roc: a decision and a confidence (marks only where lesion_marks asks, rated 0–100).
// froc: marks only, each rated on the protocol's scale, or an explicit "no lesion"; the stored
// decision is 1 with any mark, else 0, and the confidence the highest mark's rating, else the
// scale's lowest value (for the case-level views and the AI comparison).
// lroc: a decision and a confidence, and exactly one mark (the most suspicious place) whose rating
// is the case confidence.
// Every mark is a box where rating.mark_shape is box, a point otherwise.
import { InputError } from '../errors';
import type { LesionMark } from '../../domain/read.schema';
import type { Protocol } from '../../design/protocol/protocol.schema';

export interface TaskAnswer {
	decision?: 0 | 1;
	confidence?: number;
	marks: readonly LesionMark[];
	noLesion?: boolean;
}

/** The protocol's confidence scale as [lowest, highest]. */
export function scaleRange(rating: Pick<Protocol['rating'], 'confidence'>): [number, number] {
	return rating.confidence === 'percent' ? [0, 100] : [1, 5];
}

/** The decision and confidence stored for the read; throws an InputError naming the field at fault. */
export function caseValues(
	rating: Protocol['rating'],
	answer: TaskAnswer
): { decision: 0 | 1; confidence: number } {
	const [low, high] = scaleRange(rating);
	if (rating.task !== 'froc' && answer.noLesion)
		throw new InputError('noLesion: only a FROC read answers "no lesion"', 'noLesion');
	if (rating.task !== 'roc') checkShapes(rating, answer.marks, low, high);
	if (rating.task === 'froc') return frocValues(answer, low);
	const { decision, confidence } = answer;
	if (decision === undefined) throw new InputError('decision: required', 'decision');
	if (confidence === undefined) throw new InputError('confidence: required', 'confidence');
	if (confidence < low || confidence > high)
		throw new InputError(`confidence: must be ${low}–${high}`, 'confidence');
	if (rating.task === 'lroc') {
		if (answer.marks.length !== 1)
			throw new InputError(
				`marks: an LROC read has exactly one mark, on the most suspicious place (this one has ${answer.marks.length})`,
				'marks'
			);
		if (answer.marks[0]!.confidence !== confidence)
			throw new InputError(
				`marks.0.confidence: an LROC mark is rated with the case confidence (${confidence})`,
				'marks.0.confidence'
			);
	}
	return { decision, confidence };
}

function frocValues(answer: TaskAnswer, low: number): { decision: 0 | 1; confidence: number } {
	const { marks } = answer;
	if (marks.length > 0 && answer.noLesion)
		throw new InputError(
			'noLesion: a read with marks cannot also answer "no lesion"; delete the marks first',
			'noLesion'
		);
	if (marks.length === 0 && !answer.noLesion)
		throw new InputError(
			'marks: a FROC read needs at least one mark, or the answer "no lesion"',
			'marks'
		);
	const decision: 0 | 1 = marks.length > 0 ? 1 : 0;
	const confidence = marks.length > 0 ? Math.max(...marks.map((mark) => mark.confidence)) : low;
	// A case value sent with a FROC read must be the one that follows from its marks.
	if (answer.decision !== undefined && answer.decision !== decision)
		throw new InputError(
			`decision: a FROC read's decision follows from its marks (${decision})`,
			'decision'
		);
	if (answer.confidence !== undefined && answer.confidence !== confidence)
		throw new InputError(
			`confidence: a FROC read's confidence is its highest mark's rating (${confidence})`,
			'confidence'
		);
	return { decision, confidence };
}

function checkShapes(
	rating: Protocol['rating'],
	marks: readonly LesionMark[],
	low: number,
	high: number
): void {
	marks.forEach((mark, index) => {
		if (mark.confidence < low || mark.confidence > high)
			throw new InputError(
				`marks.${index}.confidence: must be ${low}–${high}`,
				`marks.${index}.confidence`
			);
		if (rating.mark_shape === 'box' && !mark.box)
			throw new InputError(
				`marks.${index}.box: this study's marks are boxes (rating.mark_shape: box)`,
				`marks.${index}.box`
			);
		if (rating.mark_shape === 'point' && mark.box)
			throw new InputError(
				`marks.${index}.box: this study's marks are points (rating.mark_shape: point)`,
				`marks.${index}.box`
			);
	});
}

import { describe, expect, it } from 'vitest';
import type { Protocol } from '$lib/design/protocol/protocol.schema';
import {
	boxMark,
	markScale,
	missingAnswers,
	movedMark,
	nudgedRating,
	startRating,
	steppedIndex
} from './lesion-answer';

function rating(
	task: 'roc' | 'froc' | 'lroc',
	confidence: 'percent' | 'five-point' = 'five-point'
): Protocol['rating'] {
	return {
		task,
		mark_shape: 'point',
		decision: 'binary',
		confidence,
		lesion_marks: task === 'roc',
		measurement_marks: false,
		comment: false,
		confirm_submit: false
	};
}

const read = (answer: Partial<Parameters<typeof missingAnswers>[1]>) => ({
	decision: undefined,
	confidence: undefined,
	marks: [],
	noLesion: false,
	...answer
});

describe('what a read still lacks', () => {
	it('roc: the decision and the confidence, in the order the form asks', () => {
		expect(missingAnswers(rating('roc'), read({}))).toEqual(['decision', 'confidence']);
		expect(missingAnswers(rating('roc'), read({ decision: 1 }))).toEqual(['confidence']);
		expect(missingAnswers(rating('roc'), read({ confidence: 0 }))).toEqual(['decision']);
		expect(missingAnswers(rating('roc'), read({ decision: 0, confidence: 0 }))).toEqual([]);
	});

	it('froc: a mark or the answer "no lesion", never a decision or a confidence', () => {
		expect(missingAnswers(rating('froc'), read({}))).toEqual(['answer']);
		expect(missingAnswers(rating('froc'), read({ decision: 1, confidence: 3 }))).toEqual([
			'answer'
		]);
		expect(missingAnswers(rating('froc'), read({ marks: [{}] }))).toEqual([]);
		expect(missingAnswers(rating('froc'), read({ noLesion: true }))).toEqual([]);
	});

	it('lroc: a decision, a confidence and exactly one mark', () => {
		expect(missingAnswers(rating('lroc'), read({ decision: 1, confidence: 2 }))).toEqual(['mark']);
		expect(
			missingAnswers(rating('lroc'), read({ decision: 1, confidence: 2, marks: [{}, {}] }))
		).toEqual(['mark']);
		expect(
			missingAnswers(rating('lroc'), read({ decision: 0, confidence: 2, marks: [{}] }))
		).toEqual([]);
	});
});

describe('a mark’s rating', () => {
	it('follows the protocol’s scale in a froc or lroc task, 0–100 in a roc task', () => {
		expect(markScale(rating('froc'))).toEqual({ low: 1, high: 5, step: 1 });
		expect(markScale(rating('lroc'))).toEqual({ low: 1, high: 5, step: 1 });
		expect(markScale(rating('froc', 'percent'))).toEqual({ low: 0, high: 100, step: 5 });
		expect(markScale(rating('roc'))).toEqual({ low: 0, high: 100, step: 5 });
	});

	it('starts mid-scale (froc), at the case confidence (lroc, roc on 0–100)', () => {
		expect(startRating(rating('froc'), 5)).toBe(3);
		expect(startRating(rating('froc', 'percent'), 90)).toBe(50);
		expect(startRating(rating('lroc'), 4)).toBe(4);
		expect(startRating(rating('lroc'), undefined)).toBe(3);
		expect(startRating(rating('roc', 'percent'), 72)).toBe(72);
		expect(startRating(rating('roc'), 4)).toBe(50);
	});

	it('moves by one step of its scale and stays within it', () => {
		expect(nudgedRating(rating('froc'), 3, 1)).toBe(4);
		expect(nudgedRating(rating('froc'), 5, 1)).toBe(5);
		expect(nudgedRating(rating('froc'), 1, -1)).toBe(1);
		expect(nudgedRating(rating('froc', 'percent'), 50, -1)).toBe(45);
		expect(nudgedRating(rating('froc', 'percent'), 98, 1)).toBe(100);
	});
});

describe('a box mark', () => {
	it('is normalised from corners dragged either way, with its centre', () => {
		expect(boxMark([40.04, 30], [10, 50.16])).toEqual({
			x: 25,
			y: 40.1,
			box: { x0: 10, y0: 30, x1: 40, y1: 50.2 }
		});
	});

	it('is none when the drag is less than a pixel wide or high', () => {
		expect(boxMark([10, 10], [10.5, 40])).toBeNull();
	});
});

describe('the mark list', () => {
	it('steps round the marks from the keyboard, from either end when none is selected', () => {
		expect(steppedIndex(null, 3, 1)).toBe(0);
		expect(steppedIndex(null, 3, -1)).toBe(2);
		expect(steppedIndex(2, 3, 1)).toBe(0);
		expect(steppedIndex(0, 3, -1)).toBe(2);
		expect(steppedIndex(null, 0, 1)).toBeNull();
	});

	it('moves a point, and a box mark with its box', () => {
		expect(movedMark({ x: 1, y: 2 }, 5, 6)).toEqual({ x: 5, y: 6 });
		expect(movedMark({ x: 15, y: 25, box: { x0: 10, y0: 20, x1: 20, y1: 30 } }, 16.5, 20)).toEqual({
			x: 16.5,
			y: 20,
			box: { x0: 11.5, y0: 15, x1: 21.5, y1: 25 }
		});
	});
});

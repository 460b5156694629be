// The AI's candidates as one reader: a lesion drawn as two regions is one lesion localised once,
// equal weights by default, failed cases, and located input errors.
import { describe, expect, it } from 'vitest';
import type { MatchRule, TruthLesion } from '../match-marks';
import { matchStandalone } from './match-standalone';

const rule: MatchRule = { criterion: 'inside' };
const box = (id: string, x0: number, x1: number): TruthLesion => ({
	id,
	firstImage: 1,
	lastImage: 1,
	region: { kind: 'box', box: { x0, y0: 0, x1, y1: 10 } }
});

describe('matchStandalone', () => {
	it('regions sharing an id are one lesion: the higher-scored candidate is its LL, the other an NL', () => {
		const matched = matchStandalone({
			rule,
			cases: [
				{
					id: 'A',
					lesions: [box('1', 0, 10), box('1', 50, 60), box('2', 100, 110)],
					candidates: [
						{ image: 1, x: 5, y: 5, score: 0.4 },
						{ image: 1, x: 55, y: 5, score: 0.7 }
					]
				},
				{ id: 'B', lesions: [], candidates: [{ image: 1, x: 5, y: 5, score: 0.2 }] }
			]
		});
		expect(matched.truth.lesionIds).toEqual(['1', '2']);
		expect([...matched.truth.weights]).toEqual([0.5, 0.5]);
		expect([...matched.marks.ll]).toEqual([0.7, -Infinity]);
		expect([...matched.marks.nl]).toEqual([0.4, 0.2]);
		expect([...matched.marks.nlStart]).toEqual([0, 1, 2]);
		expect(matched.classification).toEqual([[null, '1'], [null]]);
	});

	it('a failed case keeps its lesions, all missed, and gives no NL', () => {
		const matched = matchStandalone({
			rule,
			cases: [
				{
					id: 'A',
					lesions: [box('1', 0, 10)],
					candidates: [{ image: 1, x: 5, y: 5, score: 0.9 }],
					failed: true
				}
			]
		});
		expect([...matched.marks.ll]).toEqual([-Infinity]);
		expect(matched.marks.nl).toHaveLength(0);
		expect([...matched.failed]).toEqual([1]);
	});

	it('names the case and candidate of a non-finite score, and a case listed twice', () => {
		const candidates = [{ image: 1, x: 5, y: 5, score: NaN }];
		expect(() => matchStandalone({ rule, cases: [{ id: 'Q', lesions: [], candidates }] })).toThrow(
			'case Q, candidate 1: score must be a finite number, got NaN'
		);
		const twice = { id: 'Q', lesions: [], candidates: [] };
		expect(() => matchStandalone({ rule, cases: [twice, twice] })).toThrow(
			/case Q is listed twice/
		);
	});
});

import { describe, expect, it } from 'vitest';
import { MARKS_HEADER, markRows } from './marks-csv';
import type { CaseTruthLesion } from '../cases/truth-lesions';

const codes = {
	readers: new Map([['r1', 'RDR-A']]),
	cases: new Map([
		['K1', 'CASE-B'],
		['K2', 'CASE-A']
	]),
	arms: new Map([['unaided', 'MOD-1']])
};
const read = (id: number, caseKey: string, marks: unknown[], supersedes: number | null = null) => ({
	id,
	reader: 'r1',
	arm: 'unaided',
	caseKey,
	supersedes,
	marks: JSON.stringify(marks)
});
/** K1: lesion F on frame 2 of image 1 (a box), lesion P on every frame of image 2 (a point). */
const lesions = new Map<string, CaseTruthLesion[]>([
	[
		'K1',
		[
			{
				id: 'F',
				weight: 0.5,
				attributes: {},
				regions: [
					{
						id: 'F',
						firstImage: 1,
						lastImage: 1,
						frame: 2,
						region: { kind: 'box', box: { x0: 0, y0: 0, x1: 10, y1: 10 } }
					}
				]
			},
			{
				id: 'P',
				weight: 0.5,
				attributes: {},
				regions: [
					{
						id: 'P',
						firstImage: 2,
						lastImage: 2,
						region: { kind: 'point', x: 50, y: 50, radiusMm: 0 }
					}
				]
			}
		]
	]
]);
const spacing = () => ({ x: 1, y: 1 });

describe('markRows', () => {
	it('matches a frame-bound region on its frame only, keeps box corners and read versions, sorts by code', () => {
		const rows = markRows(
			[
				read(1, 'K1', [
					{ image: 1, frame: 3, x: 5, y: 5, confidence: 90 },
					{ image: 1, frame: 2, x: 5, y: 5, confidence: 40, box: { x0: 1, y0: 1, x1: 9, y1: 9 } },
					{ image: 2, frame: 7, x: 55, y: 50, confidence: 30 }
				]),
				read(2, 'K2', [{ image: 1, x: 5, y: 5, confidence: 10 }]),
				read(3, 'K1', [{ image: 2, x: 80, y: 50, confidence: 20 }], 1)
			],
			lesions,
			{ criterion: 'distance', acceptanceMm: 10 },
			spacing,
			codes
		);
		expect(MARKS_HEADER).toHaveLength(16);
		expect(rows).toEqual([
			['RDR-A', 'MOD-1', 'CASE-A', 0, 10, 1, 0, 1, 1, null, 5, 5, null, null, null, null],
			['RDR-A', 'MOD-1', 'CASE-B', 0, 90, 1, 1, 1, 1, 3, 5, 5, null, null, null, null],
			['RDR-A', 'MOD-1', 'CASE-B', 'F', 40, 1, 1, 2, 1, 2, 5, 5, 1, 1, 9, 9],
			['RDR-A', 'MOD-1', 'CASE-B', 'P', 30, 1, 1, 3, 2, 7, 55, 50, null, null, null, null],
			['RDR-A', 'MOD-1', 'CASE-B', 0, 20, 2, 0, 1, 2, null, 80, 50, null, null, null, null]
		]);
	});

	it('leaves the lesion empty without truth lesions', () => {
		const rows = markRows(
			[read(1, 'K1', [{ image: 1, x: 5, y: 5, confidence: 10 }])],
			null,
			{ criterion: 'inside' },
			spacing,
			codes
		);
		expect(rows[0]![3]).toBeNull();
	});
});

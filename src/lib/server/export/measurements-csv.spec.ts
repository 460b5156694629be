import { describe, expect, it } from 'vitest';
import { MEASUREMENTS_HEADER, measurementRows } from './measurements-csv';

const length = {
	kind: 'length',
	image: 1,
	calibration: 'PixelSpacing',
	points: [
		[10, 10],
		[13, 14]
	],
	length: { value: 3.5, unit: 'mm' }
};
const roi = {
	kind: 'ellipse',
	image: 2,
	frame: 3,
	calibration: 'none',
	points: [
		[0, 0],
		[4, 2]
	],
	area: { value: 6.2832, unit: 'px2' },
	mean: { value: -864, unit: 'HU' },
	sd: { value: 58.554, unit: 'HU' },
	pixels: 7,
	confidence: 80
};

describe('measurementRows', () => {
	const codes = {
		readers: new Map([['r1', 'RDR-B']]),
		cases: new Map([['K1', 'CASE-A']]),
		arms: new Map([
			['unaided', 'MOD-2'],
			['aided', 'MOD-1']
		])
	};
	const read = (
		id: number,
		arm: string,
		measurements: unknown[],
		supersedes: number | null = null
	) => ({
		id,
		reader: 'r1',
		arm,
		caseKey: 'K1',
		supersedes,
		measurements: JSON.stringify(measurements)
	});

	it('writes each measurement under the codes, sorted by code, with versions and its values', () => {
		const rows = measurementRows(
			[read(1, 'unaided', [length]), read(2, 'aided', [roi]), read(3, 'unaided', [length, roi], 1)],
			codes
		);
		expect(rows.map((row) => row.length)).toEqual([23, 23, 23, 23]);
		expect(MEASUREMENTS_HEADER).toHaveLength(23);
		// MOD-1 (the aided read) sorts first although stored second.
		expect(rows[0]).toEqual([
			...['RDR-B', 'MOD-1', 'CASE-A', 1, 0, 1, 'ellipse', 2, 3, 'none'],
			...[0, 0, 4, 2, null, null, 6.2832, 'px2', -864, 58.554, 'HU', 7, 80]
		]);
		expect(rows[1]).toEqual([
			...['RDR-B', 'MOD-2', 'CASE-A', 1, 1, 1, 'length', 1, null, 'PixelSpacing'],
			...[10, 10, 13, 14, null, null, 3.5, 'mm', null, null, null, null, null]
		]);
		expect(rows.slice(2).map((row) => row.slice(3, 7))).toEqual([
			[2, 0, 1, 'length'],
			[2, 0, 2, 'ellipse']
		]);
	});
});

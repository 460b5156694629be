import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLesionRows, type LesionTableContext } from './lesion-table';

const CONTEXT: LesionTableContext = {
	truth: new Map<string, 0 | 1>([
		['C1', 1],
		['C2', 1],
		['N1', 0]
	]),
	imageCounts: new Map([
		['C1', 4],
		['C2', 30],
		['N1', 4]
	])
};

/** Rows from CSV-like lines (header first), numbered as in a file (header = line 1). */
function table(...lines: string[]) {
	const header = lines[0]!.split(',');
	const rows = lines.slice(1).map((line, index) => {
		const cells = line.split(',');
		return {
			line: index + 2,
			fields: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))
		};
	});
	return { header, rows };
}

function check(...lines: string[]) {
	const { header, rows } = table(...lines);
	return checkLesionRows(CONTEXT, header, rows);
}

const HEADER =
	'case_id,lesion_id,image,image_first,image_last,x,y,radius_mm,x0,y0,x1,y1,contour,weight,type';

describe('truth lesions file', () => {
	it('reads points, boxes, contours and slice ranges, one lesion on two views, with equal weights', () => {
		const { records, problems } = check(
			HEADER,
			'C1,1,1,,,495,2621,3.5,,,,,,,calcifications',
			'C1,1,3,,,523,1224,3.5,,,,,,,',
			'C1,2,2,,,,,,10,20,30,40,,,mass',
			'C2,A,,4,9,,,,,,,,1 1;5 1;3 4,,nodule'
		);
		expect(problems).toEqual([]);
		expect(records).toEqual([
			{
				caseKey: 'C1',
				id: '1',
				weight: 0.5,
				weightGiven: false,
				attributes: { type: 'calcifications' },
				line: 2,
				regions: [
					{
						id: '1',
						firstImage: 1,
						lastImage: 1,
						region: { kind: 'point', x: 495, y: 2621, radiusMm: 3.5 }
					},
					{
						id: '1',
						firstImage: 3,
						lastImage: 3,
						region: { kind: 'point', x: 523, y: 1224, radiusMm: 3.5 }
					}
				]
			},
			{
				caseKey: 'C1',
				id: '2',
				weight: 0.5,
				weightGiven: false,
				attributes: { type: 'mass' },
				line: 4,
				regions: [
					{
						id: '2',
						firstImage: 2,
						lastImage: 2,
						region: { kind: 'box', box: { x0: 10, y0: 20, x1: 30, y1: 40 } }
					}
				]
			},
			{
				caseKey: 'C2',
				id: 'A',
				weight: 1,
				weightGiven: false,
				attributes: { type: 'nodule' },
				line: 5,
				regions: [
					{
						id: 'A',
						firstImage: 4,
						lastImage: 9,
						region: {
							kind: 'contour',
							points: [
								[1, 1],
								[5, 1],
								[3, 4]
							]
						}
					}
				]
			}
		]);
	});

	it('takes given weights (once per lesion is enough) and keeps a frame', () => {
		const { records, problems } = check(
			'case_id,lesion_id,image,frame,x,y,weight',
			'C1,1,1,,10,10,0.25',
			'C1,1,3,,12,12,',
			'C1,2,2,,5,5,0.75',
			'C2,1,1,7,5,5,'
		);
		expect(problems).toEqual([]);
		expect(records.map((r) => [r.caseKey, r.id, r.weight, r.regions.length])).toEqual([
			['C1', '1', 0.25, 2],
			['C1', '2', 0.75, 1],
			['C2', '1', 1, 1]
		]);
		expect(records[2]!.regions[0]!.frame).toBe(7);
	});

	it('locates every problem by line and field', () => {
		const { problems } = check(
			'case_id,lesion_id,image,x,y,x0,y0,x1,y1,weight',
			'C9,1,1,1,1,,,,,', // 2: unknown case
			'N1,1,1,1,1,,,,,', // 3: lesion on a non-diseased case
			'C1,0,1,1,1,,,,,', // 4: lesion id 0
			'C1,1,5,1,1,,,,,', // 5: image beyond the case's 4
			'C1,2,1,1,,,,,,', // 6: a point without y
			'C1,3,1,,,1,2,3,,', // 7: a partial box
			'C1,4,1,1,1,1,2,3,4,', // 8: a point and a box
			'C1,5,1,,,,,,,', // 9: no geometry
			'C2,1,1,1,1,,,,,0.5', // 10
			'C2,2,1,1,1,,,,,0.4' // 11: C2's weights sum to 0.9
		);
		expect(problems).toEqual([
			{ line: 2, field: 'case_id', message: 'case "C9" is not in the case manifest' },
			{
				line: 3,
				field: 'case_id',
				message: 'case N1 is non-diseased in the truth file: it has no lesions'
			},
			{
				line: 4,
				field: 'lesion_id',
				message: 'lesion id 0 is reserved (it means a non-lesion localisation)'
			},
			{ line: 5, field: 'image', message: "image 5 is beyond the case's 4 images" },
			{ line: 6, field: 'y', message: 'missing: a point needs x, y' },
			{ line: 7, field: 'y1', message: 'missing: a box needs x0, y0, x1, y1' },
			{
				line: 8,
				field: undefined,
				message: 'one geometry per row: this row has a point and a box'
			},
			{
				line: 9,
				field: 'x',
				message: 'no geometry: give x, y (and radius_mm), or x0, y0, x1, y1, or a contour'
			},
			{ line: 10, field: 'weight', message: "the weights of case C2's lesions sum to 0.9, not 1" }
		]);
	});

	it('refuses a diseased case without lesions, weights on some lesions only, and two weights for one lesion', () => {
		expect(check('case_id,lesion_id,image,x,y', 'C1,1,1,1,1').problems).toEqual([
			{
				line: 1,
				field: 'case_id',
				message:
					"no lesion for diseased case(s) C2: a lesion-level analysis needs every diseased case's lesions"
			}
		]);
		expect(
			check('case_id,lesion_id,image,x,y,weight', 'C1,1,1,1,1,0.5', 'C1,2,1,2,2,', 'C2,1,1,1,1,')
				.problems
		).toEqual([
			{
				line: 3,
				field: 'weight',
				message: 'case C1 gives weights to some lesions but not to lesion 2: give all or none'
			}
		]);
		expect(
			check('case_id,lesion_id,image,x,y,weight', 'C1,1,1,1,1,0.5', 'C1,1,2,1,1,0.6', 'C2,1,1,1,1,')
				.problems[0]
		).toEqual({
			line: 3,
			field: 'weight',
			message: 'lesion 1 of case C1 has weight 0.5 on line 2'
		});
	});

	it('refuses an image range backwards or both image and a range, and a conflicting attribute', () => {
		const { problems } = check(
			'case_id,lesion_id,image,image_first,image_last,x,y,type',
			'C2,1,,9,4,1,1,mass',
			'C2,2,3,3,4,1,1,mass',
			'C1,1,1,,,1,1,mass',
			'C1,1,2,,,1,1,calcification'
		);
		expect(problems).toEqual([
			{ line: 2, field: 'image_last', message: 'image_last 4 comes before image_first 9' },
			{ line: 3, field: 'image', message: 'give image, or image_first and image_last, not both' },
			{ line: 5, field: 'type', message: 'lesion 1 of case C1 has type "mass" on line 4' }
		]);
	});
});

describe('truth lesions file, any input', () => {
	const cell = fc.oneof(
		fc.constantFrom('', '0', '1', '2', '0.5', '-1', 'x', '1e3', '3 4;5 6;7 8', 'K', 'C1', 'N1'),
		fc.string({ maxLength: 6 })
	);
	const columns = [
		'case_id',
		'lesion_id',
		'image',
		'image_last',
		'frame',
		'x',
		'y',
		'x0',
		'y1',
		'contour',
		'weight',
		'type'
	];
	it('never throws, locates every problem in the file, and accepted weights sum to 1 per case', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), {
					maxLength: 12
				}),
				(cells) => {
					const rows = cells.map((values, index) => ({
						line: index + 2,
						fields: Object.fromEntries(columns.map((c, i) => [c, values[i]!]))
					}));
					const { records, problems } = checkLesionRows(CONTEXT, columns, rows);
					for (const problem of problems) {
						expect(problem.line).toBeGreaterThanOrEqual(1);
						expect(problem.line).toBeLessThanOrEqual(rows.length + 1);
					}
					if (problems.length > 0) return;
					const sums = new Map<string, number>();
					for (const record of records)
						sums.set(record.caseKey, (sums.get(record.caseKey) ?? 0) + record.weight);
					for (const sum of sums.values()) expect(sum).toBeCloseTo(1, 9);
				}
			),
			{ seed: 20261205, numRuns: 400 }
		);
	});
});

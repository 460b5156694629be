// The lesion-level CSV pair: what it reads (weights, equal weights by default, NLs and LLs,
// unmarked lesions as −∞) and that every malformed input is refused naming file, line and field.
import { describe, expect, it } from 'vitest';
import {
	LesionInputError,
	parseLesionMarksCsv,
	parseLesionTruthCsv,
	parseLesionTruthTable
} from './lesion-csv';

const TRUTH = `case,lesion,weight,type
n1,0,0,
n2,0,0,
d1,1,0.75,mass
d1,2,0.25,calcification
d2,1,1,mass
`;

describe('the truth CSV', () => {
	it('reads cases, truth, lesions and weights in input order', () => {
		const truth = parseLesionTruthCsv(TRUTH);
		expect(truth.cases).toEqual(['n1', 'n2', 'd1', 'd2']);
		expect([...truth.truth]).toEqual([0, 0, 1, 1]);
		expect([...truth.lesionStart]).toEqual([0, 0, 0, 2, 3]);
		expect([...truth.lesionCase]).toEqual([2, 2, 3]);
		expect(truth.lesionIds).toEqual(['1', '2', '1']);
		expect([...truth.weights]).toEqual([0.75, 0.25, 1]);
	});

	it('gives equal weights when the weight column is absent', () => {
		const truth = parseLesionTruthCsv('case,lesion\nn1,0\nd1,1\nd1,2\nd1,3\n');
		expect([...truth.weights]).toEqual([1 / 3, 1 / 3, 1 / 3]);
	});

	it.each([
		['case,weight\nn1,0\n', "truth CSV line 1: missing column 'lesion'"],
		['case,lesion,weight\n', 'truth CSV: a header but no rows'],
		[
			'case,lesion,weight\nd1,1,0.5\nd1,2,0.3\n',
			"truth CSV line 2, field 'weight': the weights of case d1's lesions sum to 0.8, not 1"
		],
		[
			'case,lesion,weight\nd1,1,0.5\nd1,1,0.5\n',
			"truth CSV line 3, field 'lesion': lesion 1 of case d1 appears twice"
		],
		[
			'case,lesion,weight\nn1,0,0\nn1,1,1\n',
			"truth CSV line 3, field 'lesion': case n1 was listed as non-diseased (lesion 0) on line 2"
		],
		[
			'case,lesion,weight\nd1,1,1\nd1,0,0\n',
			"truth CSV line 3, field 'lesion': case d1 is listed as non-diseased (lesion 0) besides line 2"
		],
		[
			'case,lesion,weight\nn1,0,0.5\n',
			"truth CSV line 2, field 'weight': a non-diseased case (lesion 0) has weight 0, not 0.5"
		],
		[
			'case,lesion,weight\nd1,1,1.5\n',
			"truth CSV line 2, field 'weight': a lesion's weight lies in (0, 1], got 1.5"
		],
		[
			'case,lesion,weight\nd1,1,x\n',
			"truth CSV line 2, field 'weight': 'x' is not a finite number"
		],
		[
			'case,lesion,weight\nd1,1,0.5\nd1,2,\n',
			"truth CSV line 3, field 'weight': case d1 gives weights for some lesions only"
		],
		['case,lesion,weight\n,1,1\n', "truth CSV line 2, field 'case': is empty"]
	])('refuses %j: %s', (text, message) => {
		expect(() => parseLesionTruthCsv(text)).toThrow(LesionInputError);
		expect(() => parseLesionTruthCsv(text)).toThrow(message);
	});
});

describe('the marks CSV', () => {
	const truth = parseLesionTruthCsv(TRUTH);

	it('reads NLs per case (highest first) and each lesion’s LL; unmarked lesions are −∞', () => {
		const study = parseLesionMarksCsv(
			`reader,modality,case,lesion,rating
2,A,n1,0,3
2,A,n1,0,5
2,A,d1,2,4
10,A,d2,0,1
2,B,d2,1,2
`,
			truth
		);
		expect(study.readers).toEqual(['2', '10']);
		expect(study.modalities).toEqual(['A', 'B']);
		const marks = study.marks[0]![0]!;
		expect([...marks.nlStart]).toEqual([0, 2, 2, 2, 2]);
		expect([...marks.nl]).toEqual([5, 3]);
		expect([...marks.ll]).toEqual([-Infinity, 4, -Infinity]);
		expect([...study.marks[0]![1]!.nl]).toEqual([1]);
		expect([...study.marks[1]![0]!.ll]).toEqual([-Infinity, -Infinity, 2]);
		// Reader 10 has no marks in modality B: every lesion unmarked, no NLs.
		expect([...study.marks[1]![1]!.ll]).toEqual([-Infinity, -Infinity, -Infinity]);
	});

	it.each([
		['reader,modality,case,lesion\n1,A,n1,0\n', "marks CSV line 1: missing column 'rating'"],
		[
			'reader,modality,case,lesion,rating\n1,A,x9,0,3\n',
			"marks CSV line 2, field 'case': case x9 is not in the truth"
		],
		[
			'reader,modality,case,lesion,rating\n1,A,d1,7,3\n',
			"marks CSV line 2, field 'lesion': lesion 7 is not a lesion of case d1 in the truth"
		],
		[
			'reader,modality,case,lesion,rating\n1,A,n1,1,3\n',
			"marks CSV line 2, field 'lesion': case n1 is non-diseased: a mark on it is an NL (lesion 0), not lesion 1"
		],
		[
			'reader,modality,case,lesion,rating\n1,A,d1,1,3\n1,A,d1,1,4\n',
			"marks CSV line 3, field 'lesion': lesion 1 of case d1 is localised twice by reader 1 in modality A (also line 2)"
		],
		[
			'reader,modality,case,lesion,rating\n1,A,d1,1,high\n',
			"marks CSV line 2, field 'rating': 'high' is not a finite number"
		],
		[
			'reader,modality,case,lesion,rating\n,A,d1,1,3\n',
			"marks CSV line 2, field 'reader': is empty"
		]
	])('refuses %j: %s', (text, message) => {
		expect(() => parseLesionMarksCsv(text, truth)).toThrow(LesionInputError);
		expect(() => parseLesionMarksCsv(text, truth)).toThrow(message);
	});
});

// The blind export's pair (its lesions.csv and marks.csv): attribute columns after
// case,lesion,weight, and marks with their read version, position and geometry, every stored
// version of a corrected read kept with superseded = 1 on the earlier ones.
describe('the blind export’s lesions.csv and marks.csv', () => {
	const LESIONS = `case,lesion,weight,type,size_mm
CASE-00000A,0,0,,
CASE-00000B,1,0.5,mass,12
CASE-00000B,2,0.5,calcification,4
CASE-00000C,1,1,mass,30
`;
	const MARKS = `reader,modality,case,lesion,rating,read_version,superseded,mark,image,frame,x,y,x0,y0,x1,y1
RDR-000001,MOD-00000A,CASE-00000A,0,40,1,0,1,1,,10,12,,,,
RDR-000001,MOD-00000A,CASE-00000B,1,80,1,1,1,2,,50,50,,,,
RDR-000001,MOD-00000A,CASE-00000B,0,20,1,1,2,2,,90,10,,,,
RDR-000001,MOD-00000A,CASE-00000B,1,70,2,0,1,2,,51,50,,,,
RDR-000001,MOD-00000A,CASE-00000C,1,55,1,0,1,1,,5,5,1,1,9,9
RDR-000002,MOD-00000A,CASE-00000A,0,30,1,0,1,1,,8,8,,,,
`;

	it('reads the lesions with their attributes', () => {
		const { truth, attributes } = parseLesionTruthTable(LESIONS, 'lesions.csv');
		expect(truth.cases).toEqual(['CASE-00000A', 'CASE-00000B', 'CASE-00000C']);
		expect([...truth.weights]).toEqual([0.5, 0.5, 1]);
		expect(attributes.columns).toEqual(['type', 'size_mm']);
		expect(attributes.values).toEqual([
			['mass', '12'],
			['calcification', '4'],
			['mass', '30']
		]);
		expect(parseLesionTruthCsv(LESIONS)).toEqual(truth);
	});

	it('leaves out the marks of superseded read versions', () => {
		const study = parseLesionMarksCsv(MARKS, parseLesionTruthCsv(LESIONS), 'marks.csv');
		expect(study.readers).toEqual(['RDR-000001', 'RDR-000002']);
		const first = study.marks[0]![0]!;
		// Version 2 of the read of CASE-00000B: lesion 1 at 70, the NL at 20 was corrected away.
		expect([...first.ll]).toEqual([70, -Infinity, 55]);
		expect([...first.nlStart]).toEqual([0, 1, 1, 1]);
		expect([...first.nl]).toEqual([40]);
	});

	it('refuses a superseded cell that is not 0 or 1, naming line and field', () => {
		const text = 'reader,modality,case,lesion,rating,superseded\nR1,M1,CASE-00000A,0,3,yes\n';
		expect(() => parseLesionMarksCsv(text, parseLesionTruthCsv(LESIONS), 'marks.csv')).toThrow(
			"marks.csv line 2, field 'superseded': 'yes' must be 0 or 1"
		);
	});
});

import { describe, expect, it } from 'vitest';
import { anxiety } from './agreement-data.fixture';
import { intraclassCorrelation, type IccForm } from './intraclass-correlation';

// Shrout & Fleiss (1979) Psychol Bull 86:420, Table 2: 6 targets rated by 4 judges.
const shroutFleiss = [
	[9, 2, 5, 8],
	[6, 1, 3, 2],
	[8, 4, 6, 8],
	[7, 1, 2, 6],
	[10, 5, 6, 9],
	[6, 2, 4, 7]
];

describe('intraclassCorrelation — Shrout & Fleiss 1979 Table 2', () => {
	const result = intraclassCorrelation(shroutFleiss);
	const form = (name: IccForm) => result.forms.find((row) => row.form === name);

	it('gives the Table 3 mean squares BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02', () => {
		expect(result.meanSquares.between).toBeCloseTo(11.24, 2);
		expect(result.meanSquares.within).toBeCloseTo(6.26, 2);
		expect(result.meanSquares.raters).toBeCloseTo(32.49, 2);
		expect(result.meanSquares.error).toBeCloseTo(1.02, 2);
	});

	it('gives the Table 4 values ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71, ICC(1,4) .44, ICC(2,4) .62, ICC(3,4) .91', () => {
		const published: Array<[IccForm, number]> = [
			['ICC(1,1)', 0.17],
			['ICC(2,1)', 0.29],
			['ICC(3,1)', 0.71],
			['ICC(1,k)', 0.44],
			['ICC(2,k)', 0.62],
			['ICC(3,k)', 0.91]
		];
		for (const [name, value] of published) expect(form(name)?.estimate).toBeCloseTo(value, 2);
	});

	it('gives the McGraw–Wong intervals printed by R psych::ICC for these data', () => {
		// psych::ICC(sf) lower / upper bounds: ICC1 −0.133 / 0.72, ICC2 0.019 / 0.76,
		// ICC3 0.342 / 0.95, ICC1k −0.884 / 0.91, ICC2k 0.071 / 0.93, ICC3k 0.676 / 0.99.
		const published: Array<[IccForm, number, number, number]> = [
			['ICC(1,1)', -0.133, 0.72, 3],
			['ICC(2,1)', 0.019, 0.76, 3],
			['ICC(3,1)', 0.342, 0.95, 3],
			['ICC(1,k)', -0.884, 0.91, 3],
			['ICC(2,k)', 0.071, 0.93, 3],
			['ICC(3,k)', 0.676, 0.99, 3]
		];
		for (const [name, lower, upper, digits] of published) {
			expect(form(name)?.ciLower).toBeCloseTo(lower, digits);
			expect(form(name)?.ciUpper).toBeCloseTo(upper, 2);
		}
	});

	it('gives psych’s F tests: F = 1.8 on (5, 18), p = 0.16477 and F = 11.0 on (5, 15), p = 0.00013', () => {
		expect(form('ICC(1,1)')?.f).toBeCloseTo(1.8, 1);
		expect(form('ICC(1,1)')?.df2).toBe(18);
		expect(form('ICC(1,1)')?.p).toBeCloseTo(0.16477, 5);
		expect(form('ICC(3,1)')?.f).toBeCloseTo(11.0, 1);
		expect(form('ICC(3,1)')?.df2).toBe(15);
		expect(form('ICC(3,1)')?.p).toBeCloseTo(0.00013, 5);
	});
});

describe('intraclassCorrelation — R irr::icc documented example (anxiety, twoway agreement)', () => {
	it('gives ICC(A,1) = 0.198 with 95 % interval −0.039 < ICC < 0.494', () => {
		const agreement = intraclassCorrelation(anxiety).forms.find((row) => row.form === 'ICC(2,1)');
		expect(agreement?.estimate).toBeCloseTo(0.198, 3);
		expect(agreement?.f).toBeCloseTo(1.83, 2);
		expect(agreement?.ciLower).toBeCloseTo(-0.039, 3);
		expect(agreement?.ciUpper).toBeCloseTo(0.494, 3);
		// irr prints p = 0.0543 on (19, 39.7) df, re-using the interval's Satterthwaite v; the
		// F test of H0: ρ = 0 in McGraw & Wong's Table 8 has v = (n − 1)(k − 1) = 38.
		expect(agreement?.df2).toBe(38);
	});
});

describe('intraclassCorrelation — refusals', () => {
	it('refuses ragged or degenerate ratings', () => {
		expect(() => intraclassCorrelation([[1, 2], [3]])).toThrow(
			/every rater must rate every subject/
		);
		expect(() => intraclassCorrelation([[1, 2]])).toThrow(/at least 2 subjects/);
		expect(() =>
			intraclassCorrelation([
				[1, 2],
				[3, 4]
			])
		).toThrow(/no residual variation/);
	});
});

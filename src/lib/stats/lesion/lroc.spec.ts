import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../input/lesion-csv';
import { analyzeLesionStudy } from './analyze-lesions';
import { lesionFigure } from './lesion-figures';
import type { LesionStudy } from './lesion-study';
import { alrocFom, pclFom } from './lroc';

const TRUTH = [
	'case,lesion,weight',
	'n1,0,0',
	'n2,0,0',
	'n3,0,0',
	'n4,0,0',
	'd1,1,1',
	'd2,1,1',
	'd3,1,1',
	'd4,1,1'
];
// n1 unmarked; FPs 1, 2, 4. d1 CL 5; d2 LL 3 under an NL 4 on it (incorrect localisation);
// d3 CL 2; d4 unmarked. FP = {1, 2, 4} of 4, CL = {5, 2} of 4.
const MARKS = [
	'reader,modality,case,lesion,rating',
	'r1,A,n2,0,1',
	'r1,A,n3,0,2',
	'r1,A,n4,0,4',
	'r1,A,d1,1,5',
	'r1,A,d2,1,3',
	'r1,A,d2,0,4',
	'r1,A,d3,1,2'
];

function study(truthLines: string[], markLines: string[]): LesionStudy {
	const truth = parseLesionTruthCsv(`${truthLines.join('\n')}\n`);
	return parseLesionMarksCsv(`${markLines.join('\n')}\n`, truth);
}

const estimate = (figure: ReturnType<typeof pclFom>, s: LesionStudy) =>
	figure.compute(s, s.marks[0]![0]!).estimate;

describe('PCL and ALROC by hand', () => {
	// Operating points from the highest rating down: 5 → (0, ¼), 4 → (¼, ¼), 2 → (½, ½),
	// 1 → (¾, ½), then flat to (1, ½).
	const hand = study(TRUTH, MARKS);

	it.each([
		[0.2, 0.25], // between (0, ¼) and (¼, ¼)
		[0.25, 0.25],
		[0.4, 0.25 + 0.6 * 0.25], // ⅗ of the way from (¼, ¼) to (½, ½)
		[0.6, 0.5],
		[1, 0.5]
	])('PCL at FPF %s is %s', (fpf, expected) => {
		expect(estimate(pclFom(fpf), hand)).toBeCloseTo(expected, 14);
	});

	it.each([
		[0.2, 0.2 * 0.25], // the vertical step at FPF 0 adds nothing; then height ¼
		[0.4, 0.0625 + (0.15 * (0.25 + 0.4)) / 2],
		[1, 0.0625 + (0.25 * (0.25 + 0.5)) / 2 + 0.125 + 0.125]
	])('ALROC to FPF %s is %s', (fpf, expected) => {
		expect(estimate(alrocFom(fpf), hand)).toBeCloseTo(expected, 14);
	});

	it('counts a diseased case whose LL ties its highest NL as incorrectly localised', () => {
		const tied = study(TRUTH, [...MARKS.slice(0, 4), 'r1,A,d1,0,5', ...MARKS.slice(4)]);
		// d1 is no longer a CL: CL = {2}; the points are (0, 0), (¼, 0), (½, ¼), (¾, ¼), (1, ¼).
		expect(estimate(pclFom(1), tied)).toBeCloseTo(0.25, 14);
		expect(estimate(alrocFom(0.5), tied)).toBeCloseTo((0.25 * 0.25) / 2, 14);
	});

	it("reproduces RJafroc's own check of LrocFoms (ChkLrocFoms: FPF 0.2 → PCL 0.4, ALROC 0.08)", () => {
		const fp = [0, 0, 0, 0, 1.424443];
		const cl = [0.5542791, 1.2046176, null, 3.4596787, 2.732657];
		const truth = [
			'case,lesion,weight',
			...fp.map((_, k) => `n${k},0,0`),
			...cl.map((_, k) => `d${k},1,1`)
		];
		const marks = [
			'reader,modality,case,lesion,rating',
			...fp.map((rating, k) => `1,1,n${k},0,${rating}`),
			...cl.flatMap((rating, k) => (rating === null ? [] : [`1,1,d${k},1,${rating}`]))
		];
		const s = study(truth, marks);
		expect(estimate(pclFom(0.2), s)).toBeCloseTo(0.4, 14);
		expect(estimate(alrocFom(0.2), s)).toBeCloseTo(0.08, 14);
	});

	it('leaves each case out as if it were not in the study', () => {
		for (const figure of [pclFom(0.4), alrocFom(0.6)]) {
			const out = figure.compute(hand, hand.marks[0]![0]!).leaveOneOut();
			hand.cases.forEach((id, k) => {
				const without = study(
					TRUTH.filter((line) => !line.startsWith(`${id},`)),
					MARKS.filter((line) => !line.startsWith(`r1,A,${id},`))
				);
				expect(out[k], `${figure.name} without ${id}`).toBeCloseTo(estimate(figure, without), 14);
			});
		}
	});

	it('refuses an FPF outside (0, 1]', () => {
		expect(() => lesionFigure('pcl', { fpf: 0 })).toThrow('must lie in (0, 1], got 0');
		expect(() => lesionFigure('alroc', { fpf: 1.5 })).toThrow('must lie in (0, 1], got 1.5');
	});
});

/** A random LROC reader: one rating 1–5 (or none) per case, each diseased mark CL or IL. */
const readerArb: fc.Arbitrary<LrocReader> = fc.record({
	normal: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), {
		minLength: 1,
		maxLength: 12
	}),
	diseased: fc.array(
		fc.record({
			rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
			correct: fc.boolean()
		}),
		{ minLength: 1, maxLength: 12 }
	)
});

interface LrocReader {
	normal: Array<number | null>;
	diseased: Array<{ rating: number | null; correct: boolean }>;
}

function readerStudy(reader: LrocReader): LesionStudy {
	const truth = [
		'case,lesion,weight',
		...reader.normal.map((_, k) => `n${k},0,0`),
		...reader.diseased.map((_, k) => `d${k},1,1`)
	];
	const marks = [
		'reader,modality,case,lesion,rating',
		...reader.normal.flatMap((rating, k) => (rating === null ? [] : [`1,1,n${k},0,${rating}`])),
		...reader.diseased.flatMap(({ rating, correct }, k) =>
			rating === null ? [] : [`1,1,d${k},${correct ? 1 : 0},${rating}`]
		)
	];
	// A study needs a mark: give the first non-diseased case one when the draw has none.
	if (marks.length === 1) marks.push('1,1,n0,0,1');
	return study(truth, marks);
}

const fpfArb = fc.double({ min: 0.01, max: 1, noNaN: true });

describe('PCL and ALROC properties', () => {
	it('with every case marked and every mark correct, ALROC to FPF 1 is the Wilcoxon AUC (ties ½)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 15 }),
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 15 }),
				(normal, diseased) => {
					const s = readerStudy({
						normal,
						diseased: diseased.map((rating) => ({ rating, correct: true }))
					});
					let wins = 0;
					for (const x of normal) for (const y of diseased) wins += y > x ? 1 : y === x ? 0.5 : 0;
					expect(estimate(alrocFom(1), s)).toBeCloseTo(wins / normal.length / diseased.length, 12);
				}
			),
			{ seed: 1804, numRuns: 200 }
		);
	});

	it('PCL rises with the FPF to at most the share of correct localisations, and ALROC ≤ FPF · PCL', () => {
		fc.assert(
			fc.property(readerArb, fpfArb, fpfArb, (reader, a, b) => {
				const s = readerStudy(reader);
				const [low, high] = a <= b ? [a, b] : [b, a];
				const pclLow = estimate(pclFom(low), s);
				const pclHigh = estimate(pclFom(high), s);
				const correct = reader.diseased.filter((d) => d.correct && d.rating !== null).length;
				expect(pclLow).toBeLessThanOrEqual(pclHigh + 1e-12);
				expect(pclHigh).toBeLessThanOrEqual(correct / reader.diseased.length + 1e-12);
				const area = estimate(alrocFom(high), s);
				expect(area).toBeGreaterThanOrEqual(0);
				expect(area).toBeLessThanOrEqual(high * pclHigh + 1e-12);
			}),
			{ seed: 1805, numRuns: 200 }
		);
	});

	it('does not depend on the order of the cases, and doubling every case changes nothing', () => {
		fc.assert(
			fc.property(readerArb, fpfArb, (reader, fpf) => {
				const s = readerStudy(reader);
				const reversed = readerStudy({
					normal: [...reader.normal].reverse(),
					diseased: [...reader.diseased].reverse()
				});
				for (const figure of [pclFom(fpf), alrocFom(fpf)]) {
					const computation = figure.compute(s, s.marks[0]![0]!);
					expect(estimate(figure, reversed)).toBeCloseTo(computation.estimate, 12);
					const twice = new Float64Array(s.cases.length).fill(2);
					expect(computation.weightedEstimate(twice)).toBeCloseTo(computation.estimate, 12);
				}
			}),
			{ seed: 1806, numRuns: 150 }
		);
	});
});

describe('an OR analysis of PCL', () => {
	it('runs the jackknife over every case and says how PCL was read', () => {
		const lines = ['reader,modality,case,lesion,rating'];
		const truth = ['case,lesion,weight'];
		for (let k = 0; k < 12; k++) truth.push(k < 6 ? `n${k},0,0` : `d${k},1,1`);
		for (const reader of ['1', '2', '3'])
			for (const modality of ['A', 'B'])
				for (let k = 0; k < 12; k++) {
					const rating = ((k * 7 + Number(reader) * 3 + (modality === 'B' ? 2 : 0)) % 5) + 1;
					const correct = (k + Number(reader)) % 3 !== 0;
					lines.push(
						`${reader},${modality},${k < 6 ? 'n' : 'd'}${k},${k >= 6 && correct ? 1 : 0},${rating}`
					);
				}
		const s = study(truth, lines);
		const report = analyzeLesionStudy(s, {
			fom: 'pcl',
			fpf: 0.5,
			covariance: 'jackknife',
			method: 'or'
		});
		expect(report.design.jackknifeCases).toBe(12);
		const first = report.fomTable.find((row) => row.reader === '1' && row.modality === 'A');
		expect(first?.estimate).toBeCloseTo(estimate(pclFom(0.5), s), 14);
		expect(report.notes.join('\n')).toContain('PCL at FPF 0.5 (LROC)');
	});
});

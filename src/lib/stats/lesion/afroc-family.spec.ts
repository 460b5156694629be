// The AFROC family against its definition, written out pair by pair (Chakraborty 2017, ch. 13:
// θ = Σ_f Σ_l w_l ψ(FP_f, LL_l) / (#FP · Σ lesion weight)), on random small studies with ties and
// unmarked lesions: the estimate, every leave-one-case-out value (recomputed without the case)
// and the bootstrap estimate with integer multiplicities (the study with cases repeated).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afrocFom } from './afroc';
import { afroc1Fom } from './afroc1';
import { hrAucFom } from './hr-auc';
import type { LesionFigure } from './lesion-figure';
import { lesionSensitivityFom } from './lesion-sensitivity';
import { nlPerImageFom } from './nl-per-image';
import { wafrocFom } from './wafroc';
import { wafroc1Fom } from './wafroc1';
import { buildLesionCases, type LesionCase } from '$fixtures/stats/lesion-study.fixture';

type Case = LesionCase;
const build = (cases: Case[]) => buildLesionCases(cases);

const psi = (fp: number, ll: number) => (ll > fp ? 1 : ll === fp ? 0.5 : 0);
const highest = (c: Case) => Math.max(-Infinity, ...c.nl);

/** The definition, pair by pair. */
function afrocByDefinition(cases: Case[], fromAll: boolean, declared: boolean): number {
	const fps = cases.filter((c) => fromAll || c.lesions.length === 0).map(highest);
	const diseased = cases.filter((c) => c.lesions.length > 0);
	let sum = 0;
	let lesionTotal = 0;
	for (const c of diseased) {
		const total = c.lesions.reduce((s, lesion) => s + lesion.weight, 0);
		lesionTotal += declared ? 1 : c.lesions.length;
		for (const lesion of c.lesions) {
			const w = declared ? lesion.weight / total : 1;
			for (const fp of fps) sum += w * psi(fp, lesion.rating ?? -Infinity);
		}
	}
	return sum / (fps.length * lesionTotal);
}

function hrAucByDefinition(cases: Case[]): number {
	const rating = (c: Case) =>
		Math.max(highest(c), ...c.lesions.map((lesion) => lesion.rating ?? -Infinity));
	const normal = cases.filter((c) => c.lesions.length === 0).map(rating);
	const abnormal = cases.filter((c) => c.lesions.length > 0).map(rating);
	let sum = 0;
	for (const a of abnormal) for (const n of normal) sum += psi(n, a);
	return sum / (normal.length * abnormal.length);
}

function lesionSensitivityByDefinition(cases: Case[]): number {
	const lesions = cases.flatMap((c) => c.lesions);
	return lesions.filter((lesion) => lesion.rating !== null).length / lesions.length;
}

function nlPerImageByDefinition(cases: Case[]): number {
	const normal = cases.filter((c) => c.lesions.length === 0);
	return normal.reduce((sum, c) => sum + c.nl.length, 0) / normal.length;
}

const FIGURES: Array<[LesionFigure, (cases: Case[]) => number]> = [
	[wafrocFom, (cases) => afrocByDefinition(cases, false, true)],
	[afrocFom, (cases) => afrocByDefinition(cases, false, false)],
	[wafroc1Fom, (cases) => afrocByDefinition(cases, true, true)],
	[afroc1Fom, (cases) => afrocByDefinition(cases, true, false)],
	[hrAucFom, hrAucByDefinition],
	[lesionSensitivityFom, lesionSensitivityByDefinition],
	[nlPerImageFom, nlPerImageByDefinition]
];

const rating = fc.integer({ min: 1, max: 4 });
const lesion = fc.record({
	weight: fc.integer({ min: 1, max: 3 }),
	rating: fc.option(rating, { nil: null })
});
const normalCase = fc.record({
	lesions: fc.constant([] as Case['lesions']),
	nl: fc.array(rating, { maxLength: 3 })
});
const diseasedCase = fc.record({
	lesions: fc.array(lesion, { minLength: 1, maxLength: 3 }),
	nl: fc.array(rating, { maxLength: 2 })
});
/** At least two cases of each class, so that every leave-one-out figure exists. */
const study = fc
	.tuple(
		fc.array(normalCase, { minLength: 2, maxLength: 6 }),
		fc.array(diseasedCase, { minLength: 2, maxLength: 6 }),
		fc.integer()
	)
	.map(([normal, diseased, seed]) => {
		const all = [...normal, ...diseased];
		// Interleave the classes deterministically from the seed.
		return all
			.map((c, i) => ({ c, key: Math.imul(i + 1, seed | 1) >>> 0 }))
			.sort((a, b) => a.key - b.key)
			.map(({ c }) => c);
	});

describe('lesion-level figures of merit against their definitions', () => {
	it.each(FIGURES.map(([figure, definition]) => [figure.name, figure, definition] as const))(
		'%s: estimate, leave-one-case-out and bootstrap multiplicities',
		(_name, figure, definition) => {
			fc.assert(
				fc.property(
					study,
					fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 }),
					(cases, times) => {
						const { truth, marks } = build(cases);
						const computation = figure.compute(truth, marks);
						expect(computation.estimate).toBeCloseTo(definition(cases), 12);
						const jackknife = figure.jackknifeCases(truth.truth);
						const out = computation.leaveOneOut();
						expect(out).toHaveLength(jackknife.length);
						jackknife.forEach((k, i) => {
							const without = cases.filter((_, other) => other !== k);
							expect(out[i]).toBeCloseTo(definition(without), 12);
						});
						// Multiplicities 0–2, keeping at least one case of each class with weight.
						const multiplicity = Float64Array.from(
							cases,
							(_, k) => times[k % times.length] as number
						);
						for (const cls of [0, 1])
							if (!cases.some((_, k) => truth.truth[k] === cls && multiplicity[k]! > 0))
								multiplicity[truth.truth.indexOf(cls)] = 1;
						const repeated = cases.flatMap((c, k) =>
							Array.from({ length: multiplicity[k]! }, () => c)
						);
						expect(computation.weightedEstimate(multiplicity)).toBeCloseTo(
							definition(repeated),
							12
						);
					}
				),
				{ seed: 20261205, numRuns: 150 }
			);
		}
	);

	it('works a small wAFROC by hand: two normal cases, two diseased, weights ¾ / ¼', () => {
		// FP ratings (highest NL): normal A = 2, normal B = −∞ (no marks).
		// Case C: one lesion rated 3 (weight 1). Case D: lesions rated 2 (¾) and unmarked (¼).
		// ψ sums: C vs A 1, C vs B 1; D1 vs A ½, D1 vs B 1; D2 vs A 0, D2 vs B ½.
		// θ = [1 + 1 + ¾(½ + 1) + ¼(0 + ½)] / (2 · 2) = (2 + 1.125 + 0.125) / 4 = 0.8125.
		const { truth, marks } = build([
			{ lesions: [], nl: [2, 1] },
			{ lesions: [], nl: [] },
			{ lesions: [{ weight: 1, rating: 3 }], nl: [] },
			{
				lesions: [
					{ weight: 3, rating: 2 },
					{ weight: 1, rating: null }
				],
				nl: [4]
			}
		]);
		expect(wafrocFom.compute(truth, marks).estimate).toBe(0.8125);
		// AFROC: every lesion counts 1: (1 + 1 + 1.5 + 0.5) / (2 · 3) = 4 / 6.
		expect(afrocFom.compute(truth, marks).estimate).toBeCloseTo(4 / 6, 15);
		// HrAuc: ratings A 2, B −∞, C 3, D 4 → C, D above both normals: 1.
		expect(hrAucFom.compute(truth, marks).estimate).toBe(1);
		expect(lesionSensitivityFom.compute(truth, marks).estimate).toBeCloseTo(2 / 3, 15);
		expect(nlPerImageFom.compute(truth, marks).estimate).toBe(1);
	});
});

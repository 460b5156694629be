// Power from a wAFROC pilot: the FED study (RJafroc's dataset04, 4 readers × 5 modalities × 200
// cases) gives the OR variance components RJafroc 2.1.3 printed for wAFROC, and those feed the
// Hillis–Obuchowski–Berbaum (2011) formulas — the computation of RJafroc's SsPowerGivenJK — like
// an AUC pilot's. The powers below were worked from the published formulas with FED's printed
// components (σ²_TR = −0.000305 truncated to 0, Cov2 − Cov3 = 0.0000318444), independently of
// this code, with SciPy's noncentral F and t distributions:
//   J = 10, K = 200, d = 0.03, two-sided α 0.05: D = 0.000792647257, M = 0.000474203271,
//     ddf = 9·(D/M)² = 25.1463, λ = J·d²/(2D) = 5.67718 → power 0.6297097696
//   J = 5, K = 300, d = 0.03, two-sided α 0.05: ddf 7.13710, λ 5.32817 → power 0.5142186692
//   J = 6, K = 200, d = 0, non-inferiority δ = 0.05, one-sided α 0.025: ddf 9.84093,
//     noncentrality δ/√(2D/J) = 3.35762 → power 0.8547173634
// (RJafroc's documentation prints no wAFROC power for FED to compare with.)
import { describe, expect, it } from 'vitest';
import { referenceText } from '$fixtures/stats/reference-reads.fixture';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../input/lesion-csv';
import { orPower } from './hillis-obuchowski-berbaum';
import { pilotFromJson, pilotFromLesionStudy } from './pilot-components';

const fed = JSON.parse(referenceText('froc/fed.expected.json')) as {
	design: { cases: number };
	results: Record<
		string,
		{
			variance_components: Record<string, number>;
			rrrc: { diffs: Array<{ modality_a: string; modality_b: string; estimate: number }> };
		}
	>;
};
const printed = fed.results['wAFROC.jackknife.or']!;
const study = parseLesionMarksCsv(
	referenceText('froc/fed.marks.csv'),
	parseLesionTruthCsv(referenceText('froc/fed.truth.csv'))
);
const relative = (actual: number, wanted: number) =>
	expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(1e-9 * Math.abs(wanted));

describe('a wAFROC pilot (FED)', () => {
	const { pilot, observedDifference, orientation } = pilotFromLesionStudy(study, {
		test: '2',
		reference: '1'
	});

	it('takes the OR components RJafroc printed for FED’s wAFROC', () => {
		const v = printed.variance_components;
		relative(pilot.varTR, v.var_tr!);
		relative(pilot.variance, v.var!);
		relative(pilot.cov1, v.cov1!);
		relative(pilot.cov2, v.cov2!);
		relative(pilot.cov3, v.cov3!);
		expect(pilot.cases).toBe(200);
		// RJafroc lists 1 − 2; the pilot's difference is test (2) − reference (1).
		expect(orientation).toEqual({ test: '2', reference: '1' });
		relative(observedDifference, -printed.rrrc.diffs[0]!.estimate);
	});

	it('gives the powers worked by hand from the published formulas', () => {
		const twoSided = { effect: 0.03, margin: 0, alpha: 0.05, test: 'two-sided' } as const;
		const ten = orPower(pilot, 10, 200, twoSided);
		expect(ten.ddf).toBeCloseTo(25.146256558829315, 8);
		expect(ten.noncentrality).toBeCloseTo(5.677178540079528, 9);
		expect(ten.power).toBeCloseTo(0.6297097696495577, 7);
		expect(orPower(pilot, 5, 300, twoSided).power).toBeCloseTo(0.5142186692106816, 7);
		const oneSided = { effect: 0, margin: 0.05, alpha: 0.025, test: 'one-sided' } as const;
		const six = orPower(pilot, 6, 200, oneSided);
		expect(six.ddf).toBeCloseTo(9.840934773562266, 8);
		expect(six.noncentrality).toBeCloseTo(3.3576217693540795, 9);
		expect(six.power).toBeCloseTo(0.8547173633799177, 7);
	});

	it('reads the same components from `tandem analyze --fom wafroc --format json`', () => {
		const { pilot: fromJson } = pilotFromJson({ ...printed, design: fed.design });
		expect(fromJson).toEqual({
			varTR: printed.variance_components.var_tr,
			variance: printed.variance_components.var,
			cov1: printed.variance_components.cov1,
			cov2: printed.variance_components.cov2,
			cov3: printed.variance_components.cov3,
			cases: 200
		});
	});

	it('finds a lesion-level endpoint in a report’s analysis.json by its protocol metric', () => {
		const endpoint = (metric: string, varTR: number) => ({
			endpoint: { metric, group: 'secondary' },
			report: {
				or: { varianceComponents: { varTR, variance: 1, cov1: 0.5, cov2: 0.2, cov3: 0.1 } },
				design: { cases: 40 }
			}
		});
		const document = {
			analysis: { endpoints: [endpoint('wafroc', 0.01), endpoint('lesion_sensitivity', 0.02)] }
		};
		expect(pilotFromJson(document, 'wafroc').pilot.varTR).toBe(0.01);
		expect(pilotFromJson(document, 'lesion-sensitivity')).toMatchObject({
			pilot: { varTR: 0.02, cases: 40 },
			source: 'the lesion-sensitivity endpoint (secondary)'
		});
	});

	it('asks for the pair when the pilot has more than two modalities and none is named', () => {
		expect(() => pilotFromLesionStudy(study)).toThrow(/name the pair with --reference and --test/);
	});
});

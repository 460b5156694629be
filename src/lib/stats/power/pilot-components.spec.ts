import { describe, expect, it } from 'vitest';
import { referenceText as read } from '../../../../tests/reference/reference-files';
import { parseLongCsv } from '../input/long-csv';
import { pilotFromJson, pilotFromStudy } from './pilot-components';

describe('pilotFromJson', () => {
	it('reads the analysis report (MRMCaov’s Van Dyke output has the same keys)', () => {
		const { pilot } = pilotFromJson(JSON.parse(read('vandyke.auc.jackknife.expected.json')));
		expect(pilot.cases).toBe(114);
		expect(pilot.varTR).toBe(0.00020040252358146093);
		expect(pilot.cov3).toBe(0.00023902837089215175);
	});

	it('reads a bare object and names a missing component', () => {
		const bare = {
			var_tr: 0.0002,
			var: 0.0008,
			cov1: 0.00035,
			cov2: 0.00034,
			cov3: 0.00024,
			cases: 114
		};
		expect(pilotFromJson(bare).pilot.variance).toBe(0.0008);
		expect(() => pilotFromJson({ ...bare, cov2: 'x' })).toThrow(/finite number at cov2/);
		expect(() =>
			pilotFromJson({ variance_components: { var_tr: 1 }, design: { cases: 10 } })
		).toThrow(/variance_components\.var,/);
		expect(() => pilotFromJson({ ...bare, cases: 1.5 })).toThrow(/whole number/);
	});
});

describe('pilotFromStudy', () => {
	it('reproduces MRMCaov’s Van Dyke OR components from the reads (jackknife)', () => {
		const expected = JSON.parse(read('vandyke.auc.jackknife.expected.json')) as {
			variance_components: Record<string, number>;
			rrrc: { diffs: Array<{ estimate: number }> };
		};
		const { pilot, observedDifference } = pilotFromStudy(parseLongCsv(read('vandyke.csv')));
		const components = expected.variance_components;
		expect(pilot.varTR).toBeCloseTo(components.var_tr as number, 12);
		expect(pilot.variance).toBeCloseTo(components.var as number, 12);
		expect(pilot.cov1).toBeCloseTo(components.cov1 as number, 12);
		expect(pilot.cov2).toBeCloseTo(components.cov2 as number, 12);
		expect(pilot.cov3).toBeCloseTo(components.cov3 as number, 12);
		expect(pilot.cases).toBe(114);
		// MRMCaov lists 1 − 2 = −0.0438; the pilot's difference is test − reference (2 − 1 unless named).
		expect(observedDifference).toBeCloseTo(-(expected.rrrc.diffs[0]?.estimate as number), 12);
		const named = pilotFromStudy(parseLongCsv(read('vandyke.csv')), { test: '1', reference: '2' });
		expect(named.observedDifference).toBeCloseTo(expected.rrrc.diffs[0]?.estimate as number, 12);
		expect(named.orientationText).toBe('test (1) − reference (2)');
	});
});

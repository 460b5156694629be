import { describe, expect, it } from 'vitest';
import { orPower, type PilotComponents } from './hillis-obuchowski-berbaum';
import { casesForPower, sampleSizeTable } from './sample-size';
import { twoSided, vanDyke } from '$fixtures/stats/van-dyke-pilot.fixture';

describe('casesForPower — RJafroc 1.x test value for dataset02 (Van Dyke)', () => {
	it('SsSampleSizeKGivenJ(dataset02, J = 6, "RRRC")$KRRRC = 251 with power 0.801', () => {
		const needed = casesForPower(vanDyke, 6, twoSided, { targetPower: 0.8 });
		expect(needed.cases).toBe(251);
		expect(needed.result.power).toBeCloseTo(0.801, 3);
		expect(orPower(vanDyke, 6, 250, twoSided).power).toBeLessThan(0.8);
	});
});

describe('limits and the readers × cases table', () => {
	it('reports an unreachable target with the σ²_TR ceiling', () => {
		const pilot: PilotComponents = { ...vanDyke, varTR: 0.002 };
		const needed = casesForPower(pilot, 4, { ...twoSided, effect: 0.05 }, { targetPower: 0.8 });
		expect(needed.cases).toBeNull();
		expect(needed.limitingPower).toBeLessThan(0.8);
		// With unlimited cases D = M = σ²_TR = 0.002, ddf = 3, λ = 4 · 0.05² / (2 · 0.002) = 2.5: the power
		// P(F'(1, 3; 2.5) > F(0.95; 1, 3) = 10.12796) is 0.2020127382513431 (SciPy ncf.sf, and a Poisson-mixed beta sum in mpmath).
		expect(needed.limitingPower).toBeCloseTo(0.2020127382513431, 12);
	});

	it('needs fewer cases with more readers', () => {
		const table = sampleSizeTable(
			vanDyke,
			[4, 6, 8, 10],
			{ ...twoSided, effect: 0.05 },
			{ targetPower: 0.8 }
		);
		const cases = table.map((row) => row.cases ?? Infinity);
		for (let i = 1; i < cases.length; i++) expect(cases[i]).toBeLessThan(cases[i - 1] as number);
		expect(table.map((row) => row.cases === null)).toEqual([false, false, false, false]); // 0.8 is reachable with 4 to 10 readers
		for (const row of table) expect(row.result.power).toBeGreaterThanOrEqual(0.8);
	});
});

import { describe, expect, it } from 'vitest';
import type { PilotComponents } from './hillis-obuchowski-berbaum';
import { buildPowerReport, powerReportToJson, powerReportToText } from './power-report';

// Van Dyke OR components (MRMCaov 0.3.0, jackknife), rounded.
const pilot: PilotComponents = {
	varTR: 0.0002004,
	variance: 0.0008023,
	cov1: 0.0003466,
	cov2: 0.0003441,
	cov3: 0.000239,
	cases: 114
};

describe('power report', () => {
	const report = buildPowerReport(
		pilot,
		{ effect: 0.0438, margin: 0, alpha: 0.05, test: 'two-sided' },
		[3, 6, 10],
		0.8
	);

	it('lists cases needed per reader count, with a null when the target is out of reach', () => {
		const json = powerReportToJson(report) as {
			table: Array<{ readers: number; cases: number | null; power: number }>;
		};
		expect(json.table.map((row) => row.readers)).toEqual([3, 6, 10]);
		expect(json.table[0]?.cases).toBeNull();
		expect(json.table[1]?.cases).toBeGreaterThan(200);
		expect(json.table[1]?.power).toBeGreaterThanOrEqual(0.8);
	});

	it('prints a text table', () => {
		const text = powerReportToText(report);
		expect(text).toMatch(/two-sided F test of no difference/);
		expect(text).toMatch(/\n {6}3 {2}not reachable: power tends to 0\.\d{4}/);
		expect(text).toMatch(/\n {6}6 +\d+ {2}0\.8\d{3}/);
	});
});

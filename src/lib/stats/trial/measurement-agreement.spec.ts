import { describe, expect, it } from 'vitest';
import { measurementAgreement, type MeasurementRow } from './measurement-agreement';

const row = (reader: string, arm: string, name: string, value: number, truth: number | null) =>
	({ reader, arm, case: name, value, truth }) satisfies MeasurementRow;

describe('measurementAgreement', () => {
	// Worked by hand. Arm A: two readers on four cases (truth 10, 20, 30, 40); reader means
	// 11, 21, 29, 41.5 → differences +1, +1, −1, +1.5: bias 0.625, SD √((0.375² + 0.375² + 1.625² +
	// 0.875²)/3) = √(3.6875/3).
	const rows: MeasurementRow[] = [
		row('R1', 'A', 'C1', 10, 10),
		row('R2', 'A', 'C1', 12, 10),
		row('R1', 'A', 'C2', 20, 20),
		row('R2', 'A', 'C2', 22, 20),
		row('R1', 'A', 'C3', 28, 30),
		row('R2', 'A', 'C3', 30, 30),
		row('R1', 'A', 'C4', 41, 40),
		row('R2', 'A', 'C4', 42, 40),
		row('R1', 'B', 'C1', 9, 10)
	];

	it('pairs the mean of the readers with the truth, one pair per case', () => {
		const [a] = measurementAgreement(rows, ['A', 'B']);
		expect(a!.versusTruth!.n).toBe(4);
		expect(a!.versusTruth!.bias.estimate).toBeCloseTo(0.625, 12);
		expect(a!.versusTruth!.sdDifferences).toBeCloseTo(Math.sqrt(3.6875 / 3), 12);
	});

	it('gives ICC(2,1) over the cases both readers measured', () => {
		// Ratings (R1, R2): (10,12) (20,22) (28,30) (41,42). Subject means 11, 21, 29, 41.5, grand
		// 25.625: BMS = 2·(14.625² + 4.625² + 3.375² + 15.875²)/3 = 332.4583; rater means 24.75, 26.5:
		// JMS = 4·(0.875² + 0.875²) = 6.125; total SS 1003.875 − 997.375 − 6.125 = 0.375 over 3 df:
		// EMS = 0.125. ICC(2,1) = (BMS − EMS)/(BMS + EMS + 2(JMS − EMS)/4) = 332.3333/335.5833.
		const [a] = measurementAgreement(rows, ['A']);
		expect(a!.interReader!.form).toBe('ICC(2,1)');
		expect(a!.interReader!.cases).toBe(4);
		expect(a!.interReader!.estimate).toBeCloseTo(332.33333 / 335.58333, 4);
	});

	it('says why an arm with too few measurements has no figure', () => {
		const [, b] = measurementAgreement(rows, ['A', 'B']);
		expect(b).toMatchObject({ measurements: 1, readers: 1, versusTruth: null, interReader: null });
		expect(b!.notes).toHaveLength(2);
	});
});

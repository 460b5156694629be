// Agreement of the readers' measurements (e.g. a lesion's longest diameter) in each arm: with the
// truth's measurement by Bland–Altman limits of agreement — one pair per case, the mean of the
// arm's readers against the truth, so the pairs are independent — and between the readers by the
// intraclass correlation ICC(2,1), two-way random effects, absolute agreement, single rater
// (Shrout & Fleiss 1979), over the cases every reader of the arm measured.
import { blandAltman, type BlandAltman } from '../agreement/bland-altman';
import { intraclassCorrelation, type IccEstimate } from '../agreement/intraclass-correlation';
import { compareNatural } from '../natural-order';

export interface MeasurementRow {
	reader: string;
	arm: string;
	case: string;
	value: number;
	/** The truth's measurement of the case; null when it has none. */
	truth: number | null;
}

export interface ArmMeasurementAgreement {
	arm: string;
	measurements: number;
	readers: number;
	/** Reader mean − truth per case; null with fewer than 3 cases measured that have a truth value. */
	versusTruth: BlandAltman | null;
	/** ICC(2,1) between the readers; null with fewer than 2 readers or 2 cases measured by all. */
	interReader: (IccEstimate & { cases: number }) | null;
	notes: string[];
}

function interReader(rows: readonly MeasurementRow[], readers: string[]) {
	const byCase = new Map<string, Map<string, number>>();
	for (const row of rows) {
		const values = byCase.get(row.case) ?? new Map<string, number>();
		values.set(row.reader, row.value);
		byCase.set(row.case, values);
	}
	const complete = [...byCase.entries()]
		.filter(([, values]) => readers.every((reader) => values.has(reader)))
		.sort(([a], [b]) => compareNatural(a, b));
	if (readers.length < 2 || complete.length < 2) return null;
	const matrix = complete.map(([, values]) => readers.map((reader) => values.get(reader)!));
	try {
		const icc = intraclassCorrelation(matrix).forms.find((form) => form.form === 'ICC(2,1)')!;
		return { ...icc, cases: complete.length };
	} catch {
		// Identical measurements everywhere leave no variance to apportion.
		return null;
	}
}

function versusTruth(rows: readonly MeasurementRow[]): BlandAltman | null {
	const byCase = new Map<string, { sum: number; count: number; truth: number }>();
	for (const row of rows) {
		if (row.truth === null) continue;
		const entry = byCase.get(row.case) ?? { sum: 0, count: 0, truth: row.truth };
		entry.sum += row.value;
		entry.count++;
		byCase.set(row.case, entry);
	}
	const cases = [...byCase.entries()].sort(([a], [b]) => compareNatural(a, b));
	if (cases.length < 3) return null;
	return blandAltman(
		cases.map(([, entry]) => entry.sum / entry.count),
		cases.map(([, entry]) => entry.truth)
	);
}

/** Agreement per arm, arms in the order given. */
export function measurementAgreement(
	rows: readonly MeasurementRow[],
	arms: readonly string[]
): ArmMeasurementAgreement[] {
	return arms.map((arm) => {
		const ofArm = rows.filter((row) => row.arm === arm);
		const readers = [...new Set(ofArm.map((row) => row.reader))].sort(compareNatural);
		const notes: string[] = [];
		const truthPairs = versusTruth(ofArm);
		if (!truthPairs) notes.push('fewer than 3 measured cases with a truth measurement');
		const icc = interReader(ofArm, readers);
		if (!icc) notes.push('fewer than 2 readers or 2 cases measured by every reader');
		return {
			arm,
			measurements: ofArm.length,
			readers: readers.length,
			versusTruth: truthPairs,
			interReader: icc,
			notes
		};
	});
}

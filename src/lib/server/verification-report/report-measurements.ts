// The readers' measurements the report compares (section 6): in each read (its latest version), the
// longest calibrated length — the reader's measure of the lesion's longest diameter in mm — beside
// the truth's lesion_size_mm of the case when the truth file gives one. Readers, cases and arms
// under the report's labels.
import { eq } from 'drizzle-orm';
import { cases, referenceTruth } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { studyReads } from '../reads/study-reads';
import type { Measurement } from '../../domain/measurement';
import type { ReportMeasurements } from '../../verification-report/report-input';

export const MEASURED_QUANTITY = 'longest lesion diameter (mm)';

export interface MeasurementLabels {
	reader: (readerCode: string) => string;
	case: (caseKey: string) => string;
	arm: (armId: string) => string;
}

/** The truth's lesion size of a case from its details (truth.csv's lesion_size_mm), or null. */
function truthSize(detailsJson: string | null): number | null {
	if (!detailsJson) return null;
	const value = (JSON.parse(detailsJson) as Record<string, unknown>)['lesion_size_mm'];
	const size =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value !== ''
				? Number(value)
				: NaN;
	return Number.isFinite(size) && size > 0 ? size : null;
}

export async function reportMeasurements(
	db: DbOrTx,
	studyId: number,
	labels: MeasurementLabels
): Promise<ReportMeasurements> {
	const truthDetails = new Map(
		(
			await db
				.select({ key: cases.caseKey, details: referenceTruth.detailsJson })
				.from(cases)
				.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
				.where(eq(cases.studyId, studyId))
		).map((row) => [row.key, row.details])
	);
	const all = await studyReads(db, studyId);
	const superseded = new Set(
		all.flatMap((read) => (read.supersedes === null ? [] : [read.supersedes]))
	);
	const rows: ReportMeasurements['rows'] = [];
	for (const read of all) {
		if (superseded.has(read.id)) continue;
		const lengths = (JSON.parse(read.measurements) as Measurement[]).flatMap((item) =>
			item.kind === 'length' && item.length.unit === 'mm' ? [item.length.value] : []
		);
		if (lengths.length === 0) continue;
		rows.push({
			reader: labels.reader(read.reader),
			arm: labels.arm(read.arm),
			case: labels.case(read.caseKey),
			value: Math.max(...lengths),
			truth: truthSize(truthDetails.get(read.caseKey) ?? null)
		});
	}
	return { quantity: MEASURED_QUANTITY, rows };
}

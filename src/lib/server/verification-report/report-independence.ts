// The latest independence check as the report's test-set section shows it: case ids through
// the report's labels (codes while blinded), the case set's state at the check.
import type { IndependenceCheckView } from '../../domain/test-set-independence';
import type { ReportIndependence } from '../../verification-report/report-input';

export function reportIndependence(
	check: IndependenceCheckView | null,
	caseLabel: (caseKey: string) => string
): ReportIndependence | null {
	if (!check) return null;
	return {
		checkedAt: check.checkedAt.toISOString(),
		checkedBy: check.checkedBy,
		manifestSha256: check.manifestSha256,
		manifestRows: check.manifestRows,
		datasetVersion: check.datasetVersion,
		current: check.current,
		cases: check.cases,
		overlaps: check.overlaps
			.map((overlap) => ({ ...overlap, case: caseLabel(overlap.case) }))
			.sort((a, b) => a.case.localeCompare(b.case, 'en', { numeric: true })),
		unchecked: check.unchecked.length,
		sites: check.sites
	};
}

// Section 3's paragraph on the test set's independence from the training data: the latest
// check against the sponsor's training manifest of keyed hashes (tandem cases check-independence).
import type { ReportIndependence } from '../report-input';
import { escape, table } from '../html';

const NOT_CHECKED =
	'<p>The test set was not checked against a training manifest (tandem cases check-independence).</p>';

export function independenceText(check: ReportIndependence | null): string {
	if (!check) return NOT_CHECKED;
	const dataset =
		check.datasetVersion === null
			? 'the case set (not frozen)'
			: `dataset version ${check.datasetVersion}`;
	const patients = check.overlaps.filter((overlap) => overlap.patient).length;
	const institutions = check.overlaps.filter((overlap) => overlap.institution).length;
	const parts = [
		`<p>Checked ${escape(check.checkedAt)} by ${escape(check.checkedBy)}: ${dataset} against the sponsor's training manifest of ${check.manifestRows} row(s) (SHA-256 <code>${escape(check.manifestSha256)}</code>), comparing keyed hashes (HMAC-SHA-256) of patient IDs and institutions.
${check.cases} case(s) compared: ${patients} share a patient with the training data, ${institutions} an institution; ${check.unchecked} case(s) could not be checked.</p>`
	];
	if (!check.current) parts.push('<p class="warning">The case set changed after this check.</p>');
	if (check.sites.length > 0)
		parts.push(
			`<p>Declared sites that are training institutions: ${escape(check.sites.join(', '))}.</p>`
		);
	if (check.overlaps.length > 0)
		parts.push(
			table(
				['Case', 'Same patient', 'Same institution'],
				check.overlaps.map((overlap) => [
					escape(overlap.case),
					overlap.patient ? 'yes' : 'no',
					overlap.institution ? 'yes' : 'no'
				]),
				'compact'
			)
		);
	return parts.join('\n');
}

// Section 7, anomalies: the cases the AI failed on, the protocol deviations the monitoring
// flagged, and the notes of the data gathering and the analysis.
import type { ReportInput } from '../report-input';
import { escape, listItems, table } from '../html';

const NO_AI_FAILURE =
	'<p>The AI processed every case: no crash, timeout or unprocessable case.</p>';
const NO_DEVIATION = '<p>No protocol deviation was flagged.</p>';

function failureTable(input: ReportInput): string {
	const failures = input.ai?.failures ?? [];
	if (failures.length === 0) return NO_AI_FAILURE;
	const rows = failures.map((row) => [escape(row.case), escape(row.error)]);
	return table(['Case', 'Error'], rows, 'compact');
}

function deviationTable(input: ReportInput): string {
	const { deviations } = input.anomalies;
	if (deviations.length === 0) return NO_DEVIATION;
	const rows = deviations.map((row) => [escape(row.kind), String(row.count)]);
	return table(['Deviation flag', 'Reads'], rows, 'compact');
}

export function anomaliesSection(input: ReportInput): string {
	const notes = listItems([...input.anomalies.notes, ...input.analysis.notes]);
	return `<section id="s7"><h2>7. Anomalies</h2>
<h3>AI failures</h3>${failureTable(input)}
<h3>Protocol deviations (flags from the monitoring)</h3>${deviationTable(input)}
${notes ? `<h3>Analysis notes</h3><ul>${notes}</ul>` : ''}
</section>`;
}

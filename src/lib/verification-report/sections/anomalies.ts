// Section 7, anomalies: the AI's failures (every failed attempt, and the cases it never processed),
// every protocol deviation the monitoring flagged, every query raised and its answers, every
// protocol change after the first load, every read whose time is after the lock, and the notes of
// the data gathering and the analysis.
import type { ReportInput } from '../report-input';
import { escape, listItems, table } from '../html';
import { anomalyClassificationPart } from './anomaly-classification';

const NO_AI_FAILURE =
	'<p>The AI processed every case: no crash, timeout or unprocessable case.</p>';
const AI_NOT_ANALYSED =
	'<p>The AI’s standalone results were not analysed (see the analysis notes below).</p>';
const NO_DEVIATION = '<p>No protocol deviation was flagged.</p>';
const NO_QUERY = '<p>No query was raised.</p>';
const NO_AMENDMENT = '<p>The protocol was not changed after it was first loaded.</p>';
const NO_LATE_READ = '<p>No read is timed after the lock.</p>';

const time = (iso: string) => escape(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

function aiFailures(input: ReportInput): string {
	const failures = input.ai?.failures ?? [];
	const attempts = input.anomalies.aiAttempts;
	const failed =
		failures.length > 0
			? `<p>Cases the AI could not process (they stay in the denominator):</p>${table(
					['Case', 'Error'],
					failures.map((row) => [escape(row.case), escape(row.error)]),
					'compact'
				)}`
			: input.ai
				? attempts.length > 0
					? '<p>Every case was processed in the end.</p>'
					: NO_AI_FAILURE
				: AI_NOT_ANALYSED;
	if (attempts.length === 0) return failed;
	const rows = attempts.map((row) => [
		escape(row.case),
		row.attempt === null ? '—' : String(row.attempt),
		row.final ? 'failed for good' : 'retried',
		time(row.at),
		escape(row.error)
	]);
	return `${failed}<p>Failed inference attempts:</p>${table(['Case', 'Attempt', 'Outcome', 'Time (UTC)', 'Error'], rows)}`;
}

function deviations(input: ReportInput): string {
	const { deviations, flags } = input.anomalies;
	if (flags.length === 0) return NO_DEVIATION;
	const summary = table(
		['Deviation flag', 'Count'],
		deviations.map((row) => [escape(row.kind), String(row.count)]),
		'compact'
	);
	const rows = flags.map((row) => [
		escape(row.kind),
		escape(row.reader ?? '—'),
		escape(row.site ?? '—'),
		time(row.at),
		escape(row.detail)
	]);
	return `${summary}${table(['Flag', 'Reader', 'Site', 'Time (UTC)', 'Detail'], rows)}`;
}

function queries(input: ReportInput): string {
	const { queries } = input.anomalies;
	if (queries.length === 0) return NO_QUERY;
	const rows = queries.map((row, index) => {
		const answers = row.answers.map(
			(answer) =>
				`${escape(answer.answer)} <span class="small">(${escape(answer.by)}, ${time(answer.at)})</span>`
		);
		const status = row.closedAt ? `closed ${time(row.closedAt)}` : escape(row.status);
		return [
			String(index + 1),
			`${escape(row.target)} (${escape(row.site)})`,
			`${escape(row.question)} <span class="small">(${escape(row.raisedBy)}, ${time(row.raisedAt)})</span>`,
			answers.length > 0 ? answers.join('<br>') : 'no answer',
			status
		];
	});
	return table(['#', 'About', 'Question', 'Answers', 'Status'], rows);
}

function amendments(input: ReportInput): string {
	const { amendments } = input.anomalies;
	if (amendments.length === 0) return NO_AMENDMENT;
	const rows = amendments.map((row) => [
		String(row.revision),
		escape(row.protocolVersion),
		time(row.at),
		row.reason ? `amendment: ${escape(row.reason)}` : 'update before the first read',
		`<code>${escape(row.sha256)}</code>`
	]);
	return table(['Revision', 'Protocol version', 'Loaded (UTC)', 'Change', 'SHA-256'], rows);
}

function lateReads(input: ReportInput): string {
	const late = input.anomalies.readsAfterLock;
	if (late.length === 0) return NO_LATE_READ;
	const rows = late.map((row) => [
		String(row.read),
		escape(row.reader),
		escape(row.site),
		time(row.at),
		row.simulated ? 'simulated' : 'recorded'
	]);
	return `<p>${late.length} read(s) carry a time after the lock (${time(input.fingerprints.lockedAt)}), though the database accepts no read once the study is locked: their time was not the time they were stored.</p>${table(['Read', 'Reader', 'Site', 'Time (UTC)', 'Read by'], rows)}`;
}

export function anomaliesSection(input: ReportInput): string {
	const notes = listItems([...input.anomalies.notes, ...input.analysis.notes]);
	return `<section id="s7"><h2>7. Anomalies</h2>
<h3>AI failures</h3>${aiFailures(input)}
${anomalyClassificationPart(input)}
<h3>Protocol deviations (flags from the monitoring)</h3>${deviations(input)}
<h3>Monitoring queries</h3>${queries(input)}
<h3>Protocol amendments</h3>${amendments(input)}
<h3>Reads timed after the lock</h3>${lateReads(input)}
${notes ? `<h3>Analysis notes</h3><ul>${notes}</ul>` : ''}
</section>`;
}

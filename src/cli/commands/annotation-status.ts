// The text of `tandem annotation status`: the reference-standard report, for a terminal.
import type { ReferenceStandardReport } from '../../lib/domain/reference-standard-report';

const number = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

export function formatStatus(report: ReferenceStandardReport): string {
	const { progress: p, settings: s, qc } = report;
	const lines = [
		`${report.study.slug}: reference standard (${s.annotators} annotators per case, IoU ≥ ${s.iouThreshold}, points within ${s.pointAcceptanceMm} mm, kappa threshold ${s.kappaThreshold}, QC ≥ ${s.qcFraction * 100} %)`,
		`cases ${p.cases}: annotations ${p.annotationsIn}/${p.annotationsAssigned}, waiting ${p.waiting}, consensus ${p.consensus}, awaiting adjudication ${p.awaitingAdjudication}, adjudicated ${p.adjudicated}, imported ${p.imported}`,
		'',
		'classification agreement (Cohen kappa per pair):'
	];
	for (const pair of report.classification.pairs)
		lines.push(`  ${pair.a} × ${pair.b}: kappa ${number(pair.kappa, 3)} on ${pair.cases} cases`);
	if (report.classification.fleiss)
		lines.push(
			`  Fleiss kappa: ${number(report.classification.fleiss.kappa, 3)} on ${report.classification.fleiss.cases} cases`
		);
	lines.push('lesion agreement per pair:');
	for (const pair of report.lesions)
		lines.push(
			`  ${pair.a} × ${pair.b}: F1 ${number(pair.f1, 3)} (matched ${pair.matched}, only ${pair.a} ${pair.onlyA}, only ${pair.b} ${pair.onlyB}); IoU n ${pair.iou.n}, median ${number(pair.iou.median)} [${number(pair.iou.q1)}, ${number(pair.iou.q3)}], min ${number(pair.iou.min)}`
		);
	lines.push('annotators:');
	for (const row of report.annotators)
		lines.push(
			`  ${row.name} <${row.email}>: ${row.submitted}/${row.assigned} submitted, disagreement ${percent(row.disagreementRate)}, QC kappa ${number(row.qc.kappa, 3)} on ${row.qc.cases} cases${row.qc.flagged ? ' — FLAGGED (below the threshold)' : ''}`
		);
	lines.push(
		qc.drawn
			? `QC: ${qc.checked}/${qc.sampled} checked, ${qc.corrected} corrected`
			: 'QC: sample not drawn (tandem annotation qc-draw)'
	);
	if (qc.override)
		lines.push(`QC overridden by ${qc.override.by} at ${qc.override.at}: ${qc.override.reason}`);
	lines.push('', 'case\tstatus\tsource\tby\tat');
	for (const row of report.cases)
		lines.push(
			[row.caseKey, row.status + (row.inQcSample ? ' (QC)' : ''), row.source, row.by, row.at]
				.map((cell) => cell ?? '—')
				.join('\t')
		);
	return lines.join('\n') + '\n';
}

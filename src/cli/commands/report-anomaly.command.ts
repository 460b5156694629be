// `tandem report anomalies --study S`: the AI's failures of a study (each inference job with a
// failed attempt) with their classification, the unclassified ones marked. `tandem report anomaly
// --study S --case CODE|--job ID --cause software-defect|external --note "…"`: the evaluator's
// classification of one, with the root-cause note (refused once the report is signed off). Thin:
// the classification service does the work.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import {
	anomalyList,
	classifyAnomaly
} from '../../lib/server/verification-report/anomaly-classification.service';
import { ANOMALY_CAUSES, type AnomalyCause } from '../../lib/server/db/schema';

function cause(value: string): AnomalyCause {
	if (!(ANOMALY_CAUSES as readonly string[]).includes(value))
		throw new InvalidArgumentError(`expected ${ANOMALY_CAUSES.join(' or ')}`);
	return value as AnomalyCause;
}

function jobId(value: string): number {
	if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a job id (a whole number)');
	return Number(value);
}

export function registerReportAnomalies(report: Command): void {
	report
		.command('anomalies')
		.description(
			"list the AI's failures of a study with their classification (unclassified ones first)"
		)
		.requiredOption('--study <slug>', 'the study')
		.action(async (options: { study: string }) => {
			const list = await anomalyList(getDatabase(), operatorPrincipal(), options.study);
			if (list.length === 0) {
				process.stdout.write(`${options.study}: no AI failure to classify\n`);
				return;
			}
			const ordered = [...list].sort(
				(a, b) => Number(a.classification !== null) - Number(b.classification !== null)
			);
			process.stdout.write('job\tcase\toutcome\tcause\tnote\n');
			for (const item of ordered) {
				const outcome = item.final ? `failed (${item.attempts} attempts)` : 'retried';
				const judged = item.classification;
				process.stdout.write(
					`${item.job}\t${item.label}\t${outcome}\t${judged?.cause ?? 'NOT YET CLASSIFIED'}\t${judged?.note ?? item.lastError}\n`
				);
			}
			const open = list.filter((item) => item.classification === null).length;
			process.stdout.write(
				`${options.study}: ${list.length} ${list.length === 1 ? 'anomaly' : 'anomalies'}, ${open} not yet classified\n`
			);
		});
	report
		.command('anomaly')
		.description(
			'classify one AI failure: a software defect of the tool or an external cause, with the root-cause note; audited, refused once the report is signed off'
		)
		.requiredOption('--study <slug>', 'the study')
		.option('--case <case>', 'the failed case: its id or its code in the report')
		.option('--job <id>', 'the failed inference job (tandem report anomalies lists them)', jobId)
		.requiredOption('--cause <cause>', `${ANOMALY_CAUSES.join(' | ')}`, cause)
		.requiredOption('--note <text>', 'the root cause as found')
		.action(
			async (options: {
				study: string;
				case?: string;
				job?: number;
				cause: AnomalyCause;
				note: string;
			}) => {
				const stored = await classifyAnomaly(getDatabase(), operatorPrincipal(), options.study, {
					case: options.case,
					job: options.job,
					cause: options.cause,
					note: options.note
				});
				process.stdout.write(
					`${options.study}: job ${stored.job} (case ${stored.label}) classified as ${options.cause}\n`
				);
			}
		);
}

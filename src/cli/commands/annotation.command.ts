// `tandem annotation …` — the reference standard made in Tandem (issue 19): assign the cases to
// the annotators, print where it stands, draw the QC sample, and an admin's signed override of it.
import type { Command } from 'commander';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { assignAnnotation } from '../../lib/server/reference-standard/annotation-assignment.service';
import { referenceStandardReport } from '../../lib/server/reference-standard/reference-standard-report.service';
import { drawQcSample, overrideQc } from '../../lib/server/reference-standard/qc.service';
import { cliSignature, signedBy, withSignature, type SignatureFlags } from '../signature-options';
import { formatStatus } from './annotation-status';

export function registerAnnotation(program: Command): void {
	const annotation = program
		.command('annotation')
		.description('the reference standard: annotation tasks, agreement, QC');
	annotation
		.command('assign')
		.requiredOption('--study <slug>', 'study')
		.option('--seed <text>', "the assignment's seed (default: the protocol's seed)")
		.description(
			'give each case to reference_standard.annotators qualified annotators (seeded, balanced); idempotent'
		)
		.action(async (options: { study: string; seed?: string }) => {
			const result = await assignAnnotation(getDatabase(), operatorPrincipal(), options.study, {
				seed: options.seed
			});
			process.stdout.write(
				`${options.study}: ${result.created} annotation task(s) created; ${result.cases} case(s) assigned over ${result.annotators} annotator(s) (seed ${result.seed})\n`
			);
		});
	annotation
		.command('status')
		.requiredOption('--study <slug>', 'study')
		.option('--json', 'the report as JSON')
		.description(
			'progress, agreement (kappa, lesion F1/IoU), flagged annotators, QC and each case’s truth provenance'
		)
		.action(async (options: { study: string; json?: boolean }) => {
			const report = await referenceStandardReport(
				getDatabase(),
				operatorPrincipal(),
				options.study
			);
			process.stdout.write(
				options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report)
			);
		});
	annotation
		.command('qc-draw')
		.requiredOption('--study <slug>', 'study')
		.description(
			'draw the QC sample (≥ reference_standard.qc_fraction of the cases, by site, seeded) once every case has its truth'
		)
		.action(async (options: { study: string }) => {
			const result = await drawQcSample(getDatabase(), operatorPrincipal(), options.study);
			process.stdout.write(
				`${options.study}: QC sample ${result.drawn ? 'drawn' : 'already drawn'} (seed ${result.seed}): ${result.cases.join(', ')}\n`
			);
		});
	withSignature(
		annotation
			.command('qc-override')
			.requiredOption('--study <slug>', 'study')
			.requiredOption('--reason <text>', 'why the freeze may go ahead without the QC')
			.description("an admin's signed override of the QC requirement before the freeze")
	).action(async (options: { study: string; reason: string } & SignatureFlags) => {
		const db = getDatabase();
		const { principal, signature } = await cliSignature(
			db,
			options,
			'tandem annotation qc-override'
		);
		const result = await overrideQc(db, principal, options.study, signature, options.reason);
		process.stdout.write(
			`${options.study}: QC overridden (record ${result.recordHash})\n${signedBy(principal, options.meaning)}\n`
		);
	});
}

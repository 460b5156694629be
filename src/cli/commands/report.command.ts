// `tandem report --study S --out DIR [--lang zh|en]`: the performance-verification report (HTML,
// PDF and the analysis as JSON) of a locked, exported study, in English or Simplified Chinese; without a working Chromium the HTML and JSON are
// written, the command names them and exits 1. `tandem report sign --study S --as EMAIL --meaning M`:
// a named person's electronic signature over the report's content hash. Thin: the report services
// do the work.
import { InvalidArgumentError, type Command } from 'commander';
import { join, resolve } from 'node:path';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { writeReport } from '../../lib/server/verification-report/report.service';
import { signOffReport } from '../../lib/server/verification-report/report-sign-off.service';
import { MEANING_TEXT } from '../../lib/domain/signature';
import { cliSignature, withSignature, type SignatureFlags } from '../signature-options';
import { registerReportAnomalies } from './report-anomaly.command';
import {
	REPORT_LANGUAGES,
	type ReportLanguage
} from '../../lib/verification-report/report-language';

/** `--lang`: one of the report's languages. */
function reportLanguage(value: string): ReportLanguage {
	if (!(REPORT_LANGUAGES as readonly string[]).includes(value))
		throw new InvalidArgumentError(
			`the report is written in ${REPORT_LANGUAGES.join(' or ')}, not "${value}".`
		);
	return value as ReportLanguage;
}

export function registerReport(program: Command): void {
	const report = program
		.command('report')
		.description(
			'write the performance-verification report (report.html, report.pdf, analysis.json), or sign it off'
		);
	report
		.command('write', { isDefault: true })
		.description('write the report (the default: `tandem report --study S --out DIR`)')
		.requiredOption('--study <slug>', 'a locked study with a blind export')
		.requiredOption('--out <dir>', 'output folder (created if needed; files are replaced)')
		.option(
			'--lang <lang>',
			"the report's language: en (English) or zh (Simplified Chinese, for the regulator)",
			reportLanguage,
			'en' as ReportLanguage
		)
		.action(async (options: { study: string; out: string; lang: ReportLanguage }) => {
			process.stderr.write(
				`${options.study}: analysing the blind export and rendering the report…\n`
			);
			const written = await writeReport(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.out,
				new Date(),
				options.lang
			);
			for (const file of written.files)
				process.stdout.write(`${file.name}\t${file.bytes} bytes\tsha256 ${file.sha256}\n`);
			if (written.pdfUnavailable)
				throw new CliError(
					`${written.pdfUnavailable}\nreport.pdf was not written; the HTML report is at ${join(resolve(options.out), 'report.html')} (print it to PDF from a browser, or install Chromium and run the command again)`,
					1
				);
			process.stdout.write(
				`${options.study}: report written to ${options.out}${written.blinded ? ' (blinded: arms coded, decisions withheld until the key is released)' : ''}\n`
			);
		});
	withSignature(
		report
			.command('sign')
			.description(
				'sign off the report as it is now: an electronic signature over its content SHA-256 (annex D), audited'
			)
			.requiredOption('--study <slug>', 'a locked study with a blind export')
			.option(
				'--sha256 <hash>',
				'the content SHA-256 of the report you read (its annex D): refused if the report has changed'
			)
	).action(async (options: { study: string; sha256?: string } & SignatureFlags) => {
		const db = getDatabase();
		const { principal, signature } = await cliSignature(db, options, 'tandem report sign');
		const signed = await signOffReport(db, principal, options.study, signature, {
			expectedSha256: options.sha256?.toLowerCase()
		});
		process.stdout.write(
			`${options.study}: report on export ${signed.recordId} signed off by ${signed.name} <${principal.email}> as ${signed.role} (${MEANING_TEXT[signed.meaning]}) at ${signed.signedAt}, content sha256 ${signed.recordHash}\n`
		);
	});
	registerReportAnomalies(report);
}

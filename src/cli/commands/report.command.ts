// `tandem report --study S --out DIR`: the performance-verification report (HTML, PDF and the
// analysis as JSON) of a locked, exported study. Thin: the report service does the work. Without
// a working Chromium the HTML and JSON are written, the command names them and exits 1.
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { writeReport } from '../../lib/server/verification-report/report.service';

export function registerReport(program: Command): void {
	program
		.command('report')
		.description(
			'write the performance-verification report (report.html, report.pdf, analysis.json)'
		)
		.requiredOption('--study <slug>', 'a locked study with a blind export')
		.requiredOption('--out <dir>', 'output folder (created if needed; files are replaced)')
		.action(async (options: { study: string; out: string }) => {
			process.stderr.write(
				`${options.study}: analysing the blind export and rendering the report…\n`
			);
			const report = await writeReport(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.out
			);
			for (const file of report.files)
				process.stdout.write(`${file.name}\t${file.bytes} bytes\tsha256 ${file.sha256}\n`);
			if (report.pdfUnavailable)
				throw new CliError(
					`${report.pdfUnavailable}\nreport.pdf was not written; the HTML report is at ${join(resolve(options.out), 'report.html')} (print it to PDF from a browser, or install Chromium and run the command again)`,
					1
				);
			process.stdout.write(
				`${options.study}: report written to ${options.out}${report.blinded ? ' (blinded: arms coded, decisions withheld until the key is released)' : ''}\n`
			);
		});
}

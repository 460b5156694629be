// `tandem export blind|verify|register-results|release-key`: the locked,
// signed, third-party-blind dataset and the commit-then-unblind steps.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { exportBlind } from '../../lib/server/export/blind-export.service';
import { verifyExport } from '../../lib/server/export/verify-export';
import { registerResults, releaseKey } from '../../lib/server/export/unblinding.service';
import { integerIn } from '../option-parsers';
import { cliSignature, signedBy, withSignature, type SignatureFlags } from '../signature-options';

export function registerExport(program: Command): void {
	const exporting = program
		.command('export')
		.description('third-party-blind export, verification, commit-then-unblind');
	exporting
		.command('blind')
		.requiredOption('--study <slug>', 'a locked study')
		.requiredOption('--out <dir>', 'a new, empty folder')
		.description(
			'write coded reads, truth, strata, reader qualifications and protocol with a signed manifest'
		)
		.action(async (options: { study: string; out: string }) => {
			const result = await exportBlind(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.out
			);
			process.stdout.write(
				`export ${result.exportId}: ${result.files.length} files in ${options.out}, manifest sha256 ${result.manifestSha256}\n`
			);
		});
	exporting
		.command('verify')
		.argument('<dir>', 'an export folder')
		.description(
			'check the manifest signature and every file; exit 1 naming the first altered file'
		)
		.action((dir: string) => {
			const verdict = verifyExport(dir);
			if (!verdict.ok)
				throw new CliError(`export NOT intact: ${verdict.file}: ${verdict.problem}`, 1);
			process.stdout.write(
				`export intact: signature valid, ${verdict.files} files match the manifest\n`
			);
		});
	exporting
		.command('register-results')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--export <id>', 'export id', integerIn(1, 2 ** 31, '--export'))
		.requiredOption('--sha256 <hash>', "SHA-256 of the evaluator's results file")
		.description("register the evaluator's results hash before the key is released")
		.action(async (options: { study: string; export: number; sha256: string }) => {
			await registerResults(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.export,
				options.sha256.toLowerCase()
			);
			process.stdout.write(`export ${options.export}: results sha256 registered\n`);
		});
	withSignature(
		exporting
			.command('release-key')
			.requiredOption('--study <slug>', 'study')
			.requiredOption('--export <id>', 'export id', integerIn(1, 2 ** 31, '--export'))
			.requiredOption('--out <file>', 'where to write the code key (JSON)')
			.description(
				'release the code key (after results are registered), signed by an admin; records the unblinding'
			)
	).action(async (options: { study: string; export: number; out: string } & SignatureFlags) => {
		const db = getDatabase();
		const { principal, signature } = await cliSignature(db, options, 'tandem export release-key');
		const key = await releaseKey(db, principal, options.study, options.export, signature);
		writeFileSync(options.out, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx' });
		process.stdout.write(
			`export ${options.export}: code key written to ${options.out}; unblinding recorded, ${signedBy(principal, options.meaning)}\n`
		);
	});
}

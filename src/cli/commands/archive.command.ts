// `tandem archive --study S --out DIR --export EXPORT`: the sealed package of a locked study under
// one signed index; `tandem archive verify DIR`: its signature and every file, naming each changed,
// missing or extra one. Thin: the archive services do the work.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { createArchive } from '../../lib/server/archive/archive.service';
import { verifyArchive } from '../../lib/server/archive/verify-archive';

export function registerArchive(program: Command): void {
	const archive = program
		.command('archive')
		.description(
			'the sealed archive of a locked study (protocol versions, dataset, reads, AI outputs, audit, signatures, report, blind export) under one signed index, or verify one'
		);
	archive
		.command('create', { isDefault: true })
		.description('write the archive (the default: `tandem archive --study S --out DIR --export E`)')
		.requiredOption('--study <slug>', 'a locked study')
		.requiredOption('--out <dir>', 'a new (or empty) folder')
		.requiredOption('--export <dir>', "the folder of the study's latest blind export")
		.action(async (options: { study: string; out: string; export: string }) => {
			const written = await createArchive(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.out,
				{
					exportDir: options.export,
					progress: (step) => process.stderr.write(`${options.study}: ${step}…\n`)
				}
			);
			if (written.pdfUnavailable)
				process.stderr.write(
					`report.pdf not archived (recorded in the index): ${written.pdfUnavailable}\n`
				);
			process.stdout.write(
				`${options.study}: archive written to ${options.out}: ${written.files} files, ${written.bytes} bytes, index sha256 ${written.indexSha256}\n`
			);
		});
	archive
		.command('verify')
		.argument('<dir>', 'an archive folder')
		.option(
			'--public-key <file>',
			"the signing server's public key (PEM) the index must be signed with, rather than the one shipped in the archive"
		)
		.description(
			'check the index signature and every file; exit 1 naming each changed, missing or extra file'
		)
		.action((dir: string, options: { publicKey?: string }) => {
			const verdict = verifyArchive(
				dir,
				options.publicKey === undefined ? undefined : publicKeyFile(options.publicKey)
			);
			if (!verdict.ok)
				throw new CliError(
					`archive NOT intact:\n${verdict.problems.map((item) => `  ${item.file}: ${item.problem}`).join('\n')}`,
					1
				);
			process.stdout.write(
				`archive intact: signature valid, ${verdict.files} files match the index (study ${verdict.study}, lock fingerprint ${verdict.lockFingerprint})\n`
			);
		});
}

function publicKeyFile(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new CliError(`tandem archive verify: cannot read --public-key '${path}' (${reason})`, 1);
	}
}

// `tandem study validate <dir>` and `tandem study load <dir> [--amend --reason "…"]`.
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import {
	readStudyFolder,
	formatProblem,
	type StudyFolder
} from '../../lib/server/studies/study-folder';
import { loadStudy } from '../../lib/server/studies/study-load.service';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { lockStudy, verifyLock } from '../../lib/server/export/lock.service';
import { cliSignature, signedBy, withSignature, type SignatureFlags } from '../signature-options';

export function registerStudy(program: Command): void {
	const study = program.command('study').description('study protocols: validate and load');

	study
		.command('validate')
		.argument('<dir>', 'study folder with study.yaml, cases.csv, truth.csv and images')
		.description('check a study folder and report every problem with its file, line and field')
		.action((dir: string) => {
			const folder = readOrFail(dir);
			process.stdout.write(`${describe(folder)}\nvalid\n`);
		});

	study
		.command('load')
		.argument('<dir>', 'study folder')
		.option('--amend', 'the protocol changed after reads exist: record an amendment')
		.option('--reason <text>', 'why (required with --amend)')
		.description('load or update a study, all or nothing, audited')
		.action(async (dir: string, options: { amend?: boolean; reason?: string }) => {
			const folder = readOrFail(dir);
			const result = await loadStudy(getDatabase(), operatorPrincipal(), folder, options);
			process.stdout.write(
				`${folder.protocol.slug}: ${result.status} (protocol revision ${result.revision}, ${result.cases} cases, sha256 ${folder.sha256})\n`
			);
		});

	registerStudyLock(study);
}

function registerStudyLock(study: Command): void {
	withSignature(
		study
			.command('lock')
			.requiredOption('--study <slug>', 'study')
			.requiredOption('--reason <text>', 'why the database is locked now')
			.description(
				'lock the study database (no read can be added after); records a fingerprint, signed by an admin, audited'
			)
	).action(async (options: { study: string; reason: string } & SignatureFlags) => {
		const db = getDatabase();
		const { principal, signature } = await cliSignature(db, options, 'tandem study lock');
		const { fingerprint } = await lockStudy(
			db,
			principal,
			options.study,
			options.reason,
			signature
		);
		process.stdout.write(
			`${options.study}: locked, fingerprint ${fingerprint}\n${signedBy(principal, options.meaning)}\n`
		);
	});
	study
		.command('verify-lock')
		.requiredOption('--study <slug>', 'a locked study')
		.description(
			"recompute the lock's fingerprint (reads, truth, images, protocol, AI outputs); exit 1 naming each item changed since the lock"
		)
		.action(async (options: { study: string }) => {
			const verdict = await verifyLock(getDatabase(), operatorPrincipal(), options.study);
			if (!verdict.ok)
				throw new CliError(
					`${options.study}: lock NOT intact (fingerprint ${verdict.fingerprint}, now ${verdict.recomputed}):\n${verdict.changes.map((change) => `  ${change}`).join('\n')}`,
					1
				);
			process.stdout.write(
				`${options.study}: lock intact, fingerprint ${verdict.fingerprint} (recipe ${verdict.version}, ${verdict.items} items)\n`
			);
		});
}

function readOrFail(dir: string): StudyFolder {
	const result = readStudyFolder(dir);
	if (!result.ok) {
		throw new CliError(
			`${result.problems.map(formatProblem).join('\n')}\n${result.errorCount} error(s); nothing was loaded`,
			1
		);
	}
	for (const warning of result.folder.warnings) process.stderr.write(`${formatProblem(warning)}\n`);
	return result.folder;
}

function describe(folder: StudyFolder): string {
	const positives = folder.truth.filter((record) => record.truth === 1).length;
	const imageCount = folder.cases.reduce((total, record) => total + record.images.length, 0);
	const { protocol } = folder;
	return [
		`${protocol.slug} — ${protocol.title}`,
		`protocol version ${protocol.protocol_version}, design ${protocol.design.type}, arms ${protocol.arms.map((arm) => arm.id).join(' / ')}`,
		`${folder.cases.length} cases (${positives} diseased), ${imageCount} images, ${protocol.sites.length} sites`,
		`sha256 ${folder.sha256}`
	].join('\n');
}

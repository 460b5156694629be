// `tandem backup --out DIR | --out-root DIR [--keep N]`, `tandem backup verify DIR` and
// `tandem restore --from DIR [--to PATH]` (SEC-5): an online, signed backup of the database, keys,
// models and images while the server runs; its verification; its restoration into an empty place.
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { integerIn } from '../option-parsers';
import { progressLine } from '../progress';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { backupKeep, databasePath } from '../../lib/server/config';
import { createBackup, type BackupResult } from '../../lib/server/backup/backup.service';
import { backupIntoRoot } from '../../lib/server/backup/backup-rotation';
import { verifyBackup } from '../../lib/server/backup/backup-verify';
import { restoreBackup } from '../../lib/server/backup/restore.service';
import type { BackupManifest } from '../../lib/server/backup/backup-manifest';
import type { DatabaseFindings } from '../../lib/server/backup/backup-database-check';

/** A progress line per label; on a terminal the line is ended when its count is complete. */
function progress(label: string) {
	return (done: number, total: number) => {
		process.stderr.write(progressLine(label, done, total));
		if (process.stderr.isTTY && done === total) process.stderr.write('\n');
	};
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function warnings(problems: BackupManifest['problems'], when: string): void {
	for (const problem of problems)
		process.stderr.write(`warning: ${problem.file}: ${problem.problem} (${when})\n`);
}

function findingsText(findings: DatabaseFindings, manifest: BackupManifest): string {
	const events = `${findings.auditEvents} event${findings.auditEvents === 1 ? '' : 's'}`;
	const locks =
		findings.locked === 1
			? '1 locked study, its lock fingerprint recomputed and equal'
			: `${findings.locked} locked studies, their lock fingerprints recomputed and equal`;
	const held =
		findings.checkpoints === 1
			? '1 signed checkpoint holds'
			: `${findings.checkpoints} signed checkpoints hold`;
	const checkpoints =
		findings.checkpoints === 0
			? 'no signed checkpoint yet'
			: `${held} under the backup's key, the last at sequence ${manifest.auditCheckpoints.last?.seq} as in the manifest`;
	return `database integrity ok; audit chain intact (${events}, head at sequence ${manifest.auditChain.seq} as in the manifest); ${checkpoints}; ${locks}; ${findings.images} images match the database`;
}

const signedAt = (checkpoint: BackupResult['auditCheckpoint']) =>
	checkpoint ? `signed (checkpoint at sequence ${checkpoint.seq})` : 'not signed';

export function registerBackup(program: Command): void {
	const backup = program
		.command('backup')
		.description(
			'online, consistent backup of the database (SQLite backup API, safe while the server runs), keys, models and images, with a signed manifest'
		)
		.option('--out <dir>', 'a new or empty folder')
		.option('--out-root <dir>', 'take the backup in a new timestamped folder inside this one')
		.option(
			'--keep <n>',
			'with --out-root: keep the newest n backups there (default TANDEM_BACKUP_KEEP, 7)',
			integerIn(1, 10_000, '--keep')
		)
		.action(async (options: { out?: string; outRoot?: string; keep?: number }) => {
			if (Boolean(options.out) === Boolean(options.outRoot))
				throw new CliError('tandem: give exactly one of --out <dir> and --out-root <dir>', 2);
			if (options.keep !== undefined && !options.outRoot)
				throw new CliError('tandem: --keep goes with --out-root', 2);
			const db = getDatabase();
			const onProgress = {
				database: progress('backup database (pages)'),
				files: progress('backup files')
			};
			const common = {
				onProgress: (phase: 'database' | 'files', done: number, total: number) =>
					onProgress[phase](done, total)
			};
			let result: BackupResult & { removed?: string[] };
			if (options.out) result = await createBackup(db, operatorPrincipal(), options.out, common);
			else
				result = await backupIntoRoot(
					db,
					operatorPrincipal(),
					options.outRoot!,
					options.keep ?? backupKeep(),
					common
				);
			warnings(result.problems, 'when the backup was taken');
			process.stdout.write(
				`backup written to ${result.dir}: ${result.files} files, ${megabytes(result.bytes)}; audit chain at sequence ${result.auditChain.seq}, ${signedAt(result.auditCheckpoint)}; manifest sha256 ${result.manifestSha256}\n`
			);
			for (const removed of result.removed ?? [])
				process.stdout.write(`removed older backup ${removed}\n`);
		});
	backup
		.command('verify')
		.argument('<dir>', 'a backup folder')
		.description(
			'check a backup as a restore would, without restoring: signature, every file, database, audit chain and its signed checkpoints, locks, images; exit 1 naming what is wrong'
		)
		.action(async (dir: string) => {
			const verdict = await verifyBackup(dir, progress('verify files'));
			warnings(verdict.manifest.problems, 'already when the backup was taken');
			process.stdout.write(
				`backup intact: signature valid, ${verdict.files} files match the manifest; ${findingsText(verdict, verdict.manifest)}\n`
			);
		});

	program
		.command('restore')
		.requiredOption('--from <dir>', 'a backup folder')
		.option(
			'--to <path>',
			'the database file to create (default TANDEM_DB); its folder must be new or empty'
		)
		.description(
			'restore a backup into an empty location, verified before it is put in place; overwrites nothing'
		)
		.action(async (options: { from: string; to?: string }) => {
			const result = await restoreBackup(
				options.from,
				options.to ?? databasePath(),
				progress('restore files')
			);
			warnings(result.manifest.problems, 'already when the backup was taken');
			process.stdout.write(
				`restored ${result.database}: ${result.written} files written, ${result.kept} already in place; ${findingsText(result, result.manifest)}\n`
			);
		});
}

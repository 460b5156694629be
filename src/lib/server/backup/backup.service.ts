// `tandem backup --out DIR` and the server's scheduled backups (SEC-5): an online, consistent copy
// of the database through SQLite's backup API — safe while the server (another process) writes —
// plus the keys, exports, model files and study folders, with a signed manifest (backup-manifest.ts).
//
// Order, and why: (0) the live audit chain's head is signed (a checkpoint, unless one covers it
// already), so the copy holds it; (1) the database is copied, and the checkpoint file beside it as
// far as the copy's chain reaches — the copy's checkpoints must hold under the signing key, or no
// backup is written (backup-checkpoints.ts); (2) everything the manifest says about the database
// (audit chain head and last checkpoint, lock fingerprints, images) is read from that copy, so the
// manifest describes exactly the copy; (3) the files are copied; (4) the manifest is written and
// signed; (5) only then is "backup.created" audited, in the live database, with the manifest's
// SHA-256 and the chain head it covers. The copy therefore never holds its own audit row (it
// cannot: the row names the manifest's hash); the next backup holds it. A failure before (5)
// removes what was written.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { signedChainHead } from '../audit/checkpoint.service';
import { checkpointFileOf } from '../audit/checkpoint-file';
import type { Principal } from '../access/principal';
import { AccessDenied, Conflict } from '../errors';
import { appExportsDirectory, deidKeysFolder, signingKeyPath } from '../config';
import { sha256Hex } from '../crypto/hash';
import { signingKey } from '../export/signing-key';
import { signManifest } from '../export/signed-manifest';
import {
	ensurePrivateFile,
	makePrivateFolder,
	PRIVATE_FILE_MODE,
	PRIVATE_FOLDER_MODE
} from '../private-files';
import { buildBackupManifest, DATA_FOLDER, type BackupManifest } from './backup-manifest';
import { backupSources, SIGNING_KEY_FILE, type BackupSource } from './backup-sources';
import {
	checkpointFileName,
	copyCheckpointFile,
	refuseUnsoundCheckpoints
} from './backup-checkpoints';
import { copyPrivateFile, digestFile, type FileDigest } from './file-copy';
import { lastMigration } from './migration-level';
import { withTransaction } from '../db/transaction';
import { databaseOn } from '../db/client';
import { isPostgresHandle } from '../db/postgres-transaction';
import { BackupOnPostgres } from './backup-dialect';

export type BackupPhase = 'database' | 'files';

export interface BackupOptions {
	now?: Date;
	/** Database pages copied per step; progress is reported between steps. */
	pagesPerStep?: number;
	onProgress?: (phase: BackupPhase, done: number, total: number) => void;
}

export interface BackupResult {
	dir: string;
	manifestSha256: string;
	auditChain: BackupManifest['auditChain'];
	/** The last signed checkpoint of the copied chain (null: none, e.g. an in-memory database). */
	auditCheckpoint: BackupManifest['auditCheckpoints']['last'];
	files: number;
	bytes: number;
	problems: BackupManifest['problems'];
	/** How often SQLite restarted the copy because another process wrote meanwhile. */
	restarts: number;
}

const ALL_PAGES = 0x7fffffff;

export async function createBackup(
	db: Db,
	principal: Principal,
	outDir: string,
	options: BackupOptions = {}
): Promise<BackupResult> {
	if (principal.kind === 'user')
		throw new AccessDenied('Backups are taken by an operator (tandem backup) or by the server.');
	if (isPostgresHandle(db)) throw new BackupOnPostgres('backup');
	const dir = resolve(outDir);
	const created = prepareEmptyFolder(dir);
	const now = options.now ?? new Date();
	let copy: Database.Database | undefined;
	let result: Omit<BackupResult, 'restarts'> & { publicKeySha256: string };
	let restarts: number;
	try {
		const key = signingKey();
		await signedChainHead(db, 'backup', now);
		makePrivateFolder(join(dir, DATA_FOLDER));
		const source = db.$client;
		const databaseFile = `${DATA_FOLDER}/${source.memory ? 'tandem.db' : basename(source.name)}`;
		const copyPath = join(dir, databaseFile);
		ensurePrivateFile(copyPath);
		restarts = await onlineCopy(source, copyPath, options);
		copy = new Database(copyPath);
		// A self-contained file: no -wal beside it, so it can be checked read-only and copied as one.
		copy.pragma('journal_mode = DELETE');
		const copyDb = databaseOn(copy) as unknown as Db;
		const checkpointFile = checkpointFileName(databaseFile);
		const checkpoints = await copyCheckpointFile(db, copyDb);
		await refuseUnsoundCheckpoints(
			copyDb,
			key.publicKeyPem,
			checkpointFileOf(db) ?? checkpointFile
		);

		const paths = {
			signingKey: signingKeyPath(),
			deidKeys: deidKeysFolder(),
			exports: appExportsDirectory()
		};
		const { sources, models } = await backupSources(copyDb, paths);
		const { files, problems } = await copySources(dir, sources, options);
		if (!files[SIGNING_KEY_FILE]) throw new Error(`the signing key ${paths.signingKey} is missing`);
		files[databaseFile] = await digestFile(copyPath);
		if (checkpoints) files[checkpointFile] = checkpoints;

		const publicKeySha256 = sha256Hex(key.publicKeyPem);
		const manifest = await buildBackupManifest({
			copy: copyDb,
			createdAt: now,
			database: { file: databaseFile, source: source.name, lastMigration: lastMigration(copy) },
			models,
			signingKey: { file: SIGNING_KEY_FILE, publicKeySha256 },
			checkpointFile: checkpoints ? checkpointFile : null,
			problems,
			files
		});
		copy.close();
		copy = undefined;
		const signed = signManifest(manifest);
		for (const [name, text] of Object.entries(signed.files))
			writeFileSync(join(dir, name), text, { flag: 'wx', mode: PRIVATE_FILE_MODE });
		result = {
			dir,
			manifestSha256: signed.sha256,
			auditChain: manifest.auditChain,
			auditCheckpoint: manifest.auditCheckpoints.last,
			files: Object.keys(files).length,
			bytes: Object.values(files).reduce((sum, digest) => sum + digest.bytes, 0),
			problems,
			publicKeySha256
		};
	} catch (error) {
		copy?.close();
		removeWritten(dir, created);
		throw error;
	}

	const { publicKeySha256, ...backup } = result;
	await withTransaction(
		db,
		async (tx) =>
			await recordAudit(
				tx,
				principal,
				{
					action: 'backup.created',
					entityType: 'backup',
					entityId: basename(dir),
					after: {
						folder: dir,
						manifestSha256: backup.manifestSha256,
						auditChain: backup.auditChain,
						checkpointSeq: backup.auditCheckpoint?.seq ?? null,
						files: backup.files,
						bytes: backup.bytes,
						problems: backup.problems.length,
						publicKeySha256
					}
				},
				now
			)
	);
	return { ...backup, restarts };
}

/** Copies each file into the backup; one missing, or not matching the database, is a problem to report. */
async function copySources(
	dir: string,
	sources: BackupSource[],
	options: BackupOptions
): Promise<{ files: Record<string, FileDigest>; problems: BackupManifest['problems'] }> {
	const files: Record<string, FileDigest> = {};
	const problems: BackupManifest['problems'] = [];
	for (const [index, item] of sources.entries()) {
		options.onProgress?.('files', index, sources.length);
		if (!existsSync(item.from)) {
			problems.push({ file: item.name, problem: `missing (${item.from})` });
			continue;
		}
		makePrivateFolder(dirname(join(dir, item.name)));
		const digest = await copyPrivateFile(item.from, join(dir, item.name));
		files[item.name] = digest;
		if (item.expectedSha256 !== null && digest.sha256 !== item.expectedSha256)
			problems.push({
				file: item.name,
				problem: `SHA-256 ${digest.sha256} differs from the database's ${item.expectedSha256}`
			});
	}
	options.onProgress?.('files', sources.length, sources.length);
	return { files, problems };
}

/** The folder, new (0700) or empty; returns whether it was created here. */
function prepareEmptyFolder(dir: string): boolean {
	if (existsSync(dir)) {
		if (!statSync(dir).isDirectory()) throw new Conflict(`${dir} is not a folder.`);
		const entries = readdirSync(dir).sort();
		if (entries.length > 0)
			throw new Conflict(
				`${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): back up into a new or empty folder.`
			);
		chmodSync(dir, PRIVATE_FOLDER_MODE);
		return false;
	}
	makePrivateFolder(dir);
	return true;
}

function removeWritten(dir: string, created: boolean): void {
	if (created) rmSync(dir, { recursive: true, force: true });
	else
		for (const entry of readdirSync(dir))
			rmSync(join(dir, entry), { recursive: true, force: true });
}

/**
 * SQLite's online backup, a few pages per step so progress can be shown. When another process
 * writes between two steps SQLite starts the copy over; after one such restart the rest is copied
 * in a single step, which holds one read snapshot (WAL: writers go on meanwhile) and so finishes.
 */
async function onlineCopy(
	source: Database.Database,
	to: string,
	options: BackupOptions
): Promise<number> {
	let previous = Infinity;
	let restarts = 0;
	const { totalPages } = await source.backup(to, {
		progress: ({ totalPages, remainingPages }) => {
			if (remainingPages >= previous) restarts++;
			previous = remainingPages;
			options.onProgress?.('database', totalPages - remainingPages, totalPages);
			return restarts > 0 ? ALL_PAGES : (options.pagesPerStep ?? 1024);
		}
	});
	options.onProgress?.('database', totalPages, totalPages);
	return restarts;
}

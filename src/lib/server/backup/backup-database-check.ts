// The database of a backup, checked against its manifest: SQLite's integrity_check, the audit
// chain and its head, its signed checkpoints (backup-checkpoints.ts), each study's lock fingerprint
// recomputed, and every image and model file the database names against the SHA-256 the database
// holds for it. Shared by `tandem backup verify` (the backup left untouched) and `tandem restore`
// (on the copy about to be put in place).
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { aiModels, studies } from '../db/schema';
import { openDatabase, type Db, databaseOn } from '../db/client';
import { integrityProblems } from '../db/integrity';
import { verifyAuditChain } from '../audit/audit.service';
import { CHECKPOINT_FILE } from '../audit/checkpoint-file';
import { lockOf, studyFingerprint } from '../export/lock.service';
import { auditChainHead, STUDIES_FOLDER, type BackupManifest } from './backup-manifest';
import { studyImages } from './backup-sources';
import { migrationLevel } from './migration-level';
import { BackupNotIntact } from './backup-not-intact';
import { checkBackupCheckpoints } from './backup-checkpoints';

export interface DatabaseFindings {
	auditEvents: number;
	/** Distinct signed audit checkpoints checked (table, file). */
	checkpoints: number;
	studies: number;
	locked: number;
	images: number;
}

/** The manifest, and the public key it was signed with (the backup's own, checked before). */
export interface CheckedManifest {
	manifest: BackupManifest;
	publicKeyPem: string;
}

/**
 * Checks the database file of a backup, with the checkpoint file beside it. `mayMigrate`: the file
 * may be brought to this Tandem's schema in place (a restore's copy); otherwise an older file is
 * checked on a temporary copy.
 */
export async function checkBackupDatabase(
	file: string,
	backup: CheckedManifest,
	dir: string,
	mayMigrate: boolean
): Promise<DatabaseFindings> {
	const { manifest } = backup;
	const refuse = (problem: string) => new BackupNotIntact(dir, manifest.database.file, problem);
	const raw = new Database(file, { readonly: true, fileMustExist: true });
	let level: ReturnType<typeof migrationLevel>;
	try {
		const problems = integrityProblems(raw, 'full');
		if (problems.length > 0)
			throw refuse(`SQLite integrity_check: ${problems.slice(0, 3).join('; ')}`);
		level = migrationLevel(raw);
	} finally {
		raw.close();
	}
	if (level === 'ahead')
		throw refuse('made by a newer Tandem (its schema has migrations this version does not know)');
	if (level === 'current') {
		const sqlite = new Database(file, { readonly: true, fileMustExist: true });
		try {
			return await checkContents(databaseOn(sqlite) as unknown as Db, backup, dir);
		} finally {
			sqlite.close();
		}
	}
	// Older schema: migrate, as the server would on opening it, then check.
	const scratch = mayMigrate ? undefined : mkdtempSync(join(tmpdir(), 'tandem-backup-check-'));
	const target = scratch ? join(scratch, 'check.db') : file;
	const checkpoints = join(dirname(file), CHECKPOINT_FILE);
	if (scratch) copyFileSync(file, target);
	if (scratch && existsSync(checkpoints)) copyFileSync(checkpoints, join(scratch, CHECKPOINT_FILE));
	const db = openDatabase(target);
	try {
		return await checkContents(db, backup, dir);
	} finally {
		db.$client.close();
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	}
}

async function checkContents(
	db: Db,
	backup: CheckedManifest,
	dir: string
): Promise<DatabaseFindings> {
	const { manifest } = backup;
	const notIntact = (file: string, problem: string) => new BackupNotIntact(dir, file, problem);
	const refuse = (problem: string) => notIntact(manifest.database.file, problem);
	const chain = await verifyAuditChain(db);
	if (!chain.ok) throw refuse(`audit chain broken at sequence ${chain.seq}: ${chain.problem}`);
	const head = await auditChainHead(db);
	if (head.seq !== manifest.auditChain.seq || head.hash !== manifest.auditChain.hash)
		throw refuse(
			`audit chain ends at sequence ${head.seq} (${head.hash.slice(0, 12)}…), the manifest says ${manifest.auditChain.seq} (${manifest.auditChain.hash.slice(0, 12)}…)`
		);
	const checkpoints = await checkBackupCheckpoints(db, manifest, backup.publicKeyPem, dir);

	const listed = new Map(manifest.studies.map((study) => [study.slug, study]));
	const rows = await db.select().from(studies);
	const unlisted = rows.find((row) => !listed.has(row.slug));
	if (unlisted) throw refuse(`study ${unlisted.slug} is not in the manifest`);
	if (rows.length !== listed.size)
		throw refuse(`the manifest lists ${listed.size} studies, the database holds ${rows.length}`);
	const problemFiles = new Set(manifest.problems.map((problem) => problem.file));
	let locked = 0;
	let imageCount = 0;
	for (const row of rows) {
		const entry = listed.get(row.slug)!;
		if (entry.folder !== row.sourceDir)
			throw refuse(`study ${row.slug} lies in ${row.sourceDir}, the manifest says ${entry.folder}`);
		const lock = await lockOf(db, row.id);
		if ((lock === undefined) !== (entry.lock === null))
			throw refuse(`study ${row.slug} is ${lock ? '' : 'not '}locked, the manifest says otherwise`);
		if (lock && entry.lock) {
			locked++;
			if (lock.fingerprint !== entry.lock.fingerprint)
				throw refuse(`study ${row.slug}: lock fingerprint differs from the manifest`);
			if ((await studyFingerprint(db, row.id)) !== entry.lock.recomputed)
				throw refuse(
					`study ${row.slug}: its data no longer gives the fingerprint the manifest recorded`
				);
		}
		for (const image of await studyImages(db, row.id)) {
			imageCount++;
			const name = `${STUDIES_FOLDER}/${row.slug}/${image.path}`;
			if (problemFiles.has(name)) continue;
			const listedFile = manifest.files[name];
			if (!listedFile) throw notIntact(name, 'an image of the database is not in the backup');
			if (listedFile.sha256 !== image.sha256)
				throw notIntact(name, "SHA-256 differs from the database's record of the image");
		}
	}
	for (const model of await db.select().from(aiModels)) {
		const entry = manifest.models.find((item) => item.path === model.path);
		if (!entry || entry.sha256 !== model.sha256)
			throw refuse(
				`model ${model.name} ${model.version} is not in the manifest as the database records it`
			);
		if (problemFiles.has(entry.file)) continue;
		if (manifest.files[entry.file]?.sha256 !== model.sha256)
			throw notIntact(entry.file, 'not the registered model file');
	}
	return {
		auditEvents: chain.count,
		checkpoints,
		studies: rows.length,
		locked,
		images: imageCount
	};
}

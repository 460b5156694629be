// Backups into a root folder, each in a new timestamped subfolder (tandem-backup-20260302T090000Z),
// keeping the newest N: `tandem backup --out-root DIR --keep N` from cron, and the server's
// schedule. Only complete backups (a manifest written) of this naming count and are ever deleted.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import { MANIFEST } from '../export/signed-manifest';
import { makePrivateFolder, PRIVATE_FOLDER_MODE } from '../private-files';
import { createBackup, type BackupOptions, type BackupResult } from './backup.service';
import { withTransaction } from '../db/transaction';

const PREFIX = 'tandem-backup-';
const FOLDER_NAME = /^tandem-backup-(\d{8}T\d{6}Z)(-\d+)?$/;

/** tandem-backup-20260302T090000Z: UTC, sortable, no characters a file system refuses. */
export function backupFolderName(at: Date): string {
	return `${PREFIX}${at
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '')}`;
}

/** When the backup in a folder of this naming was taken, or null for another name. */
export function backupFolderTime(name: string): Date | null {
	const match = FOLDER_NAME.exec(name);
	if (!match) return null;
	const [, stamp] = match;
	const iso = `${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:${stamp!.slice(13, 15)}Z`;
	return new Date(iso);
}

/** The complete backups in the root, oldest first. */
export function completeBackups(root: string): string[] {
	if (!existsSync(root)) return [];
	return readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && FOLDER_NAME.test(entry.name))
		.filter((entry) => existsSync(join(root, entry.name, MANIFEST)))
		.map((entry) => entry.name)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Deletes the oldest complete backups beyond `keep`; returns the folders deleted. */
export function pruneBackups(root: string, keep: number): string[] {
	const backups = completeBackups(root);
	const removed = backups.slice(0, Math.max(0, backups.length - keep));
	for (const name of removed) rmSync(join(root, name), { recursive: true, force: true });
	return removed.map((name) => join(root, name));
}

export interface RotatedBackup extends BackupResult {
	removed: string[];
}

/** A new backup in a timestamped subfolder of `root`, then the oldest beyond `keep` deleted (audited). */
export async function backupIntoRoot(
	db: Db,
	principal: Principal,
	rootDir: string,
	keep: number,
	options: BackupOptions = {}
): Promise<RotatedBackup> {
	const root = resolve(rootDir);
	const now = options.now ?? new Date();
	makePrivateFolder(root);
	const dir = newFolder(root, backupFolderName(now));
	let backup: BackupResult;
	try {
		backup = await createBackup(db, principal, dir, { ...options, now });
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const removed = pruneBackups(root, keep);
	if (removed.length > 0)
		await withTransaction(
			db,
			async (tx) =>
				await recordAudit(tx, principal, {
					action: 'backup.pruned',
					entityType: 'backup',
					after: { root, keep, removed }
				})
		);
	return { ...backup, removed };
}

/** The folder created (0700) under the first free name: `name`, then `name-2`, `name-3` … */
function newFolder(root: string, name: string): string {
	for (let attempt = 1; ; attempt++) {
		const dir = join(root, attempt === 1 ? name : `${name}-${attempt}`);
		try {
			mkdirSync(dir, { mode: PRIVATE_FOLDER_MODE });
			return dir;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

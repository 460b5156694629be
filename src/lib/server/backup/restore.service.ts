// `tandem restore --from DIR [--to PATH]` (SEC-5): puts a backup back, into an empty location
// only, and declares success only after every check of `tandem backup verify` held on what is about
// to be put in place.
//
// Where each file goes: the database to PATH (default TANDEM_DB), and the rest of the data folder
// (signing key, audit checkpoint file, de-identification keys, exports) beside it under the
// default names; the model files and each study folder's files to the paths the database names for
// them (it refers to them by absolute path, and a locked study's row cannot change). A model or
// study file already there with the backup's SHA-256 is kept; a different one is refused, naming it.
//
// Nothing is left half-restored: the data folder is assembled in a temporary folder beside it and
// renamed into place at the end; files outside it are written under temporary names and renamed
// just before; any failure removes everything written.
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Conflict } from '../errors';
import { PRIVATE_FOLDER_MODE } from '../private-files';
import { DATA_FOLDER, MODELS_FOLDER, STUDIES_FOLDER, type BackupManifest } from './backup-manifest';
import { checkBackupDatabase, type DatabaseFindings } from './backup-database-check';
import { BackupNotIntact } from './backup-not-intact';
import { checkDigest, checkSigner, readBackupManifest, refuseUnlistedFiles } from './backup-verify';
import { copyPrivateFile, digestFile } from './file-copy';
import { processDialect } from '../db/dialect';
import { BackupOnPostgres } from './backup-dialect';

export interface RestoreResult extends DatabaseFindings {
	database: string;
	/** Files written, and files found already in place with the backup's SHA-256. */
	written: number;
	kept: number;
	manifest: BackupManifest;
}

interface Placement {
	name: string;
	dest: string;
}

export async function restoreBackup(
	from: string,
	to: string,
	onProgress?: (done: number, total: number) => void
): Promise<RestoreResult> {
	if (processDialect() === 'postgres') throw new BackupOnPostgres('restore');
	const dir = resolve(from);
	const database = resolve(to);
	const folder = dirname(database);
	refuseOccupiedTarget(database, folder);
	const signed = readBackupManifest(dir);
	const { manifest } = signed;
	refuseUnlistedFiles(dir, manifest);
	const all = placements(dir, manifest, database);
	const inside = all.filter((place) => isWithin(place.dest, folder));
	const outside = all.filter((place) => !isWithin(place.dest, folder));
	// Files outside the data folder that are there already: the backup's copy is still checked.
	const occupied = outside.filter((place) => existsSync(place.dest));

	const undo: Array<() => void> = [];
	try {
		const staging = stagingFolder(folder, undo);
		const toWrite = [
			...inside.map((place) => ({ ...place, temp: join(staging, relative(folder, place.dest)) })),
			...outside
				.filter((place) => !occupied.includes(place))
				.map((place) => ({
					...place,
					temp: `${place.dest}.restoring-${randomBytes(4).toString('hex')}`
				}))
		];
		const total = toWrite.length + occupied.length;
		for (const [index, place] of toWrite.entries()) {
			onProgress?.(index, total);
			const source = backupFile(dir, place.name);
			makeFolders(dirname(place.temp), undo);
			undo.push(() => rmSync(place.temp, { force: true }));
			checkDigest(dir, manifest, place.name, await copyPrivateFile(source, place.temp));
		}
		for (const [index, place] of occupied.entries()) {
			onProgress?.(toWrite.length + index, total);
			checkDigest(dir, manifest, place.name, await digestFile(backupFile(dir, place.name)));
		}
		onProgress?.(total, total);
		const stagedPath = (name: string) => join(staging, relative(folder, placed(inside, name)));
		checkSigner(dir, signed, stagedPath(manifest.signingKey.file));
		const findings = await checkBackupDatabase(
			stagedPath(manifest.database.file),
			signed,
			dir,
			true
		);
		await refuseDifferent(manifest, occupied);

		for (const place of toWrite.filter((item) => !isWithin(item.dest, folder))) {
			if (existsSync(place.dest))
				throw new Conflict(
					`${place.dest} appeared during the restore: restore overwrites nothing.`
				);
			renameSync(place.temp, place.dest);
			undo.push(() => rmSync(place.dest, { force: true }));
		}
		renameSync(staging, folder);
		return { database, written: toWrite.length, kept: occupied.length, manifest, ...findings };
	} catch (error) {
		for (const step of undo.reverse()) {
			try {
				step();
			} catch {
				// Best effort: the remaining steps still run.
			}
		}
		throw error;
	}
}

/** The database must not exist, and its folder must be new or empty. */
function refuseOccupiedTarget(database: string, folder: string): void {
	for (const file of [database, `${database}-wal`])
		if (existsSync(file))
			throw new Conflict(
				`${file} already exists: restore writes into an empty location only (move it aside, or give another --to).`
			);
	if (!existsSync(folder)) return;
	if (!statSync(folder).isDirectory()) throw new Conflict(`${folder} is not a folder.`);
	const entries = readdirSync(folder).sort();
	if (entries.length > 0)
		throw new Conflict(
			`${folder} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): restore writes into an empty location only.`
		);
}

/** Where each file of the backup goes back to. */
function placements(dir: string, manifest: BackupManifest, database: string): Placement[] {
	const folder = dirname(database);
	const studies = new Map(manifest.studies.map((study) => [study.slug, study.folder]));
	const result: Placement[] = [];
	for (const name of Object.keys(manifest.files)) {
		const [top, ...rest] = name.split('/');
		const tail = rest.join('/');
		if (name === manifest.database.file) result.push({ name, dest: database });
		else if (top === DATA_FOLDER) result.push({ name, dest: join(folder, tail) });
		else if (top === MODELS_FOLDER) {
			const paths = new Set(manifest.models.filter((m) => m.file === name).map((m) => m.path));
			if (paths.size === 0) throw new BackupNotIntact(dir, name, 'no registered model uses it');
			for (const path of paths) result.push({ name, dest: path });
		} else if (top === STUDIES_FOLDER && studies.has(rest[0]!))
			result.push({ name, dest: join(studies.get(rest[0]!)!, rest.slice(1).join('/')) });
		else throw new BackupNotIntact(dir, name, 'the manifest gives it no place to restore to');
	}
	return result;
}

function placed(places: Placement[], name: string): string {
	return places.find((place) => place.name === name)!.dest;
}

function isWithin(path: string, folder: string): boolean {
	const rel = relative(folder, path);
	return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Files outside the data folder already there are kept when identical to the backup's, else refused. */
async function refuseDifferent(manifest: BackupManifest, occupied: Placement[]): Promise<void> {
	for (const place of occupied) {
		const digest = statSync(place.dest).isFile() ? await digestFile(place.dest) : null;
		if (digest?.sha256 !== manifest.files[place.name]!.sha256)
			throw new Conflict(
				`${place.dest} already exists and differs from the backup's ${place.name}: restore overwrites nothing (move it aside first).`
			);
	}
}

function backupFile(dir: string, name: string): string {
	const path = join(dir, name);
	if (!existsSync(path)) throw new BackupNotIntact(dir, name, 'missing');
	return path;
}

/** A private temporary folder beside the data folder, removed on failure. */
function stagingFolder(folder: string, undo: Array<() => void>): string {
	makeFolders(dirname(folder), undo);
	const staging = mkdtempSync(join(dirname(folder), `.${basename(folder)}.restoring-`));
	chmodSync(staging, PRIVATE_FOLDER_MODE);
	undo.push(() => rmSync(staging, { recursive: true, force: true }));
	return staging;
}

/** Creates the missing folders (0700), to be removed again on failure. */
function makeFolders(path: string, undo: Array<() => void>): void {
	const first = mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
	if (first !== undefined) undo.push(() => rmSync(first, { recursive: true, force: true }));
}

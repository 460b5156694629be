// The audit chain's signed checkpoints in a backup (SEC-2 with SEC-5). Taking one: the live
// chain's head is signed before the copy (backup.service.ts), the checkpoint file beside the
// database is copied as far as the copy's chain reaches, and the copy's checkpoints must hold
// under the signing key before the backup is written at all. Checking one (`backup verify`,
// `restore`): on the copy, every checkpoint of its table and of its file verifies under the
// backup's key, the chain has each signed hash and does not end before the last, and the
// manifest's checkpoint is the copy's last.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Db } from '../db/client';
import { Conflict } from '../errors';
import { sha256Hex } from '../crypto/hash';
import { PRIVATE_FILE_MODE } from '../private-files';
import { chainHead, lastCheckpoint } from '../audit/checkpoint.service';
import { CHECKPOINT_FILE, checkpointFileOf } from '../audit/checkpoint-file';
import { isCheckpoint } from '../audit/checkpoint-record';
import { checkpointIdentity, verifyCheckpoints } from '../audit/checkpoint-verify';
import type { BackupManifest } from './backup-manifest';
import { BackupNotIntact } from './backup-not-intact';
import type { FileDigest } from './file-copy';

/** The checkpoint file's name in a backup: beside the database file. */
export function checkpointFileName(databaseFile: string): string {
	return posix.join(posix.dirname(databaseFile), CHECKPOINT_FILE);
}

/** The sequence a line of the checkpoint file signs (null: no checkpoint). */
function seqOf(line: string): number | null {
	try {
		const value: unknown = JSON.parse(line);
		return isCheckpoint(value) ? value.seq : null;
	} catch {
		return null;
	}
}

/**
 * Copies the live checkpoint file beside the database copy, up to (not including) the first
 * checkpoint beyond the copy's head: those were signed after the copy was taken, and the copy's
 * chain would look cut against them. The file is only appended to, in sequence order, so what is
 * kept is the file as it stood when the copy was taken. Null when there is no file to copy.
 */
export async function copyCheckpointFile(live: Db, copy: Db): Promise<FileDigest | null> {
	const from = checkpointFileOf(live);
	const to = checkpointFileOf(copy);
	if (!from || !to || !existsSync(from)) return null;
	const head = (await chainHead(copy))?.seq ?? 0;
	let kept = '';
	for (const line of readFileSync(from, 'utf8').split(/(?<=\n)/)) {
		const seq = seqOf(line);
		if (seq !== null && seq > head) break;
		kept += line;
	}
	writeFileSync(to, kept, { flag: 'wx', mode: PRIVATE_FILE_MODE });
	return { sha256: sha256Hex(kept), bytes: Buffer.byteLength(kept) };
}

/** Before a backup is written: its copy's checkpoints hold, else no backup that restore would refuse. */
export async function refuseUnsoundCheckpoints(
	copy: Db,
	publicKeyPem: string,
	liveFile: string
): Promise<void> {
	const [first] = (await verifyCheckpoints(copy, { publicKeyPem, fileLabel: liveFile })).problems;
	if (first)
		throw new Conflict(
			`Not backing up: the audit checkpoints do not hold (${first.problem}); run tandem audit verify.`
		);
}

/**
 * The copy's checkpoints under the backup's key, and the manifest's checkpoint among them as the
 * last; the first problem is refused, naming the checkpoint file or the database. Returns how many
 * distinct checkpoints were checked.
 */
export async function checkBackupCheckpoints(
	db: Db,
	manifest: BackupManifest,
	publicKeyPem: string,
	dir: string
): Promise<number> {
	const fileName = checkpointFileName(manifest.database.file);
	const refuse = (problem: string) => new BackupNotIntact(dir, manifest.database.file, problem);
	const verdict = await verifyCheckpoints(db, { publicKeyPem, fileLabel: fileName });
	const [first] = verdict.problems;
	if (first)
		throw first.seq === null || first.problem.includes(fileName)
			? new BackupNotIntact(dir, fileName, first.problem)
			: refuse(first.problem);

	const claimed = manifest.auditCheckpoints.last;
	const stored = await lastCheckpoint(db);
	if (stored && !claimed)
		throw refuse(
			`its last signed audit checkpoint is at sequence ${stored.seq}, the manifest names none`
		);
	if (claimed && !stored)
		throw refuse(
			`it holds no signed audit checkpoint, the manifest carries one at sequence ${claimed.seq}`
		);
	if (claimed && stored && checkpointIdentity(claimed) !== checkpointIdentity(stored))
		throw refuse(
			`its last signed audit checkpoint (sequence ${stored.seq}) is not the one the manifest carries (sequence ${claimed.seq}, signed at ${claimed.signedAt})`
		);
	return verdict.checkpoints;
}

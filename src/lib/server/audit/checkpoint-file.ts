// The second copy of the audit checkpoints: audit-checkpoints.jsonl beside the database, one JSON
// checkpoint a line, only ever appended to (mode 0600). Whoever replaces or rewrites the database
// file does not thereby remove the checkpoints it held; `audit verify` reads both copies.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db/client';
import { connectionFacts } from '../db/connection-facts';
import { PRIVATE_FILE_MODE, restrictToOwner } from '../private-files';
import { isCheckpoint, type AuditCheckpoint } from './checkpoint-record';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/**
 * The checkpoint file of a SQLite database on disk; none in memory, nor on PostgreSQL (whose
 * copies are the server's own: its replicas and archived write-ahead log).
 */
export function checkpointFileOf(db: Db): string | null {
	const { file } = connectionFacts(db);
	return file === null ? null : join(dirname(resolve(file)), CHECKPOINT_FILE);
}

/**
 * Whether the chain of this database is signed at all: a SQLite file and PostgreSQL are, an
 * in-memory database (the specs') is not (there is no folder to keep the file in).
 */
export function signsCheckpoints(db: Db): boolean {
	return !connectionFacts(db).memory;
}

/** Appends one line and waits until it is on disk. */
export function appendCheckpoint(path: string, checkpoint: AuditCheckpoint): void {
	const fd = openSync(path, 'a', PRIVATE_FILE_MODE);
	try {
		writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	restrictToOwner(path);
}

export interface CheckpointFile {
	exists: boolean;
	checkpoints: AuditCheckpoint[];
	/** Line numbers (from 1) that hold no checkpoint. */
	badLines: number[];
}

export function readCheckpointFile(path: string): CheckpointFile {
	if (!existsSync(path)) return { exists: false, checkpoints: [], badLines: [] };
	const checkpoints: AuditCheckpoint[] = [];
	const badLines: number[] = [];
	const lines = readFileSync(path, 'utf8').split('\n');
	lines.forEach((line, index) => {
		if (line === '') return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			value = undefined;
		}
		if (isCheckpoint(value)) checkpoints.push(value);
		else badLines.push(index + 1);
	});
	return { exists: true, checkpoints, badLines };
}

// The header facts of stored images (rows, columns, frames, pixel spacing) that the checks of
// marks and measurements use inside their transactions, which cannot wait for a remote store.
// With the local store they read the file on this machine as they always have; with a remote
// store the route awaits `primeCaseHeaders` first, which reads the head of each image from the
// store (one range request) and keeps its facts per SHA-256 in this process.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { assignments, memberships, readingSessions, reads } from '../db/schema';
import type { UserPrincipal } from '../access/principal';
import { rememberCalibration } from '../dicom/image-calibration';
import {
	HEAD_BYTES,
	headerOf,
	rememberSizeAndFrames,
	sizeIn,
	sizeKnown
} from '../dicom/image-size';
import { caseImageKeys } from './image-keys';
import type { ImageKey, ImageStore } from './image-store';

/** Reads the head of each image whose facts this process does not know yet. */
export async function primeImageHeaders(store: ImageStore, keys: ImageKey[]): Promise<void> {
	if (store.kind === 'local') return;
	for (const key of keys) {
		if (sizeKnown(key.sha256)) continue;
		let bytes = await store.getRange(key, { start: 0, end: HEAD_BYTES - 1 });
		let header = headerOf(bytes);
		if (!sizeIn(header) && bytes.length < key.sizeBytes) {
			bytes = await store.get(key);
			header = headerOf(bytes);
		}
		rememberSizeAndFrames(key.sha256, header);
		rememberCalibration(key.sha256, header);
	}
}

/** Primes the header facts of a case's images. */
export async function primeCaseHeaders(
	db: DbOrTx,
	store: ImageStore,
	caseId: number
): Promise<void> {
	if (store.kind === 'local') return;
	await primeImageHeaders(
		store,
		(await caseImageKeys(db, caseId)).map((image) => image.key)
	);
}

/**
 * Primes the case of one of the caller's own assignments (before a draft or a read is checked);
 * an assignment that is not theirs is left alone, for the service to refuse as it always has.
 */
export async function primeAssignmentHeaders(
	db: DbOrTx,
	store: ImageStore,
	principal: UserPrincipal,
	publicId: string
): Promise<void> {
	if (store.kind === 'local' || typeof publicId !== 'string') return;
	const row = (
		await db
			.select({ caseId: assignments.caseId })
			.from(assignments)
			.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
			.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
			.where(and(eq(assignments.publicId, publicId), eq(memberships.userId, principal.userId)))
	)[0];
	if (row) await primeCaseHeaders(db, store, row.caseId);
}

/** Primes the case of a submitted read (before a correction of it is checked). */
export async function primeReadHeaders(
	db: DbOrTx,
	store: ImageStore,
	readId: number
): Promise<void> {
	if (store.kind === 'local' || !Number.isInteger(readId)) return;
	const row = (
		await db
			.select({ caseId: assignments.caseId })
			.from(reads)
			.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
			.where(eq(reads.id, readId))
	)[0];
	if (row) await primeCaseHeaders(db, store, row.caseId);
}

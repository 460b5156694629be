// Whether a study's cases may be read at all, besides the session (session-gate.ts) and the order
// of steps (step-order.ts). Reading starts once the case set is frozen (CAS-5), unless the protocol
// declares `reading: { before_freeze: true }` (each read made so is marked in the audit trail).
// A case with an image whose burned-in annotation review is pending, or found identifying and
// still in the case, is held back (CAS-2): not served, not read, not offered. The reader learns
// only that the case is not ready yet, never which image or why.
import { and, eq, exists, inArray, or, sql } from 'drizzle-orm';
import type { Placeholder, SQL, SQLWrapper } from 'drizzle-orm';
import { burnedInReviews, images, importedInstances } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { Conflict } from '../errors';
import { datasetFreezeOf } from '../cases/dataset-freeze.service';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { ReadGate } from './own-assignment';

export const READING_NOT_STARTED =
	'Reading has not started in this study: its case set is not frozen yet.';
export const CASE_HELD_BACK = 'This case is not ready to be read yet; it will be offered later.';

export type WaitReason = 'not-started' | 'held';

export class ReadingNotStarted extends Conflict {
	readonly reason: WaitReason = 'not-started';
	constructor() {
		super(READING_NOT_STARTED, { reason: 'not-started' });
	}
}

export class CaseHeldBack extends Conflict {
	readonly reason: WaitReason = 'held';
	constructor() {
		super(CASE_HELD_BACK, { reason: 'held' });
	}
}

/** Reading has started: the case set is frozen, or the protocol reads before the freeze. */
export async function readingStarted(
	tx: DbOrTx,
	studyId: number,
	protocol: Protocol
): Promise<boolean> {
	return protocol.reading.before_freeze === true || (await datasetFrozen(tx, studyId));
}

async function datasetFrozen(tx: DbOrTx, studyId: number): Promise<boolean> {
	return (await datasetFreezeOf(tx, studyId)) !== null;
}

/**
 * The case in `caseId` (a column or a placeholder) is held back: a burned-in review of one of its
 * images is pending, or found the image identifying while it is still in the case. For the
 * prepared statements of the read path (one case, the next unread case), as heldBackCases says.
 */
export function heldBackCondition(db: Db, caseId: SQLWrapper | Placeholder): SQL {
	const pending = db
		.select({ one: sql`1` })
		.from(burnedInReviews)
		.where(and(eq(burnedInReviews.caseId, caseId), eq(burnedInReviews.status, 'pending')));
	const identifying = db
		.select({ one: sql`1` })
		.from(burnedInReviews)
		.innerJoin(importedInstances, eq(burnedInReviews.instanceId, importedInstances.id))
		.innerJoin(
			images,
			and(eq(images.caseId, burnedInReviews.caseId), eq(images.path, importedInstances.path))
		)
		.where(and(eq(burnedInReviews.caseId, caseId), eq(burnedInReviews.status, 'identifying')));
	return or(exists(pending), exists(identifying))!;
}

/** Of these cases, those held back until a burned-in review clears. */
export async function heldBackCases(tx: DbOrTx, caseIds: readonly number[]): Promise<Set<number>> {
	if (caseIds.length === 0) return new Set();
	const ids = [...new Set(caseIds)];
	const pending = await tx
		.select({ caseId: burnedInReviews.caseId })
		.from(burnedInReviews)
		.where(and(inArray(burnedInReviews.caseId, ids), eq(burnedInReviews.status, 'pending')));
	// An image found identifying is withdrawn from its case; should it still be listed, so is the case.
	const identifying = await tx
		.select({ caseId: burnedInReviews.caseId })
		.from(burnedInReviews)
		.innerJoin(importedInstances, eq(burnedInReviews.instanceId, importedInstances.id))
		.innerJoin(
			images,
			and(eq(images.caseId, burnedInReviews.caseId), eq(images.path, importedInstances.path))
		)
		.where(and(inArray(burnedInReviews.caseId, ids), eq(burnedInReviews.status, 'identifying')));
	return new Set([...pending, ...identifying].map((row) => row.caseId));
}

interface Readable {
	protocol: Protocol;
	/** As ownAssignment found it (own-assignment.ts). */
	gate: Pick<ReadGate, 'frozen' | 'held'>;
}

/** Why this assignment cannot be read now (reading not started, case held back), or null. */
export function waitingFor(owned: Readable): WaitReason | null {
	if (owned.protocol.reading.before_freeze !== true && !owned.gate.frozen) return 'not-started';
	if (owned.gate.held) return 'held';
	return null;
}

export function assertReadable(owned: Readable): void {
	const reason = waitingFor(owned);
	if (reason === 'not-started') throw new ReadingNotStarted();
	if (reason === 'held') throw new CaseHeldBack();
}

/**
 * A read submitted before reading started or on a held-back case: audited, then refused (not after
 * the lock, whose refusal comes first).
 */
export async function refusedRead(
	tx: DbOrTx,
	principal: UserPrincipal,
	owned: Readable & {
		studyId: number;
		assignment: { id: number; publicId: string };
		gate: Pick<ReadGate, 'locked'>;
	},
	now: Date
): Promise<ReadingNotStarted | CaseHeldBack | null> {
	if (owned.gate.locked) return null;
	const reason = waitingFor(owned);
	if (reason === null) return null;
	await recordAudit(
		tx,
		principal,
		{
			action: reason === 'held' ? 'read.refused_case_held' : 'read.refused_not_started',
			entityType: 'assignment',
			entityId: owned.assignment.id,
			studyId: owned.studyId,
			after: { assignment: owned.assignment.publicId, reason }
		},
		now
	);
	return reason === 'held' ? new CaseHeldBack() : new ReadingNotStarted();
}

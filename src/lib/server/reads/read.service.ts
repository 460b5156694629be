// Submitting a read. Only the reader who owns the assignment may submit it, only while its session
// is open (washout enforced here, DES-3), in the permitted order of steps (sequential design: the
// unaided read of a case before its aided read, step-order.ts), only after reading has started and
// never on a case held back for its burned-in review (reading-gate.ts), once (a retry with the same
// client id returns the same read), and immutably (READ-4). The read, the session transition and
// the audit rows share one transaction. A refusal for washout, order, an unstarted study or a held
// case is audited too: in the same transaction, which then stores nothing else.
import { and, asc, eq, sql } from 'drizzle-orm';
import { readDrafts, readingSessions, reads } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { fromEpochMs } from '../db/dialect-sql';
import { perConnection } from '../db/prepared';
import { isUniqueViolation } from '../db/errors';
import { recordAudit } from '../audit/audit.service';
import type { UserPrincipal } from '../access/principal';
import { Conflict, InputError, ServiceError } from '../errors';
import { readSubmissionSchema, type ReadSubmission } from '../../domain/read.schema';
import { asksForMarks, type Protocol } from '../../design/protocol/protocol.schema';
import { missingReadFields, readFieldsNeeded } from '../../design/protocol/read-fields';
import { periodCompletedAt, SessionClosed, sessionGate, washoutEnd } from './session-gate';
import { notifyStudyChanged } from '../monitor/study-events';
import { checkMarks } from './mark-check';
import { caseValues } from './read-task';
import { checkMeasurements } from './measurement-check';
import { assertStepOpen, stepAwaited, StepOutOfOrder } from './step-order';
import { assertReadable, refusedRead } from './reading-gate';
import { ownAssignment, type OwnedAssignment } from './own-assignment';
import { sessionProgress } from './reading-queries';
import { withTransaction } from '../db/transaction';
import { stampShown } from './reading.service';

export { ownAssignment, type OwnedAssignment };

export { SessionClosed };

export interface SubmittedRead {
	readId: number;
	/** False when this was a retry of a read already stored. */
	created: boolean;
	submittedAt: Date;
	/** With `options.shown`: null when its first serve was stamped, else the refusal. */
	shownRefusal?: ServiceError | null;
}

/** `simulated` marks a read made by `tandem demo simulate-reads` (demo studies only), everywhere it appears. */
export async function submitRead(
	db: Db,
	principal: UserPrincipal,
	input: ReadSubmission,
	now: Date = new Date(),
	options: { simulated?: boolean; shown?: string } = {}
): Promise<SubmittedRead> {
	const parsed = readSubmissionSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new InputError(
			`${issue.path.join('.') || 'read'}: ${issue.message}`,
			issue.path.join('.')
		);
	}
	const submission = parsed.data;
	// One transaction: a refusal the audit keeps is recorded and returned (committed, then thrown);
	// otherwise the read is stored, or an error without an audit row rolls everything back.
	const outcome = await withTransaction(db, async (tx) => {
		const owned = await ownAssignment(tx, principal, submission.assignment);
		// A retried submit finds its case read; a client id sent for another case than its read's is
		// refused when the read is stored (the column is unique).
		const retry = owned.gate.read ? await alreadyStored(tx, submission.clientId) : undefined;
		if (!retry) {
			const refusal = await auditedRefusal(tx, principal, owned, now);
			if (refusal) return { refusal };
		}
		const simulated = options.simulated ?? false;
		const stored = await storeRead(tx, principal, owned, retry, submission, now, simulated);
		// The workstation's next case, shown as this read was handed over: stamped with it.
		const shownRefusal =
			options.shown === undefined
				? undefined
				: await shownWithRead(tx, principal, options.shown, now);
		return { stored, shownRefusal };
	});
	if ('refusal' in outcome) throw outcome.refusal;
	const { stored, shownRefusal } = outcome;
	if (stored.created) notifyStudyChanged(stored.studyId, db);
	return {
		readId: stored.readId,
		created: stored.created,
		submittedAt: stored.submittedAt,
		...(shownRefusal === undefined ? {} : { shownRefusal })
	};
}

/**
 * Stamps the first serve of the case shown with a read, in the read's transaction (a savepoint:
 * its refusal — another reader's case, one read or closed meanwhile — undoes only itself and is
 * returned; any other error fails the submit, which the workstation sends again).
 */
async function shownWithRead(
	tx: DbOrTx,
	principal: UserPrincipal,
	publicId: string,
	now: Date
): Promise<ServiceError | null> {
	try {
		await withTransaction(tx, async (inner) => await stampShown(inner, principal, publicId, now));
		return null;
	} catch (caught) {
		if (caught instanceof ServiceError) return caught;
		throw caught;
	}
}

/**
 * A read refused for a reason the audit keeps — reading not started, a held case, a closed session
 * (washout), a step out of order — recorded and returned; null when none applies.
 */
async function auditedRefusal(
	tx: DbOrTx,
	principal: UserPrincipal,
	owned: OwnedAssignment,
	now: Date
): Promise<Conflict | null> {
	const notReadable = await refusedRead(tx, principal, owned, now);
	if (notReadable) return notReadable;
	const gate = sessionGate(owned.session, now);
	if (gate.open) return await outOfOrder(tx, principal, owned, now);
	await recordAudit(
		tx,
		principal,
		{
			action: 'read.refused_session_closed',
			entityType: 'assignment',
			entityId: owned.assignment.id,
			studyId: owned.studyId,
			after: {
				period: owned.session.period,
				session: owned.session.sessionIndex,
				opensAt: gate.opensAt?.toISOString() ?? null,
				reason: gate.reason
			}
		},
		now
	);
	return new SessionClosed(gate.reason, gate.opensAt);
}

/** A step submitted before the one that must come first: audited, then refused (not after the lock, whose refusal comes first). */
async function outOfOrder(
	tx: DbOrTx,
	principal: UserPrincipal,
	owned: OwnedAssignment,
	now: Date
): Promise<StepOutOfOrder | null> {
	if (owned.gate.locked) return null;
	const readFirst = await stepAwaited(tx, owned);
	if (readFirst === null) return null;
	await recordAudit(
		tx,
		principal,
		{
			action: 'read.refused_out_of_order',
			entityType: 'assignment',
			entityId: owned.assignment.id,
			studyId: owned.studyId,
			after: { assignment: owned.assignment.publicId, readFirst }
		},
		now
	);
	return new StepOutOfOrder(readFirst);
}

const statements = perConnection((db) => ({
	byClientId: db
		.select({ id: reads.id, assignmentId: reads.assignmentId, submittedAt: reads.submittedAt })
		.from(reads)
		.where(eq(reads.clientId, sql.placeholder('clientId')))
		.prepare(),
	insertRead: db
		.insert(reads)
		.values({
			assignmentId: sql.placeholder('assignmentId'),
			clientId: sql.placeholder('clientId'),
			decision: sql.placeholder('decision'),
			confidence: sql.placeholder('confidence'),
			marksJson: sql.placeholder('marksJson'),
			measurementsJson: sql.placeholder('measurementsJson'),
			comment: sql.placeholder('comment'),
			readingTimeMs: sql.placeholder('readingTimeMs'),
			pausedMs: sql.placeholder('pausedMs'),
			clientEventsJson: sql.placeholder('clientEventsJson'),
			// Raw, not through the column's mapping (which takes a Date, never null): ms or null.
			servedAt: fromEpochMs(db, sql.placeholder('servedAtMs')),
			submittedAt: sql.placeholder('submittedAt'),
			isSimulated: sql.placeholder('isSimulated')
		})
		.returning({ id: reads.id })
		.prepare(),
	/** The draft is done with once the read is stored: removed, its first serve kept for the read. */
	takeDraft: db
		.delete(readDrafts)
		.where(eq(readDrafts.assignmentId, sql.placeholder('assignmentId')))
		.returning({ firstServedAt: readDrafts.firstServedAt })
		.prepare()
}));

async function alreadyStored(tx: DbOrTx, clientId: string) {
	return await statements(tx).byClientId.get({ clientId });
}

/** The read's row; its id. A client id another read has is refused (the column is unique). */
async function insertRead(
	tx: DbOrTx,
	values: Parameters<ReturnType<typeof statements>['insertRead']['get']>[0]
): Promise<number> {
	try {
		return (await statements(tx).insertRead.get(values))!.id;
	} catch (error) {
		if (isUniqueViolation(error, 'reads', 'client_id'))
			throw new Conflict('That client id belongs to another read.');
		throw error;
	}
}

async function storeRead(
	tx: DbOrTx,
	principal: UserPrincipal,
	owned: OwnedAssignment,
	retry: Awaited<ReturnType<typeof alreadyStored>>,
	submission: ReturnType<typeof readSubmissionSchema.parse>,
	now: Date,
	simulated: boolean
): Promise<SubmittedRead & { studyId: number }> {
	if (retry) {
		if (retry.assignmentId !== owned.assignment.id)
			throw new Conflict('That client id belongs to another read.');
		return {
			readId: retry.id,
			created: false,
			submittedAt: retry.submittedAt,
			studyId: owned.studyId
		};
	}
	if (owned.gate.locked) throw new Conflict('The study database is locked: no read can be added.');
	if (!sessionGate(owned.session, now).open)
		throw new SessionClosed('This session is not open.', null);
	if (owned.gate.read) {
		throw new Conflict(
			'This case has already been read in this session; a submitted read cannot be changed.'
		);
	}
	assertReadable(owned);
	await assertStepOpen(tx, owned);
	const stored = checkAgainstProtocol(owned.protocol, submission);
	await checkMarks(tx, owned.assignment.caseId, submission.marks);
	await checkMeasurements(
		tx,
		owned.assignment.caseId,
		owned.protocol.rating,
		submission.measurements
	);
	const draft = await statements(tx).takeDraft.get({ assignmentId: owned.assignment.id });
	const readId = await insertRead(tx, {
		assignmentId: owned.assignment.id,
		clientId: submission.clientId,
		decision: stored.decision,
		confidence: stored.confidence,
		marksJson: JSON.stringify(submission.marks),
		measurementsJson: JSON.stringify(submission.measurements),
		comment: submission.comment ?? null,
		readingTimeMs: measuredTime(submission.readingTimeMs),
		pausedMs: submission.pausedMs ?? null,
		clientEventsJson: JSON.stringify(submission.events),
		servedAtMs: draft?.firstServedAt.getTime() ?? null,
		submittedAt: now,
		isSimulated: simulated
	});
	await recordAudit(
		tx,
		principal,
		{
			action: 'read.submitted',
			entityType: 'read',
			entityId: readId,
			studyId: owned.studyId,
			after: {
				assignment: owned.assignment.id,
				clientId: submission.clientId,
				...(simulated ? { simulated: true } : {}),
				// Read on a case set not yet frozen: the protocol allowed it (reading.before_freeze).
				...(owned.gate.frozen ? {} : { beforeFreeze: true })
			}
		},
		now
	);
	await advanceSessions(tx, principal, owned, now);
	return { readId, created: true, submittedAt: now, studyId: owned.studyId };
}

/**
 * The values of a read (or of a correction) against the study's rating form and endpoints; returns
 * the case-level decision and confidence to store (read-task.ts).
 */
export function checkAgainstProtocol(
	protocol: Protocol,
	submission: Pick<
		ReturnType<typeof readSubmissionSchema.parse>,
		'decision' | 'confidence' | 'marks' | 'comment' | 'readingTimeMs' | 'noLesion'
	>
): { decision: 0 | 1; confidence: number } {
	const values = caseValues(protocol.rating, submission);
	if (!asksForMarks(protocol.rating) && submission.marks.length > 0)
		throw new InputError('marks: this study records no lesion marks', 'marks');
	if (!protocol.rating.comment && submission.comment)
		throw new InputError('comment: this study records no comments', 'comment');
	// The server keeps its own served → submitted times; the active reading time is the workstation's.
	const lacking = missingReadFields(
		{ ...values, readingTimeMs: measuredTime(submission.readingTimeMs) },
		readFieldsNeeded(protocol)
	);
	if (lacking.includes('readingTimeMs'))
		throw new InputError(
			'readingTimeMs: the reading-time endpoint needs the reading time of every read',
			'readingTimeMs'
		);
	return values;
}

/** A reading time of 0 ms is no measurement (the clock never ran): stored as missing. */
function measuredTime(readingTimeMs: number | undefined): number | null {
	return readingTimeMs !== undefined && readingTimeMs > 0 ? readingTimeMs : null;
}

/** open → in_progress → completed; a completed period starts the next period's washout clock. */
async function advanceSessions(
	tx: DbOrTx,
	principal: UserPrincipal,
	owned: OwnedAssignment,
	now: Date
): Promise<void> {
	const { session } = owned;
	const audit = async (action: string, entityId: number, after: Record<string, unknown>) =>
		await recordAudit(
			tx,
			principal,
			{ action, entityType: 'reading_session', entityId, studyId: owned.studyId, after },
			now
		);
	if (session.status !== 'in_progress') {
		await tx
			.update(readingSessions)
			.set({ status: 'in_progress', startedAt: now })
			.where(eq(readingSessions.id, session.id));
		await audit('session.started', session.id, {
			period: session.period,
			session: session.sessionIndex
		});
	}
	// Cases read: each has one original read, whatever corrections followed it.
	const { total, done } = await sessionProgress(tx, session.id);
	if (done < total) return;
	await tx
		.update(readingSessions)
		.set({ status: 'completed', completedAt: now })
		.where(eq(readingSessions.id, session.id));
	await audit('session.completed', session.id, {
		period: session.period,
		session: session.sessionIndex,
		reads: done
	});

	const completedAt = await periodCompletedAt(tx, session.membershipId, session.period);
	if (completedAt === null) return;
	const next = await tx
		.select()
		.from(readingSessions)
		.where(
			and(
				eq(readingSessions.membershipId, session.membershipId),
				eq(readingSessions.period, session.period + 1)
			)
		)
		.orderBy(asc(readingSessions.sessionIndex));
	const opensAt = washoutEnd(completedAt, owned.protocol.design.washout_days);
	for (const later of next) {
		await tx.update(readingSessions).set({ opensAt }).where(eq(readingSessions.id, later.id));
		await audit('session.washout_scheduled', later.id, {
			period: later.period,
			session: later.sessionIndex,
			opensAt: opensAt.toISOString()
		});
	}
}

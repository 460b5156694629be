// Read corrections (READ-4). A submitted read never changes: a correction is a new read of the same
// assignment that supersedes the read it corrects, filed by the reader who made it or by a
// coordinator of the reader's site (a data-entry error), with a reason, before the lock, and only
// on the current version. Its values are checked as a read's are (rating scale, comments, marks
// against the case's images). It keeps the original's reading time, pause and first-serve time:
// a correction is not a new timed read, so the reading-time analysis uses the original's time.
// The new read and its audit row share one transaction; the database backs the rules (one
// original per assignment, each read superseded once, same assignment — drizzle/0013, 0014).
import { randomUUID } from 'node:crypto';
import { reads } from '../db/schema';
import type { Db } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { Conflict, InputError } from '../errors';
import { parseInput } from '../input';
import { recordAudit } from '../audit/audit.service';
import { assertUnlocked } from '../export/lock.service';
import { notifyStudyChanged } from '../monitor/study-events';
import { checkAgainstProtocol } from './read.service';
import { checkMarks } from './mark-check';
import { checkMeasurements } from './measurement-check';
import { latestVersionAfter, readForCorrection } from './correction-access';
import {
	readCorrectionSchema,
	type CorrectionForm,
	type ReadCorrection
} from '../../domain/read-correction';
import type { LesionMark } from '../../domain/read.schema';
import type { Measurement } from '../../domain/measurement';
import { withTransaction } from '../db/transaction';

export interface CorrectedRead {
	readId: number;
	supersedes: number;
	version: number;
}

function refuseSuperseded(readId: number, latest: number): Conflict {
	return new Conflict(
		`Read ${readId} has been corrected already (read ${latest}): correct its latest version.`,
		{ latest }
	);
}

export async function correctRead(
	db: Db,
	principal: UserPrincipal,
	input: ReadCorrection,
	now: Date = new Date()
): Promise<CorrectedRead> {
	const correction = parseInput(readCorrectionSchema, input);
	const comment = correction.comment ? correction.comment : null;
	const result = await withTransaction(db, async (tx) => {
		const target = await readForCorrection(tx, principal, correction.read, 'read.correct');
		const { read } = target;
		await assertUnlocked(tx, target.studyId, 'correcting a read');
		const latest = await latestVersionAfter(tx, read.id);
		if (latest !== null) throw refuseSuperseded(read.id, latest);
		const froc = target.protocol.rating.task === 'froc';
		// A FROC read's case values follow from its marks (none: the answer "no lesion").
		const values = checkAgainstProtocol(target.protocol, {
			...correction,
			...(froc ? { decision: undefined, confidence: undefined } : {}),
			comment: comment ?? undefined,
			noLesion: froc && correction.marks.length === 0,
			readingTimeMs: read.readingTimeMs ?? undefined
		});
		await checkMarks(tx, target.caseId, correction.marks);
		await checkMeasurements(tx, target.caseId, target.protocol.rating, correction.measurements);
		const marksJson = JSON.stringify(correction.marks);
		const measurementsJson = JSON.stringify(correction.measurements);
		if (
			values.decision === read.decision &&
			values.confidence === read.confidence &&
			marksJson === read.marksJson &&
			measurementsJson === read.measurementsJson &&
			comment === read.comment
		)
			throw new InputError(
				'The correction changes nothing: it has the values the read already has.',
				'read'
			);
		const readId = (
			await tx
				.insert(reads)
				.values({
					assignmentId: read.assignmentId,
					clientId: `correction-${randomUUID()}`,
					decision: values.decision,
					confidence: values.confidence,
					marksJson,
					measurementsJson,
					comment,
					// Not a new timed read: the original's measurements stay with it.
					readingTimeMs: read.readingTimeMs,
					pausedMs: read.pausedMs,
					servedAt: read.servedAt,
					submittedAt: now,
					supersedesReadId: read.id,
					correctionReason: correction.reason,
					correctedBy: principal.userId,
					correctedByRole: target.by,
					isSimulated: read.isSimulated
				})
				.returning({ id: reads.id })
		)[0]!.id;
		const version = target.row.version + 1;
		await recordAudit(
			tx,
			principal,
			{
				action: 'read.corrected',
				entityType: 'read',
				entityId: readId,
				studyId: target.studyId,
				before: {
					read: read.id,
					decision: read.decision,
					confidence: read.confidence,
					marks: JSON.parse(read.marksJson) as LesionMark[],
					measurements: JSON.parse(read.measurementsJson) as Measurement[],
					comment: read.comment
				},
				after: {
					read: readId,
					supersedes: read.id,
					version,
					by: target.by,
					decision: correction.decision,
					confidence: correction.confidence,
					marks: correction.marks,
					measurements: correction.measurements,
					comment
				},
				reason: correction.reason
			},
			now
		);
		return { readId, supersedes: read.id, version, studyId: target.studyId };
	});
	notifyStudyChanged(result.studyId, db);
	return { readId: result.readId, supersedes: result.supersedes, version: result.version };
}

/** What the correction form starts from: the current version's values, nothing else of the case. */
export async function correctionForm(
	db: Db,
	principal: UserPrincipal,
	readId: number
): Promise<CorrectionForm> {
	const target = await readForCorrection(db, principal, readId, 'read.correction_form');
	await assertUnlocked(db, target.studyId, 'correcting a read');
	const latest = await latestVersionAfter(db, readId);
	if (latest !== null) throw refuseSuperseded(readId, latest);
	return {
		row: target.row,
		study: target.study,
		rating: target.protocol.rating,
		marks: JSON.parse(target.read.marksJson) as LesionMark[],
		measurements: JSON.parse(target.read.measurementsJson) as Measurement[],
		comment: target.read.comment
	};
}

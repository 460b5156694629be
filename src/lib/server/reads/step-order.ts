// The permitted order of steps (21 CFR 11.10(f)) in the sequential design: each case is read
// without the AI and then at once with it, starting from that answer. A case's aided step opens
// only once the same reader's (same membership's) unaided read of that case is stored, and it is
// the only step that sees another read: the reader's own unaided answer. No other design orders
// the arms of a case, and none shows the other arm's read (READ-1).
import { and, desc, eq } from 'drizzle-orm';
import { assignments, readingSessions, reads } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { Conflict } from '../errors';
import type { Protocol } from '../../design/protocol/protocol.schema';
import type { LesionMark, ReadDraft } from '../../domain/read.schema';
import type { UnaidedAnswer } from '../../domain/reading-view';
import type { Measurement } from '../../domain/measurement';

export const UNAIDED_FIRST =
	'Sequential design: submit your read of this case without the AI first; the read with the AI opens after it.';

/** A step asked for before the one that must come first; `readFirst` is that step's assignment. */
export class StepOutOfOrder extends Conflict {
	constructor(readonly readFirst: string) {
		super(UNAIDED_FIRST, { readFirst });
	}
}

/** One assignment of a reader, with what decides its place in the order. */
export interface Step {
	assignment: { caseId: number; arm: string };
	session: { membershipId: number };
	protocol: Protocol;
}

/** The step is a sequential design's aided step: its form starts from the unaided answer. */
export function followsUnaidedStep(step: Pick<Step, 'protocol' | 'assignment'>): boolean {
	const { protocol, assignment } = step;
	if (protocol.design.type !== 'sequential') return false;
	const control = protocol.arms.find((arm) => !arm.ai);
	const arm = protocol.arms.find((candidate) => candidate.id === assignment.arm);
	return control !== undefined && arm?.ai === true;
}

/** For an aided step of a sequential study: the same reader's unaided step of the same case. */
async function unaidedStepOf(tx: DbOrTx, step: Step) {
	const { protocol, assignment, session } = step;
	const control = protocol.arms.find((arm) => !arm.ai);
	if (!followsUnaidedStep(step) || !control) return null;
	return (
		(
			await tx
				.select({ id: assignments.id, publicId: assignments.publicId })
				.from(assignments)
				.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
				.where(
					and(
						eq(readingSessions.membershipId, session.membershipId),
						eq(assignments.caseId, assignment.caseId),
						eq(assignments.arm, control.id)
					)
				)
		)[0] ?? null
	);
}

/** The latest stored read of an assignment (a correction is a newer row than what it corrects). */
async function latestRead(tx: DbOrTx, assignmentId: number) {
	return (
		await tx
			.select()
			.from(reads)
			.where(eq(reads.assignmentId, assignmentId))
			.orderBy(desc(reads.id))
			.limit(1)
	)[0];
}

/** The assignment (public id) that must be submitted before this step, or null if it may be read. */
export async function stepAwaited(tx: DbOrTx, step: Step): Promise<string | null> {
	const first = await unaidedStepOf(tx, step);
	if (!first) return null;
	return (await latestRead(tx, first.id)) ? null : first.publicId;
}

export async function assertStepOpen(tx: DbOrTx, step: Step): Promise<void> {
	const awaited = await stepAwaited(tx, step);
	if (awaited !== null) throw new StepOutOfOrder(awaited);
}

/** The reader's own stored unaided answer, for an aided step of a sequential study; else null. */
export async function unaidedAnswerOf(tx: DbOrTx, step: Step): Promise<UnaidedAnswer | null> {
	const first = await unaidedStepOf(tx, step);
	const read = first ? await latestRead(tx, first.id) : undefined;
	if (!read) return null;
	return {
		decision: read.decision === null ? null : read.decision === 1 ? 1 : 0,
		confidence: read.confidence,
		marks: JSON.parse(read.marksJson) as LesionMark[],
		measurements: JSON.parse(read.measurementsJson) as Measurement[],
		comment: read.comment
	};
}

/** The aided step's form before the reader touches it: their unaided answer, to revise or keep. */
export function draftFrom(answer: UnaidedAnswer): ReadDraft {
	return {
		...(answer.decision === null ? {} : { decision: answer.decision }),
		...(answer.confidence === null ? {} : { confidence: answer.confidence }),
		marks: answer.marks.map((mark) => ({ ...mark })),
		measurements: answer.measurements.map((measurement) => structuredClone(measurement)),
		...(answer.comment === null ? {} : { comment: answer.comment }),
		events: []
	};
}

// What the workstation gets for one assignment: image URLs, the rating form, presets, progress,
// the reader's own draft and — only in an arm with the AI — the AI output. Never the truth, the
// case id, other readers' reads, or this reader's read of the same case in the other arm (READ-1),
// except in the sequential design, whose aided step opens only after the reader's unaided read of
// the case and starts from that answer (step-order.ts). Nothing is served before reading starts or
// for a case held back for its burned-in review (reading-gate.ts).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { assignments, memberships, readingSessions, reads, studies } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import type { UserPrincipal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import { ownAssignment, ownAssignmentImage, type OwnedAssignment } from './own-assignment';
import {
	aiResultOf,
	draftRowOf,
	imageRowsOf,
	insertFirstServe,
	nextUnreadAfter,
	sessionProgress,
	storeDraft
} from './reading-queries';
import { SessionClosed, sessionGate } from './session-gate';
import { readDraftSchema, type ReadDraft } from '../../domain/read.schema';
import { lockOf, StudyLocked } from '../export/lock.service';
import { checkMarks } from './mark-check';
import type { ImageKey } from '../images/image-store';
import { checkMeasurements } from './measurement-check';
import {
	assertStepOpen,
	draftFrom,
	followsUnaidedStep,
	stepAwaited,
	unaidedAnswerOf,
	type Step
} from './step-order';
import { assertReadable, heldBackCases, readingStarted, waitingFor } from './reading-gate';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { protocolOf } from '../studies/study-protocol';
import { reportedBoxes, type AiBox, type AiHeatmap } from '../../domain/ai-output';
import type { AiView, ReadingPage, ReadingView } from '../../domain/reading-view';
import { resolveHanging } from '../../design/protocol/hanging-layout';
import { hangingImage } from '../cases/image-hanging';
import { findModel } from '../ai/model-registry.service';
import { withTransaction } from '../db/transaction';

/**
 * The view, the case shown and the draft record nothing in the audit trail (the read does): on
 * PostgreSQL they run beside the transactions that do, without waiting for their turn.
 */
const READ_PATH = { seldomAudits: true } as const;

/**
 * The workstation's view of the caller's own assignment; once the study is locked, that it is
 * closed; before reading starts or while the case is held back, that it waits.
 */
export async function readingPage(
	db: Db,
	principal: UserPrincipal,
	publicId: string,
	now = new Date()
): Promise<ReadingPage> {
	const owned = await ownAssignment(db, principal, publicId);
	const locked = owned.gate.locked;
	const reason = locked ? null : waitingFor(owned);
	if (!locked && reason === null)
		return { view: await readingView(db, principal, publicId, now), closed: null, waiting: null };
	const { study } = owned;
	if (reason !== null) return { view: null, closed: null, waiting: { ...study, reason } };
	return { view: null, closed: study, waiting: null };
}

/**
 * The view of the caller's own open assignment. Served (`record`, the default), it stamps the case's
 * first serve; prefetched while the reader reads the case before it (`record: false`), it records
 * nothing: the workstation reports the moment it shows the case (`caseShown`), so the stored
 * `servedAt` stays the moment the case was first shown.
 */
export async function readingView(
	db: Db,
	principal: UserPrincipal,
	publicId: string,
	now = new Date(),
	options: { record?: boolean } = {}
): Promise<ReadingView> {
	const record = options.record ?? true;
	const view = async (tx: DbOrTx): Promise<ReadingView> => {
		const owned = await openAssignment(tx, principal, publicId, now);
		const { assignment, session, protocol } = owned;
		const arm = protocol.arms.find((candidate) => candidate.id === assignment.arm)!;
		const rows = await imageRowsOf(tx, assignment.caseId);
		const frames = rows.map((row) => row.frames);
		const caseImages = rows.map((row) => hangingImage(row.ordinal, row));
		const { total, done } = await sessionProgress(tx, session.id);
		const { draft, unaidedAnswer } = await startingDraft(tx, owned, record ? now : null);
		const { study } = owned;
		return {
			assignment: publicId,
			study,
			session: {
				period: session.period,
				index: session.sessionIndex,
				position: assignment.position,
				total,
				done
			},
			withAi: arm.ai,
			images: imageUrls(publicId, frames.length),
			frames,
			// Labels and image positions only: the header values it is built from stay here.
			hanging: resolveHanging(protocol.hanging_protocols, caseImages),
			rating: protocol.rating,
			presets: protocol.reading.window_presets,
			idlePauseSeconds: protocol.reading.idle_pause_seconds,
			draft,
			// The AI output is looked up only for an arm with the AI; an unaided read never reaches it.
			ai: arm.ai ? await aiView(tx, protocol, assignment.caseId) : null,
			unaidedAnswer,
			next: await nextInSession(tx, owned, assignment.position)
		};
	};
	// Served, the view stamps the first serve with what it read: one transaction. Prefetched, it
	// only reads, each statement the latest committed state (the submit checks again what it relies
	// on): no transaction, so on SQLite it does not wait for the writer's turn, and on PostgreSQL it
	// takes no serializable snapshot (nor BEGIN and COMMIT's round trips).
	return record ? await withTransaction(db, view, READ_PATH) : await view(db);
}

/**
 * The case was shown on the workstation (after a prefetched view): its first serve is stamped now,
 * unless it was already. Refused like the view itself (not the caller's, read, closed, waiting).
 */
export async function caseShown(
	db: Db,
	principal: UserPrincipal,
	publicId: string,
	now = new Date()
): Promise<void> {
	await withTransaction(
		db,
		async (tx) => await stampShown(tx, principal, publicId, now),
		READ_PATH
	);
}

/** caseShown's work, in the caller's transaction (the submit's, for the case shown with a read). */
export async function stampShown(
	tx: DbOrTx,
	principal: UserPrincipal,
	publicId: string,
	now: Date
): Promise<void> {
	const owned = await openAssignment(tx, principal, publicId, now);
	// An aided step starts from the unaided answer (startingDraft); any other case's first serve is
	// one insert that leaves an earlier one standing.
	if (followsUnaidedStep(owned)) await startingDraft(tx, owned, now);
	else await insertFirstServe(tx, owned.assignment.id, now);
}

/**
 * The draft the case opens with — the stored one, else (sequential design, aided step) the reader's
 * own unaided answer, else empty — stored with its first serve at `servedAt` when there is none yet
 * and the case is served (null: only looked at).
 */
async function startingDraft(
	tx: DbOrTx,
	owned: Step & { assignment: { id: number } },
	servedAt: Date | null
): Promise<{ draft: ReadDraft; unaidedAnswer: Awaited<ReturnType<typeof unaidedAnswerOf>> }> {
	const assignmentId = owned.assignment.id;
	const draftRow = await draftRowOf(tx, assignmentId);
	// Sequential design, aided step: the form starts from the reader's own unaided answer.
	const unaidedAnswer = await unaidedAnswerOf(tx, owned);
	const draft: ReadDraft = draftRow
		? (JSON.parse(draftRow.stateJson) as ReadDraft)
		: unaidedAnswer
			? draftFrom(unaidedAnswer)
			: { marks: [], events: [] };
	if (!draftRow && servedAt)
		await insertFirstServe(
			tx,
			assignmentId,
			servedAt,
			unaidedAnswer ? JSON.stringify(draft) : '{}'
		);
	return { draft, unaidedAnswer };
}

function imageUrls(publicId: string, count: number): string[] {
	return Array.from({ length: count }, (_, index) => `/api/read/${publicId}/images/${index + 1}`);
}

/**
 * The next unread case that is not held back; its images only if it may already be read (not a
 * step waiting for this one).
 */
async function nextInSession(
	tx: DbOrTx,
	current: Step & { session: { id: number } },
	position: number
): Promise<ReadingView['next']> {
	const next = await nextUnreadAfter(tx, current.session.id, position);
	if (!next) return null;
	if ((await stepAwaited(tx, { ...current, assignment: next })) !== null)
		return { assignment: next.publicId, images: [], frames: [] };
	const frames = (await imageRowsOf(tx, next.caseId)).map((row) => row.frames);
	return { assignment: next.publicId, images: imageUrls(next.publicId, frames.length), frames };
}

/** The caller's assignment, in an open session of a study not locked, not yet read. */
async function openAssignment(tx: DbOrTx, principal: UserPrincipal, publicId: string, now: Date) {
	return await assertOpen(tx, await ownAssignment(tx, principal, publicId), now);
}

/** The assignment may be read now: study not locked, session open, not read, its step's turn. */
async function assertOpen(tx: DbOrTx, owned: OwnedAssignment, now: Date) {
	if (owned.gate.locked) throw new StudyLocked('reading');
	assertReadable(owned);
	const gate = sessionGate(owned.session, now);
	if (!gate.open) throw new SessionClosed(gate.reason, gate.opensAt);
	if (owned.gate.read) throw new Conflict('This case has been read.');
	await assertStepOpen(tx, owned);
	return owned;
}

async function aiView(tx: DbOrTx, protocol: Protocol, caseId: number): Promise<AiView> {
	const model = await findModel(tx, protocol.ai_model.name, protocol.ai_model.version);
	if (!model) return { status: 'pending' };
	const result = await aiResultOf(tx, model.id, caseId);
	if (!result || result.status === 'queued' || result.status === 'running')
		return { status: 'pending' };
	if (result.status === 'failed' || result.score === null) return { status: 'failed' };
	const output = JSON.parse(result.outputJson ?? '{}') as {
		heatmap?: AiHeatmap | null;
		boxes?: AiBox[];
	};
	const threshold = (JSON.parse(model.manifestJson) as { threshold: number }).threshold;
	return {
		status: 'done',
		score: result.score,
		positive: result.score >= threshold,
		threshold,
		heatmap: output.heatmap ?? null,
		boxes: reportedBoxes(output.boxes ?? [], threshold)
	};
}

/** The file behind an image URL of the caller's own open, unread assignment. */
export async function imageForReading(
	db: Db,
	principal: UserPrincipal,
	publicId: string,
	ordinal: number,
	now = new Date()
): Promise<ImageKey> {
	if (!Number.isInteger(ordinal) || ordinal < 1) throw new NotFound('No such image.');
	const { owned, image } = await ownAssignmentImage(db, principal, publicId, ordinal);
	await assertOpen(db, owned, now);
	if (!image) throw new NotFound('No such image.');
	return image.key;
}

export async function saveDraft(
	db: Db,
	principal: UserPrincipal,
	publicId: string,
	input: unknown,
	now = new Date()
): Promise<void> {
	const parsed = readDraftSchema.safeParse(input);
	if (!parsed.success) throw new InputError(`draft: ${parsed.error.issues[0]?.message}`);
	await withTransaction(
		db,
		async (tx) => {
			const owned = await openAssignment(tx, principal, publicId, now);
			await checkMarks(tx, owned.assignment.caseId, parsed.data.marks, 'draft: ');
			const { rating } = owned.protocol;
			await checkMeasurements(
				tx,
				owned.assignment.caseId,
				rating,
				parsed.data.measurements,
				'draft: '
			);
			await storeDraft(tx, owned.assignment.id, JSON.stringify(parsed.data), now);
		},
		READ_PATH
	);
}

/**
 * The caller's next unread assignment in their earliest open session (resume exactly where they
 * stopped), never a step that waits for another (the sequential design's aided read of a case),
 * nor a case held back; none before reading has started.
 */
export async function nextAssignment(
	db: Db,
	principal: UserPrincipal,
	studySlug: string,
	now = new Date()
): Promise<string | null> {
	const mine = (
		await db
			.select({
				id: memberships.id,
				studyId: memberships.studyId,
				protocolJson: studies.protocolJson
			})
			.from(memberships)
			.innerJoin(studies, eq(memberships.studyId, studies.id))
			.where(
				and(
					eq(memberships.userId, principal.userId),
					eq(memberships.role, 'reader'),
					isNull(memberships.withdrawnAt),
					eq(studies.slug, studySlug)
				)
			)
	)[0];
	if (!mine || (await lockOf(db, mine.studyId))) return null;
	const protocol = protocolOf({ id: mine.studyId, protocolJson: mine.protocolJson });
	if (!(await readingStarted(db, mine.studyId, protocol))) return null;
	const sessions = await db
		.select()
		.from(readingSessions)
		.where(eq(readingSessions.membershipId, mine.id))
		.orderBy(asc(readingSessions.period), asc(readingSessions.sessionIndex));
	for (const session of sessions) {
		if (!sessionGate(session, now).open) continue;
		const unread = await db
			.select({ publicId: assignments.publicId, caseId: assignments.caseId, arm: assignments.arm })
			.from(assignments)
			.leftJoin(reads, eq(reads.assignmentId, assignments.id))
			.where(and(eq(assignments.sessionId, session.id), isNull(reads.id)))
			.orderBy(asc(assignments.position));
		const held = await heldBackCases(
			db,
			unread.map((assignment) => assignment.caseId)
		);
		for (const assignment of unread) {
			if (held.has(assignment.caseId)) continue;
			if (
				(await stepAwaited(db, { assignment, session: { membershipId: mine.id }, protocol })) ===
				null
			)
				return assignment.publicId;
		}
	}
	return null;
}

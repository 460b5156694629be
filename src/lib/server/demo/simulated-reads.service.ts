// `tandem demo simulate-reads`: fills a DEMO study with reads from simulated readers, through the
// same read service as real reads (ownership, sessions, washout, audit), on an injected clock that
// starts in the past and jumps each washout. Every such read is marked simulated, and none is dated
// later than now: a reader's reads follow their own last read (a real one, say), squeezed into the
// time left before now if need be; reads whose washout ends after now are left unread, and the
// result says how many and when the first such washout ends. Refused for a study whose protocol is
// not `demo: true`. Re-running with the same seed adds nothing: client ids
// are derived from the seed and the assignment, so a stored read is recognised.
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import {
	assignments,
	cases,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	referenceTruth,
	users
} from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug } from '../access/access';
import type { Principal } from '../access/principal';
import { AccessDenied, Conflict, InputError } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { submitRead } from '../reads/read.service';
import { truthLesionsByCase } from '../cases/truth-lesions';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { caseLayout, simulatedLesionAnswer, type CaseLayout } from './simulated-marks';
import { measurementSimulator } from './simulated-measurements';
import {
	drawCase,
	drawReader,
	simulateRead,
	simulationStreams,
	type SimulatedCase
} from '../../stats/simulate/simulated-reader';
import { mapInOrder } from '../db/in-order';

const DAY_MS = 86_400_000;

export interface SimulationOptions {
	seed: number;
	/** When the first simulated read happens (default: enough days ago for two periods and the washout). */
	start?: Date;
	onProgress?: (done: number, total: number) => void;
	/** The present (default: the clock); no simulated read is dated after it. */
	now?: Date;
}

export interface SimulationResult {
	readers: number;
	reads: number;
	skipped: number;
	lastReadAt: Date | null;
	/** Reads left unread because their washout ends after now, by how many readers, and when the first opens. */
	left: { reads: number; readers: number; firstOpensAt: Date | null };
}

export async function simulateReads(
	db: Db,
	principal: Principal,
	slug: string,
	options: SimulationOptions
): Promise<SimulationResult> {
	if (principal.kind === 'user')
		throw new AccessDenied('Simulated reads are made by an operator (tandem demo simulate-reads).');
	const study = await requireStudyBySlug(db, slug);
	const protocol = protocolOf(study);
	if (!protocol.demo)
		throw new Conflict(
			`"${slug}" is not a demo study (study.yaml demo: true): simulated reads are refused.`
		);
	const withAi = new Map(protocol.arms.map((arm) => [arm.id, arm.ai]));
	const streams = simulationStreams(options.seed);
	// Case difficulty from the truth (the simulator plays the readers; it is the only reader-like code that may).
	const caseRows = await db
		.select({ id: cases.id, caseKey: cases.caseKey, truth: referenceTruth.truth })
		.from(cases)
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, study.id))
		.orderBy(asc(cases.ordinal));
	const caseModels = new Map<number, SimulatedCase>(
		caseRows.map((row) => [row.id, drawCase(streams.cases, row.truth === 1 ? 1 : 0)])
	);
	const layoutOf = await lesionLayouts(db, protocol, study.id, caseRows);
	const measuring =
		protocol.rating.measure_lesion_size === true
			? await measurementSimulator(db, study.id, options.seed)
			: null;
	const readers = await db
		.select({
			index: readerEnrolments.enrolmentIndex,
			membershipId: memberships.id,
			userId: users.id,
			email: users.email,
			name: users.name
		})
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(and(eq(readerEnrolments.studyId, study.id), isNull(readerEnrolments.withdrawnAt)))
		.orderBy(asc(readerEnrolments.enrolmentIndex));
	const plans = await mapInOrder(readers, async (reader) => ({
		reader,
		work: await unreadAssignments(db, reader.membershipId)
	}));
	const total = plans.reduce((n, plan) => n + plan.work.length, 0);
	const now = options.now ?? new Date();
	const start =
		options.start ?? new Date(now.getTime() - (2 * protocol.design.washout_days + 30) * DAY_MS);
	if (start.getTime() > now.getTime())
		throw new InputError(
			`The start of the simulated reads (${start.toISOString()}) is later than now: simulated reads are never dated in the future.`,
			'start'
		);
	const result: SimulationResult = {
		readers: readers.length,
		reads: 0,
		skipped: 0,
		lastReadAt: null,
		left: { reads: 0, readers: 0, firstOpensAt: null }
	};
	for (const { reader, work } of plans) {
		const random = streams.reader(reader.index);
		const model = drawReader(random);
		const principalOfReader = {
			kind: 'user' as const,
			userId: reader.userId,
			email: reader.email,
			name: reader.name
		};
		// Drawn first, in reading order, so a seed gives the same reads whatever their dates.
		const drawn = work.map((item) => {
			const caseModel = caseModels.get(item.caseId)!;
			const aided = withAi.get(item.arm) ?? false;
			const read = simulateRead(model, caseModel, aided, random);
			const layout = layoutOf?.(item.caseId);
			if (!layout) return { ...read, marks: [] };
			const answer = simulatedLesionAnswer(protocol, layout, model, caseModel, aided, read, random);
			// A FROC read's case values follow from its marks: the read service derives them.
			return protocol.rating.task === 'froc'
				? {
						...answer,
						readingTimeMs: read.readingTimeMs,
						decision: undefined,
						confidence: undefined
					}
				: { ...read, ...answer };
		});
		// Readers start an hour apart, and never before their own last read.
		let clock = Math.max(
			Math.min(start.getTime() + (reader.index - 1) * 3_600_000, now.getTime()),
			(await lastReadOf(db, reader.membershipId)) ?? 0
		);
		for (const [index, item] of work.entries()) {
			const read = drawn[index]!;
			const opensAt = await sessionOpensAt(db, item.sessionId);
			if (opensAt === WAITING || (opensAt !== null && opensAt > now.getTime())) {
				// The washout ends after now (or has not started): the rest of this reader's reads wait.
				result.left.reads += work.length - index;
				result.left.readers++;
				if (opensAt !== WAITING && opensAt !== null) {
					const first = result.left.firstOpensAt?.getTime() ?? Infinity;
					result.left.firstOpensAt = new Date(Math.min(first, opensAt));
				}
				break;
			}
			clock = nextReadAt(clock, opensAt ?? 0, work, drawn, index, now.getTime());
			const stored = await submitRead(
				db,
				principalOfReader,
				{
					assignment: item.publicId,
					clientId: `sim-${options.seed}-${item.publicId}`,
					decision: read.decision,
					confidence: read.confidence,
					marks: read.marks,
					...(read.noLesion && { noLesion: true }),
					readingTimeMs: read.readingTimeMs,
					pausedMs: 0,
					...(measuring &&
						read.decision === 1 && {
							measurements: await measuring.measure(
								reader.index,
								item.caseId,
								withAi.get(item.arm) ?? false
							)
						})
				},
				new Date(clock),
				{ simulated: true }
			);
			if (stored.created) result.reads++;
			else result.skipped++;
			result.lastReadAt = new Date(Math.max(result.lastReadAt?.getTime() ?? 0, clock));
			options.onProgress?.(result.reads + result.skipped, total);
		}
	}
	return result;
}

/**
 * In a lesion-level (froc, lroc) study, each case's lesions and images for the simulated marks,
 * looked up once per case before the reads are drawn; undefined in a case-level study.
 */
async function lesionLayouts(
	db: Db,
	protocol: Protocol,
	studyId: number,
	caseRows: ReadonlyArray<{ id: number; caseKey: string }>
): Promise<((caseId: number) => CaseLayout | undefined) | undefined> {
	if (protocol.rating.task === 'roc') return undefined;
	const lesions = await truthLesionsByCase(db, studyId);
	const layouts = new Map<number, CaseLayout>();
	for (const row of caseRows)
		layouts.set(row.id, await caseLayout(db, row.id, lesions.get(row.caseKey) ?? []));
	return (caseId) => layouts.get(caseId);
}

interface Work {
	publicId: string;
	caseId: number;
	arm: string;
	sessionId: number;
	period: number;
}

/** The reader's unread assignments in reading order (period, session, position). */
async function unreadAssignments(db: Db, membershipId: number): Promise<Work[]> {
	return await db
		.select({
			publicId: assignments.publicId,
			caseId: assignments.caseId,
			arm: assignments.arm,
			sessionId: readingSessions.id,
			period: readingSessions.period
		})
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.leftJoin(reads, eq(reads.assignmentId, assignments.id))
		.where(and(eq(readingSessions.membershipId, membershipId), isNull(reads.id)))
		.orderBy(
			asc(readingSessions.period),
			asc(readingSessions.sessionIndex),
			asc(assignments.position)
		);
}

/** A scheduled session whose washout has not started: the period before is not complete. */
const WAITING = 'waiting';

/**
 * When a scheduled session opens (set once the period before is complete), so the clock can jump
 * the washout; WAITING while that date is not set; null for a session that is open.
 */
async function sessionOpensAt(db: Db, sessionId: number): Promise<number | typeof WAITING | null> {
	const session = (
		await db
			.select({ status: readingSessions.status, opensAt: readingSessions.opensAt })
			.from(readingSessions)
			.where(eq(readingSessions.id, sessionId))
	)[0];
	if (session?.status !== 'scheduled') return null;
	return session.opensAt ? session.opensAt.getTime() : WAITING;
}

/** The time of the reader's latest read, real or simulated. */
async function lastReadOf(db: Db, membershipId: number): Promise<number | null> {
	const row = (
		await db
			.select({ at: max(reads.submittedAt) })
			.from(reads)
			.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
			.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
			.where(eq(readingSessions.membershipId, membershipId))
	)[0];
	return row?.at ? new Date(row.at).getTime() : null;
}

/**
 * When the read at `index` is submitted: its reading time (and a few seconds) after the previous
 * one, or when its session opens; when the rest of its period would not fit before now at that
 * pace, the rest is spread evenly over the time left, so no read is later than now.
 */
function nextReadAt(
	clock: number,
	opensAt: number,
	work: readonly Work[],
	drawn: ReadonlyArray<{ readingTimeMs: number }>,
	index: number,
	now: number
): number {
	const from = Math.max(clock, opensAt);
	const pace = (i: number) => drawn[i]!.readingTimeMs + 4_000;
	let rest = 0;
	let needed = 0;
	for (let i = index; i < work.length && work[i]!.period === work[index]!.period; i++) {
		rest++;
		needed += pace(i);
	}
	if (from + needed <= now) return from + pace(index);
	return from + Math.floor(Math.max(0, now - from) / rest);
}

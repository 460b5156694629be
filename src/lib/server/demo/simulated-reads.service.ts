// `tandem demo simulate-reads`: fills a DEMO study with reads from simulated readers, through the
// same read service as real reads (ownership, sessions, washout, audit), on an injected clock that
// starts in the past and jumps each washout. Every such read is marked simulated. Refused for a
// study whose protocol is not `demo: true`. Re-running with the same seed adds nothing: client ids
// are derived from the seed and the assignment, so a stored read is recognised.
import { and, asc, eq, isNull } from 'drizzle-orm';
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
import { AccessDenied, Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { submitRead } from '../reads/read.service';
import {
	drawCase,
	drawReader,
	simulateRead,
	simulationStreams,
	type SimulatedCase
} from '../../stats/simulate/simulated-reader';

const DAY_MS = 86_400_000;

export interface SimulationOptions {
	seed: number;
	/** When the first simulated read happens (default: enough days ago for two periods and the washout). */
	start?: Date;
	onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
	readers: number;
	reads: number;
	skipped: number;
	lastReadAt: Date | null;
}

export function simulateReads(
	db: Db,
	principal: Principal,
	slug: string,
	options: SimulationOptions
): SimulationResult {
	if (principal.kind === 'user')
		throw new AccessDenied('Simulated reads are made by an operator (tandem demo simulate-reads).');
	const study = requireStudyBySlug(db, slug);
	const protocol = protocolOf(study);
	if (!protocol.demo)
		throw new Conflict(
			`"${slug}" is not a demo study (study.yaml demo: true): simulated reads are refused.`
		);
	const withAi = new Map(protocol.arms.map((arm) => [arm.id, arm.ai]));
	const streams = simulationStreams(options.seed);
	// Case difficulty from the truth (the simulator plays the readers; it is the only reader-like code that may).
	const caseModels = new Map<number, SimulatedCase>(
		db
			.select({ id: cases.id, truth: referenceTruth.truth })
			.from(cases)
			.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
			.where(eq(cases.studyId, study.id))
			.orderBy(asc(cases.ordinal))
			.all()
			.map((row) => [row.id, drawCase(streams.cases, row.truth === 1 ? 1 : 0)])
	);
	const readers = db
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
		.orderBy(asc(readerEnrolments.enrolmentIndex))
		.all();
	const plans = readers.map((reader) => ({
		reader,
		work: unreadAssignments(db, reader.membershipId)
	}));
	const total = plans.reduce((n, plan) => n + plan.work.length, 0);
	const start =
		options.start ?? new Date(Date.now() - (2 * protocol.design.washout_days + 30) * DAY_MS);
	const result: SimulationResult = {
		readers: readers.length,
		reads: 0,
		skipped: 0,
		lastReadAt: null
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
		let clock = start.getTime() + (reader.index - 1) * 3_600_000; // readers start an hour apart
		for (const item of work) {
			const read = simulateRead(
				model,
				caseModels.get(item.caseId)!,
				withAi.get(item.arm) ?? false,
				random
			);
			clock = Math.max(clock + read.readingTimeMs + 4_000, sessionOpensAt(db, item.sessionId) ?? 0);
			const stored = submitRead(
				db,
				principalOfReader,
				{
					assignment: item.publicId,
					clientId: `sim-${options.seed}-${item.publicId}`,
					decision: read.decision,
					confidence: read.confidence,
					readingTimeMs: read.readingTimeMs,
					pausedMs: 0
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

interface Work {
	publicId: string;
	caseId: number;
	arm: string;
	sessionId: number;
}

/** The reader's unread assignments in reading order (period, session, position). */
function unreadAssignments(db: Db, membershipId: number): Work[] {
	return db
		.select({
			publicId: assignments.publicId,
			caseId: assignments.caseId,
			arm: assignments.arm,
			sessionId: readingSessions.id
		})
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.leftJoin(reads, eq(reads.assignmentId, assignments.id))
		.where(and(eq(readingSessions.membershipId, membershipId), isNull(reads.id)))
		.orderBy(
			asc(readingSessions.period),
			asc(readingSessions.sessionIndex),
			asc(assignments.position)
		)
		.all();
}

/** When a waiting session opens (set once the period before is complete), so the clock can jump the washout. */
function sessionOpensAt(db: Db, sessionId: number): number | null {
	const session = db
		.select({ status: readingSessions.status, opensAt: readingSessions.opensAt })
		.from(readingSessions)
		.where(eq(readingSessions.id, sessionId))
		.get();
	return session?.status === 'scheduled' && session.opensAt ? session.opensAt.getTime() : null;
}

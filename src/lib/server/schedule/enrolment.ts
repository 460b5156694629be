// Enrolling a reader derives and stores their schedule (sessions and assignments) in the same
// transaction, with the seed and algorithm that produced it. Another reader's schedule never
// changes: the generator allocates by enrolment order within the site (property-tested in design/).
import { and, eq, inArray } from 'drizzle-orm';
import {
	assignments,
	cases,
	memberships,
	readerEnrolments,
	readingSessions,
	sites
} from '../db/schema';
import { countStudyReads } from '../reads/read-counts';
import type { DbOrTx } from '../db/client';
import {
	ALGORITHM_ID,
	generateSchedule,
	ScheduleInputError,
	type ReaderSchedule
} from '../../design/schedule';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import { Conflict, InputError } from '../errors';
import { buildScheduleInput, enrolledReaders } from './schedule-input';
// After the lock nobody is enrolled, whoever asks (a new reader would have nothing to read).
import { assertUnlocked } from '../export/lock.service';
import { assertTruthCompleteForReaders } from '../reference-standard/truth-complete';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export interface Qualifications {
	yearsExperience?: number;
	specialty?: string;
	trainingCompletedAt?: string;
}

export function readerCodeFor(index: number): string {
	return `R${String(index).padStart(2, '0')}`;
}

export async function enrolReaderTx(
	tx: DbOrTx,
	principal: Principal,
	studyId: number,
	membershipId: number,
	qualifications: Qualifications = {}
): Promise<{ readerCode: string; sequence: string }> {
	await assertUnlocked(tx, studyId, 'enrolling a reader');
	const membership = (
		await tx.select().from(memberships).where(eq(memberships.id, membershipId))
	)[0];
	if (!membership || membership.role !== 'reader' || membership.siteId === null)
		throw new InputError('only a reader with a site can be enrolled');
	await assertTruthCompleteForReaders(tx, studyId);
	const site = (await tx.select().from(sites).where(eq(sites.id, membership.siteId)))[0]!;
	const existing = await enrolledReaders(tx, studyId);
	const enrolmentIndex = existing.length + 1;
	const readerCode = readerCodeFor(enrolmentIndex);
	const readers = [
		...existing.map(({ id, site: code }) => ({ id, site: code })),
		{ id: readerCode, site: site.code }
	];
	const schedule = await generateOrExplain(tx, studyId, readers);
	const mine = schedule.readers.find((reader) => reader.readerId === readerCode)!;

	const values = {
		studyId,
		membershipId,
		enrolmentIndex,
		readerCode,
		sequence: mine.sequence,
		groupLabel: mine.group,
		seed: schedule.seed,
		algorithm: ALGORITHM_ID,
		yearsExperience: qualifications.yearsExperience ?? null,
		specialty: qualifications.specialty ?? null,
		trainingCompletedAt: qualifications.trainingCompletedAt ?? null
	};
	const enrolmentId = (
		await tx.insert(readerEnrolments).values(values).returning({ id: readerEnrolments.id })
	)[0]!.id;
	const sessionCount = await storeReaderSchedule(tx, studyId, membershipId, mine);
	await recordAudit(tx, principal, {
		action: 'reader.enrolled',
		entityType: 'reader_enrolment',
		entityId: enrolmentId,
		studyId,
		after: {
			...values,
			site: site.code,
			sessions: sessionCount,
			assignments: mine.assignments.length
		}
	});
	return { readerCode, sequence: mine.sequence };
}

async function generateOrExplain(
	tx: DbOrTx,
	studyId: number,
	readers: Array<{ id: string; site: string }>
) {
	try {
		return generateSchedule(await buildScheduleInput(tx, studyId, readers));
	} catch (error) {
		if (error instanceof ScheduleInputError)
			throw new Conflict(`The protocol cannot be scheduled: ${error.message}`);
		throw error;
	}
}

/** Sessions of period 1 open at once; later periods wait for the washout (see session-gate.ts). */
export async function storeReaderSchedule(
	tx: DbOrTx,
	studyId: number,
	membershipId: number,
	schedule: ReaderSchedule
): Promise<number> {
	const caseIds = new Map(
		(
			await tx
				.select({ id: cases.id, key: cases.caseKey })
				.from(cases)
				.where(eq(cases.studyId, studyId))
		).map((row) => [row.key, row.id])
	);
	const sessionIds = new Map<number, number>();
	for (const assignment of schedule.assignments) {
		let sessionId = sessionIds.get(assignment.session);
		if (sessionId === undefined) {
			const status = assignment.period === 1 ? 'open' : 'scheduled';
			sessionId = (
				await tx
					.insert(readingSessions)
					.values({
						studyId,
						membershipId,
						period: assignment.period,
						sessionIndex: assignment.session,
						status
					})
					.returning({ id: readingSessions.id })
			)[0]!.id;
			sessionIds.set(assignment.session, sessionId);
		}
		await tx.insert(assignments).values({
			sessionId,
			caseId: caseIds.get(assignment.caseId)!,
			arm: assignment.arm,
			position: assignment.position,
			publicId: opaqueId()
		});
	}
	return sessionIds.size;
}

/** A random id for reader-facing URLs: it says nothing about the case, arm or order. */
function opaqueId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The protocol changed what allocations depend on (seed, design, cases, truth, strata). Before the
 * first read every enrolled reader's schedule is derived again; after it, that is refused.
 */
export async function regenerateSchedules(
	tx: DbOrTx,
	principal: Principal,
	studyId: number
): Promise<void> {
	const readCount = await countStudyReads(tx, studyId);
	if (readCount > 0)
		throw new Conflict(
			`The allocation cannot change after the first read (${readCount} reads exist): seed, design, arms, cases and truth are frozen.`
		);
	const readers = await enrolledReaders(tx, studyId);
	if (readers.length === 0) return;
	const sessions = tx
		.select({ id: readingSessions.id })
		.from(readingSessions)
		.where(eq(readingSessions.studyId, studyId));
	await tx.delete(assignments).where(inArray(assignments.sessionId, sessions));
	await tx.delete(readingSessions).where(eq(readingSessions.studyId, studyId));
	const schedule = await generateOrExplain(
		tx,
		studyId,
		readers.map(({ id, site }) => ({ id, site }))
	);
	for (const reader of readers) {
		const mine = schedule.readers.find((candidate) => candidate.readerId === reader.id)!;
		await tx
			.update(readerEnrolments)
			.set({
				sequence: mine.sequence,
				groupLabel: mine.group,
				seed: schedule.seed,
				algorithm: ALGORITHM_ID
			})
			.where(
				and(
					eq(readerEnrolments.studyId, studyId),
					eq(readerEnrolments.membershipId, reader.membershipId)
				)
			);
		await storeReaderSchedule(tx, studyId, reader.membershipId, mine);
	}
	await recordAudit(tx, principal, {
		action: 'schedule.regenerated',
		entityType: 'study',
		entityId: studyId,
		studyId,
		after: { readers: readers.length, seed: schedule.seed, algorithm: ALGORITHM_ID }
	});
}

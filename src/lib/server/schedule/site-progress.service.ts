// Per-reader progress at a site, for its coordinator (own site only) and the admin: reads done per
// period and when a waiting period opens. No arms, no cases, no answers.
import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import {
	assignments,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	sites,
	users
} from '../db/schema';
import type { Db } from '../db/client';
import { requireSiteScope, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { PeriodProgress, ReaderProgress, SiteNotification } from '../../domain/site-progress';
import { mapInOrder } from '../db/in-order';

/** A reader with an open session and no read for this long is shown to the coordinator as behind. */
export const IDLE_READER_DAYS = 7;

/** What a coordinator should act on: a period that has opened after the washout, a reader who stopped. */
export function siteNotifications(readers: ReaderProgress[], now = new Date()): SiteNotification[] {
	const notes: SiteNotification[] = [];
	for (const reader of readers.filter((candidate) => !candidate.withdrawn)) {
		const opened = reader.periods.find(
			(period) => period.period > 1 && period.state === 'open' && period.done === 0
		);
		if (opened)
			notes.push({
				readerCode: reader.readerCode,
				name: reader.name,
				kind: 'period-opened',
				message: `period ${opened.period} is open: the washout is over`
			});
		const reading = reader.periods.some((period) => period.state === 'open');
		const idleSince = reader.lastReadAt ?? reader.enrolledAt;
		const idleDays = Math.floor((now.getTime() - idleSince.getTime()) / 86_400_000);
		if (reading && idleDays >= IDLE_READER_DAYS) {
			notes.push({
				readerCode: reader.readerCode,
				name: reader.name,
				kind: 'behind',
				message: `no read for ${idleDays} days while a session is open`
			});
		}
	}
	return notes;
}

export async function siteReaderProgress(
	db: Db,
	principal: Principal,
	slug: string,
	siteCode: string,
	now = new Date()
): Promise<ReaderProgress[]> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['coordinator', 'admin']);
	const site = (
		await db
			.select()
			.from(sites)
			.where(and(eq(sites.studyId, study.id), eq(sites.code, siteCode)))
	)[0];
	if (!site) return [];
	requireSiteScope(access, site.id);
	const readers = await db
		.select({ enrolment: readerEnrolments, name: users.name, email: users.email })
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(and(eq(readerEnrolments.studyId, study.id), eq(memberships.siteId, site.id)))
		.orderBy(asc(readerEnrolments.enrolmentIndex));
	return await mapInOrder(readers, async ({ enrolment, name, email }) => ({
		readerCode: enrolment.readerCode,
		name,
		email,
		enrolledAt: enrolment.enrolledAt,
		withdrawn: enrolment.withdrawnAt !== null,
		yearsExperience: enrolment.yearsExperience,
		specialty: enrolment.specialty,
		periods: await periodProgress(db, enrolment.membershipId, now),
		lastReadAt: await lastReadOf(db, enrolment.membershipId)
	}));
}

async function lastReadOf(db: Db, membershipId: number): Promise<Date | null> {
	const sessionIds = db
		.select({ id: readingSessions.id })
		.from(readingSessions)
		.where(eq(readingSessions.membershipId, membershipId));
	const assignmentIds = db
		.select({ id: assignments.id })
		.from(assignments)
		.where(inArray(assignments.sessionId, sessionIds));
	const last = (
		await db
			.select({ at: max(reads.submittedAt) })
			.from(reads)
			// The last case read; a correction is not reading.
			.where(and(inArray(reads.assignmentId, assignmentIds), isNull(reads.supersedesReadId)))
	)[0]?.at;
	return last ? new Date(last) : null;
}

async function periodProgress(db: Db, membershipId: number, now: Date): Promise<PeriodProgress[]> {
	const sessions = await db
		.select()
		.from(readingSessions)
		.where(eq(readingSessions.membershipId, membershipId))
		.orderBy(asc(readingSessions.period));
	const periods = [...new Set(sessions.map((session) => session.period))];
	return await mapInOrder(periods, async (period) => {
		const mine = sessions.filter((session) => session.period === period);
		const ids = mine.map((session) => session.id);
		const assignmentIds = db
			.select({ id: assignments.id })
			.from(assignments)
			.where(inArray(assignments.sessionId, ids));
		const total =
			(
				await db.select({ n: count() }).from(assignments).where(inArray(assignments.sessionId, ids))
			)[0]?.n ?? 0;
		// Cases read: one original read each, whatever corrections followed.
		const done =
			(
				await db
					.select({ n: count() })
					.from(reads)
					.where(and(inArray(reads.assignmentId, assignmentIds), isNull(reads.supersedesReadId)))
			)[0]?.n ?? 0;
		const opensAt = mine[0]?.opensAt ?? null;
		const waiting =
			mine.every((session) => session.status === 'scheduled') &&
			(opensAt === null || opensAt.getTime() > now.getTime());
		const state = done === total ? 'completed' : waiting ? 'waiting' : 'open';
		return { period, done, total, opensAt: waiting ? opensAt : null, state };
	});
}

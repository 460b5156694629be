// Per-reader progress at a site, for its coordinator (own site only) and the admin: reads done per
// period and when a waiting period opens. No arms, no cases, no answers.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { assignments, memberships, readerEnrolments, readingSessions, reads, sites, users } from '../db/schema';
import type { Db } from '../db/client';
import { requireSiteScope, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';

export interface PeriodProgress {
	period: number;
	done: number;
	total: number;
	/** When a period that is waiting for the washout opens; null when open, done or not yet dated. */
	opensAt: Date | null;
	state: 'open' | 'waiting' | 'completed';
}

export interface ReaderProgress {
	readerCode: string;
	name: string;
	email: string;
	enrolledAt: Date;
	withdrawn: boolean;
	yearsExperience: number | null;
	specialty: string | null;
	periods: PeriodProgress[];
}

export function siteReaderProgress(db: Db, principal: Principal, slug: string, siteCode: string, now = new Date()): ReaderProgress[] {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['coordinator', 'admin']);
	const site = db.select().from(sites).where(and(eq(sites.studyId, study.id), eq(sites.code, siteCode))).get();
	if (!site) return [];
	requireSiteScope(access, site.id);
	const readers = db
		.select({ enrolment: readerEnrolments, name: users.name, email: users.email })
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(and(eq(readerEnrolments.studyId, study.id), eq(memberships.siteId, site.id)))
		.orderBy(asc(readerEnrolments.enrolmentIndex))
		.all();
	return readers.map(({ enrolment, name, email }) => ({
		readerCode: enrolment.readerCode,
		name,
		email,
		enrolledAt: enrolment.enrolledAt,
		withdrawn: enrolment.withdrawnAt !== null,
		yearsExperience: enrolment.yearsExperience,
		specialty: enrolment.specialty,
		periods: periodProgress(db, enrolment.membershipId, now)
	}));
}

function periodProgress(db: Db, membershipId: number, now: Date): PeriodProgress[] {
	const sessions = db.select().from(readingSessions).where(eq(readingSessions.membershipId, membershipId)).orderBy(asc(readingSessions.period)).all();
	const periods = [...new Set(sessions.map((session) => session.period))];
	return periods.map((period) => {
		const mine = sessions.filter((session) => session.period === period);
		const ids = mine.map((session) => session.id);
		const assignmentIds = db.select({ id: assignments.id }).from(assignments).where(inArray(assignments.sessionId, ids));
		const total = db.select({ n: count() }).from(assignments).where(inArray(assignments.sessionId, ids)).get()?.n ?? 0;
		const done = db.select({ n: count() }).from(reads).where(inArray(reads.assignmentId, assignmentIds)).get()?.n ?? 0;
		const opensAt = mine[0]?.opensAt ?? null;
		const waiting = mine.every((session) => session.status === 'scheduled') && (opensAt === null || opensAt.getTime() > now.getTime());
		const state = done === total ? 'completed' : waiting ? 'waiting' : 'open';
		return { period, done, total, opensAt: waiting ? opensAt : null, state };
	});
}

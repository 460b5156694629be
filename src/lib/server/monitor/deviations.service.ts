// Protocol deviations and data-quality flags, computed from what was recorded: very short or very
// long reads, long pauses, reads attempted outside the session rules (washout), AI failures, read
// corrections (with their reason, never the values). A flag says what happened, never whether a
// read was right.
import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
	aiResults,
	assignments,
	auditEvents,
	cases,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	sites
} from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { Deviation } from '../../domain/deviation';

export const DEVIATION_RULES = {
	shortReadMs: 3_000,
	longReadMs: 15 * 60_000,
	longPauseMs: 5 * 60_000
};

export function listDeviations(db: Db, principal: Principal, slug: string): Deviation[] {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['sponsor', 'admin', 'coordinator']);
	const siteFilter = access.role === 'coordinator' ? access.siteId : null;
	const all = studyDeviations(db, study.id);
	// A coordinator sees the deviations of their own site; AI failures concern every site.
	const visible =
		siteFilter === null
			? all
			: all.filter((flag) => flag.site === null || flag.site === siteCodeOf(db, siteFilter));
	return visible.sort((a, b) => b.at.localeCompare(a.at));
}

/** Every flag of the study, unscoped: callers have checked access (e.g. the report). */
export function studyDeviations(db: Db, studyId: number): Deviation[] {
	return [
		...readFlags(db, studyId),
		...correctionFlags(db, studyId),
		...sessionRuleFlags(db, studyId),
		...aiFailureFlags(db, studyId)
	];
}

function siteCodeOf(db: Db, siteId: number): string | undefined {
	return db.select({ code: sites.code }).from(sites).where(eq(sites.id, siteId)).get()?.code;
}

function readFlags(db: Db, studyId: number): Deviation[] {
	const rows = db
		.select({
			id: reads.id,
			reader: readerEnrolments.readerCode,
			site: sites.code,
			submittedAt: reads.submittedAt,
			readingTimeMs: reads.readingTimeMs,
			pausedMs: reads.pausedMs
		})
		.from(reads)
		.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.where(
			and(
				eq(readingSessions.studyId, studyId),
				// The timed read as submitted: its corrections carry its times, not times of their own.
				isNull(reads.supersedesReadId),
				or(
					lt(reads.readingTimeMs, DEVIATION_RULES.shortReadMs),
					gt(reads.readingTimeMs, DEVIATION_RULES.longReadMs),
					gt(reads.pausedMs, DEVIATION_RULES.longPauseMs)
				)
			)
		)
		.orderBy(asc(reads.id))
		.all();
	return rows.flatMap((row) => {
		const base = {
			readId: row.id,
			reader: row.reader,
			site: row.site,
			at: row.submittedAt.toISOString()
		};
		const flags: Deviation[] = [];
		const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		if (row.readingTimeMs !== null && row.readingTimeMs < DEVIATION_RULES.shortReadMs)
			flags.push({
				...base,
				kind: 'short-read',
				detail: `read in ${seconds(row.readingTimeMs)}`,
				facts: { seconds: row.readingTimeMs / 1000 }
			});
		if (row.readingTimeMs !== null && row.readingTimeMs > DEVIATION_RULES.longReadMs)
			flags.push({
				...base,
				kind: 'long-read',
				detail: `read in ${seconds(row.readingTimeMs)}`,
				facts: { seconds: row.readingTimeMs / 1000 }
			});
		if (row.pausedMs !== null && row.pausedMs > DEVIATION_RULES.longPauseMs)
			flags.push({
				...base,
				kind: 'long-pause',
				detail: `paused ${seconds(row.pausedMs)}`,
				facts: { seconds: row.pausedMs / 1000 }
			});
		return flags;
	});
}

/** Each correction of a read: which read it superseded, who filed it (reader or coordinator) and why. */
function correctionFlags(db: Db, studyId: number): Deviation[] {
	const rows = db
		.select({
			id: reads.id,
			supersedes: reads.supersedesReadId,
			by: reads.correctedByRole,
			reason: reads.correctionReason,
			version: sql<number>`(SELECT count(*) FROM reads earlier WHERE earlier.assignment_id = ${reads.assignmentId} AND earlier.id <= ${reads.id})`,
			reader: readerEnrolments.readerCode,
			site: sites.code,
			submittedAt: reads.submittedAt
		})
		.from(reads)
		.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.where(and(eq(readingSessions.studyId, studyId), isNotNull(reads.supersedesReadId)))
		.orderBy(asc(reads.id))
		.all();
	return rows.map((row) => ({
		kind: 'correction',
		readId: row.id,
		reader: row.reader,
		site: row.site,
		at: row.submittedAt.toISOString(),
		detail: `read ${row.supersedes} corrected by ${row.by === 'coordinator' ? 'the site coordinator' : 'the reader'} (version ${row.version}): ${row.reason ?? ''}`,
		facts: {
			read: row.supersedes!,
			by: row.by === 'coordinator' ? 'coordinator' : 'reader',
			version: row.version,
			free: row.reason ?? ''
		}
	}));
}

/** Reads the server refused because the session was closed (e.g. washout not over). */
function sessionRuleFlags(db: Db, studyId: number): Deviation[] {
	const rows = db
		.select({
			at: auditEvents.at,
			actorUserId: auditEvents.actorUserId,
			afterJson: auditEvents.afterJson
		})
		.from(auditEvents)
		.where(
			and(eq(auditEvents.studyId, studyId), eq(auditEvents.action, 'read.refused_session_closed'))
		)
		.orderBy(asc(auditEvents.seq))
		.all();
	return rows.map((row) => {
		const reader =
			row.actorUserId === null ? undefined : readerOfUser(db, studyId, row.actorUserId);
		const after = JSON.parse(row.afterJson ?? '{}') as { period?: number; reason?: string };
		return {
			kind: 'session-rule',
			readId: null,
			reader: reader?.code ?? null,
			site: reader?.site ?? null,
			at: row.at,
			detail: `read attempted in closed period ${after.period ?? '?'}: ${after.reason ?? ''}`,
			facts: { period: after.period ?? null, free: after.reason ?? '' }
		};
	});
}

function readerOfUser(db: Db, studyId: number, userId: number) {
	return db
		.select({ code: readerEnrolments.readerCode, site: sites.code })
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.where(and(eq(readerEnrolments.studyId, studyId), eq(memberships.userId, userId)))
		.get();
}

function aiFailureFlags(db: Db, studyId: number): Deviation[] {
	const rows = db
		.select({
			caseKey: cases.caseKey,
			error: aiResults.error,
			finishedAt: aiResults.finishedAt,
			createdAt: aiResults.createdAt
		})
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, studyId), eq(aiResults.status, 'failed')))
		.all();
	return rows.map((row) => ({
		kind: 'ai-failure',
		readId: null,
		reader: null,
		site: null,
		at: (row.finishedAt ?? row.createdAt).toISOString(),
		detail: `the AI could not process a case: ${row.error ?? 'unknown error'}`,
		facts: { free: row.error ?? 'unknown error' }
	}));
}

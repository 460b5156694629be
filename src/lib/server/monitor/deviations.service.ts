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
import { filterInOrder, mapInOrder } from '../db/in-order';

export const DEVIATION_RULES = {
	shortReadMs: 3_000,
	longReadMs: 15 * 60_000,
	longPauseMs: 5 * 60_000
};

export async function listDeviations(
	db: Db,
	principal: Principal,
	slug: string
): Promise<Deviation[]> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, [
		'sponsor',
		'admin',
		'coordinator'
	]);
	const siteFilter = access.role === 'coordinator' ? access.siteId : null;
	const all = await studyDeviations(db, study.id);
	// A coordinator sees the deviations of their own site; AI failures concern every site.
	const visible =
		siteFilter === null
			? all
			: await filterInOrder(
					all,
					async (flag) => flag.site === null || flag.site === (await siteCodeOf(db, siteFilter))
				);
	return visible.sort((a, b) => b.at.localeCompare(a.at));
}

/** Every flag of the study, unscoped: callers have checked access (e.g. the report). */
export async function studyDeviations(db: Db, studyId: number): Promise<Deviation[]> {
	return [
		...(await readFlags(db, studyId)),
		...(await correctionFlags(db, studyId)),
		...(await sessionRuleFlags(db, studyId)),
		...(await aiFailureFlags(db, studyId))
	];
}

async function siteCodeOf(db: Db, siteId: number): Promise<string | undefined> {
	return (await db.select({ code: sites.code }).from(sites).where(eq(sites.id, siteId)))[0]?.code;
}

async function readFlags(db: Db, studyId: number): Promise<Deviation[]> {
	const rows = await db
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
		.orderBy(asc(reads.id));
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
async function correctionFlags(db: Db, studyId: number): Promise<Deviation[]> {
	const rows = await db
		.select({
			id: reads.id,
			supersedes: reads.supersedesReadId,
			by: reads.correctedByRole,
			reason: reads.correctionReason,
			version:
				sql<number>`(SELECT count(*) FROM reads earlier WHERE earlier.assignment_id = ${reads.assignmentId} AND earlier.id <= ${reads.id})`.mapWith(
					Number
				),
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
		.orderBy(asc(reads.id));
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
async function sessionRuleFlags(db: Db, studyId: number): Promise<Deviation[]> {
	const rows = await db
		.select({
			at: auditEvents.at,
			actorUserId: auditEvents.actorUserId,
			afterJson: auditEvents.afterJson
		})
		.from(auditEvents)
		.where(
			and(eq(auditEvents.studyId, studyId), eq(auditEvents.action, 'read.refused_session_closed'))
		)
		.orderBy(asc(auditEvents.seq));
	return await mapInOrder(rows, async (row) => {
		const reader =
			row.actorUserId === null ? undefined : await readerOfUser(db, studyId, row.actorUserId);
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

async function readerOfUser(db: Db, studyId: number, userId: number) {
	return (
		await db
			.select({ code: readerEnrolments.readerCode, site: sites.code })
			.from(readerEnrolments)
			.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
			.innerJoin(sites, eq(memberships.siteId, sites.id))
			.where(and(eq(readerEnrolments.studyId, studyId), eq(memberships.userId, userId)))
	)[0];
}

async function aiFailureFlags(db: Db, studyId: number): Promise<Deviation[]> {
	const rows = await db
		.select({
			caseKey: cases.caseKey,
			error: aiResults.error,
			finishedAt: aiResults.finishedAt,
			createdAt: aiResults.createdAt
		})
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.where(and(eq(cases.studyId, studyId), eq(aiResults.status, 'failed')));
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

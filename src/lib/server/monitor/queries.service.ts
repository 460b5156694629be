// The query workflow: a monitor (sponsor or admin) raises a query on a read or a reader; the
// coordinator of that reader's site answers; the monitor closes it. Each step is audited in the
// same transaction. Coordinators see and answer only their own site's queries.
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	assignments,
	memberships,
	monitorQueries,
	readerEnrolments,
	readingSessions,
	reads,
	sites,
	users
} from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireSiteScope, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import { assertUnlocked } from '../export/lock.service';

const text = z.string().trim().min(1, 'must not be empty').max(2000);
export const raiseQueryInput = z.object({
	targetType: z.enum(['read', 'reader']),
	targetId: z.coerce.number().int().positive(),
	question: text
});

export type QueryRow = typeof monitorQueries.$inferSelect & { site: string; raisedByName: string };

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
	const parsed = schema.safeParse(input);
	if (!parsed.success)
		throw new InputError(
			`${parsed.error.issues[0]?.path.join('.') || 'input'}: ${parsed.error.issues[0]?.message}`
		);
	return parsed.data;
}

/** The site (and reader code) a read or an enrolment belongs to, within the study. */
function targetSite(
	tx: DbOrTx,
	studyId: number,
	targetType: 'read' | 'reader',
	targetId: number
): { siteId: number } {
	const base = tx
		.select({ siteId: memberships.siteId })
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id));
	const row =
		targetType === 'reader'
			? base
					.where(and(eq(readerEnrolments.id, targetId), eq(readerEnrolments.studyId, studyId)))
					.get()
			: tx
					.select({ siteId: memberships.siteId })
					.from(reads)
					.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
					.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
					.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
					.where(and(eq(reads.id, targetId), eq(readingSessions.studyId, studyId)))
					.get();
	if (!row || row.siteId === null)
		throw new NotFound(`No ${targetType} ${targetId} in this study.`);
	return { siteId: row.siteId };
}

export function raiseQuery(db: Db, principal: Principal, slug: string, input: unknown): number {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	const { targetType, targetId, question } = parse(raiseQueryInput, input);
	if (principal.kind !== 'user') throw new InputError('Queries are raised by a signed-in monitor.');
	return db.transaction(
		(tx) => {
			assertUnlocked(tx, study.id, 'raising a query');
			const { siteId } = targetSite(tx, study.id, targetType, targetId);
			const values = {
				studyId: study.id,
				siteId,
				targetType,
				targetId,
				question,
				raisedBy: principal.userId,
				status: 'open' as const
			};
			const id = tx
				.insert(monitorQueries)
				.values(values)
				.returning({ id: monitorQueries.id })
				.get().id;
			recordAudit(tx, principal, {
				action: 'query.raised',
				entityType: 'monitor_query',
				entityId: id,
				studyId: study.id,
				after: { ...values, role: access.role }
			});
			return id;
		},
		{ behavior: 'immediate' }
	);
}

export function answerQuery(
	db: Db,
	principal: Principal,
	slug: string,
	queryId: number,
	answerInput: unknown
): void {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['coordinator']);
	const answer = parse(text, answerInput);
	db.transaction(
		(tx) => {
			const query = tx
				.select()
				.from(monitorQueries)
				.where(and(eq(monitorQueries.id, queryId), eq(monitorQueries.studyId, study.id)))
				.get();
			if (!query) throw new NotFound('No such query.');
			requireSiteScope(access, query.siteId);
			assertUnlocked(tx, study.id, 'answering a query');
			if (query.status === 'closed') throw new Conflict('This query is closed.');
			const now = new Date();
			const answeredBy = principal.kind === 'user' ? principal.userId : null;
			tx.update(monitorQueries)
				.set({ status: 'answered', answer, answeredBy, answeredAt: now })
				.where(eq(monitorQueries.id, queryId))
				.run();
			recordAudit(
				tx,
				principal,
				{
					action: 'query.answered',
					entityType: 'monitor_query',
					entityId: queryId,
					studyId: study.id,
					before: { status: query.status, answer: query.answer },
					after: { status: 'answered', answer }
				},
				now
			);
		},
		{ behavior: 'immediate' }
	);
}

export function closeQuery(db: Db, principal: Principal, slug: string, queryId: number): void {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	db.transaction(
		(tx) => {
			const query = tx
				.select()
				.from(monitorQueries)
				.where(and(eq(monitorQueries.id, queryId), eq(monitorQueries.studyId, study.id)))
				.get();
			if (!query) throw new NotFound('No such query.');
			assertUnlocked(tx, study.id, 'closing a query');
			if (query.status !== 'answered') throw new Conflict('Only an answered query can be closed.');
			const now = new Date();
			tx.update(monitorQueries)
				.set({ status: 'closed', closedAt: now })
				.where(eq(monitorQueries.id, queryId))
				.run();
			recordAudit(
				tx,
				principal,
				{
					action: 'query.closed',
					entityType: 'monitor_query',
					entityId: queryId,
					studyId: study.id,
					before: { status: 'answered' },
					after: { status: 'closed' }
				},
				now
			);
		},
		{ behavior: 'immediate' }
	);
}

/** Queries of the study: all for monitors, the own site's for a coordinator. */
export function listQueries(db: Db, principal: Principal, slug: string): QueryRow[] {
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['sponsor', 'admin', 'coordinator']);
	const conditions = [eq(monitorQueries.studyId, study.id)];
	if (access.role === 'coordinator' && access.siteId !== null)
		conditions.push(eq(monitorQueries.siteId, access.siteId));
	return db
		.select({ query: monitorQueries, site: sites.code, raisedByName: users.name })
		.from(monitorQueries)
		.innerJoin(sites, eq(monitorQueries.siteId, sites.id))
		.innerJoin(users, eq(monitorQueries.raisedBy, users.id))
		.where(and(...conditions))
		.orderBy(desc(monitorQueries.id))
		.all()
		.map((row) => ({ ...row.query, site: row.site, raisedByName: row.raisedByName }));
}

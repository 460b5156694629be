// The query workflow: a monitor (sponsor or admin) raises a query on a read or a reader; the
// coordinator of that reader's site answers — a further answer is added to the thread, never
// written over an earlier one; the monitor closes it. Each step is audited in the same
// transaction. Coordinators see and answer only their own site's queries.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
	assignments,
	memberships,
	monitorQueries,
	queryAnswers,
	readerEnrolments,
	readingSessions,
	reads,
	sites,
	users
} from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { requireSiteScope, requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import { parseInput } from '../input';
import { requiredText, TEXT_MAX } from '../../domain/free-text';
import { assertUnlocked } from '../export/lock.service';
import { withTransaction } from '../db/transaction';

const text = requiredText(TEXT_MAX.reason);
export const raiseQueryInput = z.object({
	targetType: z.enum(['read', 'reader']),
	targetId: z.coerce.number().int().positive(),
	question: text
});
const answerInput = z.object({ answer: text });

export interface QueryAnswer {
	answer: string;
	answeredByName: string;
	answeredAt: Date;
}

/** A query with its thread of answers; `answer`, `answeredBy` and `answeredAt` are the latest's. */
export type QueryRow = typeof monitorQueries.$inferSelect & {
	site: string;
	raisedByName: string;
	answers: QueryAnswer[];
};

/** The site (and reader code) a read or an enrolment belongs to, within the study. */
async function targetSite(
	tx: DbOrTx,
	studyId: number,
	targetType: 'read' | 'reader',
	targetId: number
): Promise<{ siteId: number }> {
	const base = tx
		.select({ siteId: memberships.siteId })
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id));
	const row =
		targetType === 'reader'
			? (
					await base.where(
						and(eq(readerEnrolments.id, targetId), eq(readerEnrolments.studyId, studyId))
					)
				)[0]
			: (
					await tx
						.select({ siteId: memberships.siteId })
						.from(reads)
						.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
						.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
						.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
						.where(and(eq(reads.id, targetId), eq(readingSessions.studyId, studyId)))
				)[0];
	if (!row || row.siteId === null)
		throw new NotFound(`No ${targetType} ${targetId} in this study.`);
	return { siteId: row.siteId };
}

export async function raiseQuery(
	db: Db,
	principal: Principal,
	slug: string,
	input: unknown
): Promise<number> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	const { targetType, targetId, question } = parseInput(raiseQueryInput, input);
	if (principal.kind !== 'user') throw new InputError('Queries are raised by a signed-in monitor.');
	return await withTransaction(db, async (tx) => {
		await assertUnlocked(tx, study.id, 'raising a query');
		const { siteId } = await targetSite(tx, study.id, targetType, targetId);
		const values = {
			studyId: study.id,
			siteId,
			targetType,
			targetId,
			question,
			raisedBy: principal.userId,
			status: 'open' as const
		};
		const id = (
			await tx.insert(monitorQueries).values(values).returning({ id: monitorQueries.id })
		)[0]!.id;
		await recordAudit(tx, principal, {
			action: 'query.raised',
			entityType: 'monitor_query',
			entityId: id,
			studyId: study.id,
			after: { ...values, role: access.role }
		});
		return id;
	});
}

export async function answerQuery(
	db: Db,
	principal: Principal,
	slug: string,
	queryId: number,
	answerText: unknown
): Promise<void> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['coordinator']);
	const { answer } = parseInput(answerInput, { answer: answerText });
	await withTransaction(db, async (tx) => {
		const query = (
			await tx
				.select()
				.from(monitorQueries)
				.where(and(eq(monitorQueries.id, queryId), eq(monitorQueries.studyId, study.id)))
		)[0];
		if (!query) throw new NotFound('No such query.');
		requireSiteScope(
			access,
			query.siteId,
			{ targetType: 'query', targetId: queryId },
			'No such query.'
		);
		await assertUnlocked(tx, study.id, 'answering a query');
		if (query.status === 'closed') throw new Conflict('This query is closed.');
		const now = new Date();
		const answerId = (
			await tx
				.insert(queryAnswers)
				.values({
					queryId,
					answer,
					answeredBy: principal.kind === 'user' ? principal.userId : null,
					answeredByLabel: principalLabel(principal),
					answeredAt: now
				})
				.returning({ id: queryAnswers.id })
		)[0]!.id;
		if (query.status !== 'answered')
			await tx
				.update(monitorQueries)
				.set({ status: 'answered' })
				.where(eq(monitorQueries.id, queryId));
		await recordAudit(
			tx,
			principal,
			{
				action: 'query.answered',
				entityType: 'monitor_query',
				entityId: queryId,
				studyId: study.id,
				before: { status: query.status },
				after: { status: 'answered', answer, answerId }
			},
			now
		);
	});
}

export async function closeQuery(
	db: Db,
	principal: Principal,
	slug: string,
	queryId: number
): Promise<void> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	await withTransaction(db, async (tx) => {
		const query = (
			await tx
				.select()
				.from(monitorQueries)
				.where(and(eq(monitorQueries.id, queryId), eq(monitorQueries.studyId, study.id)))
		)[0];
		if (!query) throw new NotFound('No such query.');
		await assertUnlocked(tx, study.id, 'closing a query');
		if (query.status !== 'answered') throw new Conflict('Only an answered query can be closed.');
		const now = new Date();
		await tx
			.update(monitorQueries)
			.set({ status: 'closed', closedAt: now })
			.where(eq(monitorQueries.id, queryId));
		await recordAudit(
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
	});
}

/** Queries of the study: all for monitors, the own site's for a coordinator. */
export async function listQueries(db: Db, principal: Principal, slug: string): Promise<QueryRow[]> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, [
		'sponsor',
		'admin',
		'coordinator'
	]);
	const conditions = [eq(monitorQueries.studyId, study.id)];
	if (access.role === 'coordinator' && access.siteId !== null)
		conditions.push(eq(monitorQueries.siteId, access.siteId));
	const rows = await db
		.select({ query: monitorQueries, site: sites.code, raisedByName: users.name })
		.from(monitorQueries)
		.innerJoin(sites, eq(monitorQueries.siteId, sites.id))
		.innerJoin(users, eq(monitorQueries.raisedBy, users.id))
		.where(and(...conditions))
		.orderBy(desc(monitorQueries.id));
	const threads = await answersOf(
		db,
		rows.map((row) => row.query.id)
	);
	return rows.map((row) => {
		const answers = threads.get(row.query.id) ?? [];
		const latest = answers.at(-1);
		return {
			...row.query,
			answer: latest?.answer ?? null,
			answeredBy: latest?.answeredBy ?? null,
			answeredAt: latest?.answeredAt ?? null,
			site: row.site,
			raisedByName: row.raisedByName,
			answers: answers.map(({ answer, answeredByName, answeredAt }) => ({
				answer,
				answeredByName,
				answeredAt
			}))
		};
	});
}

/** The answers of these queries, each thread in the order given. */
async function answersOf(db: Db, queryIds: number[]) {
	const threads = new Map<number, Array<QueryAnswer & { answeredBy: number | null }>>();
	if (queryIds.length === 0) return threads;
	const rows = await db
		.select({ answer: queryAnswers, name: users.name })
		.from(queryAnswers)
		.leftJoin(users, eq(queryAnswers.answeredBy, users.id))
		.where(inArray(queryAnswers.queryId, queryIds))
		.orderBy(asc(queryAnswers.id));
	for (const { answer, name } of rows) {
		const thread = threads.get(answer.queryId) ?? [];
		thread.push({
			answer: answer.answer,
			answeredBy: answer.answeredBy,
			answeredByName: name ?? answer.answeredByLabel,
			answeredAt: answer.answeredAt
		});
		threads.set(answer.queryId, thread);
	}
	return threads;
}

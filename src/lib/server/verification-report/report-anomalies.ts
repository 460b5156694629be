// Section 7 of the report: everything that did not go as planned — every deviation flag of the
// monitoring, every query the monitor raised with its answers, every failed AI attempt, every
// protocol change after the first load, and every read whose recorded time is after the lock.
// Readers and cases appear under the report's labels (the export's codes while blinded); free text
// that could name an arm (query threads, correction reasons) is withheld while blinded, as the
// blind export withholds it.
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import {
	assignments,
	auditEvents,
	cases,
	memberships,
	monitorQueries,
	protocolVersions,
	queryAnswers,
	readerEnrolments,
	readingSessions,
	reads,
	sites,
	users
} from '../db/schema';
import type { Db } from '../db/client';
import { studyDeviations } from '../monitor/deviations.service';
import type { ReportAnomalies } from '../../verification-report/report-input';

export const WITHHELD = 'withheld while blinded (free text could name an arm)';

export interface AnomalyLabels {
	blinded: boolean;
	/** The report's label of a reader, from their reader code (R01, …). */
	reader: (readerCode: string) => string;
	/** The report's label of a case, from its case key. */
	case: (caseKey: string) => string;
}

const iso = (date: Date) => date.toISOString();

export async function reportAnomalies(
	db: Db,
	studyId: number,
	lockedAt: Date,
	labels: AnomalyLabels,
	notes: string[]
): Promise<ReportAnomalies> {
	const flags = (await studyDeviations(db, studyId))
		.sort((a, b) => a.at.localeCompare(b.at))
		.map((flag) => ({
			kind: flag.kind,
			reader: flag.reader === null ? null : labels.reader(flag.reader),
			site: flag.site,
			at: flag.at,
			detail:
				labels.blinded && flag.kind === 'correction'
					? flag.detail.replace(/\): [\s\S]*$/, `): reason ${WITHHELD}`)
					: flag.detail
		}));
	const counts = new Map<string, number>();
	for (const flag of flags) counts.set(flag.kind, (counts.get(flag.kind) ?? 0) + 1);
	return {
		deviations: [...counts].map(([kind, count]) => ({ kind, count })),
		flags,
		queries: await queriesOf(db, studyId, labels),
		aiAttempts: await failedAiAttempts(db, studyId, labels),
		amendments: await protocolChanges(db, studyId),
		readsAfterLock: await readsAfter(db, studyId, lockedAt, labels),
		notes
	};
}

async function queriesOf(
	db: Db,
	studyId: number,
	labels: AnomalyLabels
): Promise<ReportAnomalies['queries']> {
	const rows = await db
		.select({ query: monitorQueries, site: sites.code, raisedBy: users.name })
		.from(monitorQueries)
		.innerJoin(sites, eq(monitorQueries.siteId, sites.id))
		.innerJoin(users, eq(monitorQueries.raisedBy, users.id))
		.where(eq(monitorQueries.studyId, studyId))
		.orderBy(asc(monitorQueries.id));
	const ids = rows.map((row) => row.query.id);
	const answers =
		ids.length === 0
			? []
			: await db
					.select({ answer: queryAnswers, name: users.name })
					.from(queryAnswers)
					.leftJoin(users, eq(queryAnswers.answeredBy, users.id))
					.where(inArray(queryAnswers.queryId, ids))
					.orderBy(asc(queryAnswers.id));
	const readerCodes = new Map(
		(
			await db
				.select({ id: readerEnrolments.id, code: readerEnrolments.readerCode })
				.from(readerEnrolments)
				.where(eq(readerEnrolments.studyId, studyId))
		).map((row) => [row.id, row.code])
	);
	return rows.map(({ query, site, raisedBy }) => {
		const readerCode = readerCodes.get(query.targetId);
		const target =
			query.targetType === 'read'
				? `read ${query.targetId}`
				: `reader ${readerCode ? labels.reader(readerCode) : query.targetId}`;
		return {
			target,
			site,
			raisedBy,
			raisedAt: iso(query.createdAt),
			question: labels.blinded ? WITHHELD : query.question,
			status: query.status,
			closedAt: query.closedAt ? iso(query.closedAt) : null,
			answers: answers
				.filter((row) => row.answer.queryId === query.id)
				.map((row) => ({
					by: row.name ?? row.answer.answeredByLabel,
					at: iso(row.answer.answeredAt),
					answer: labels.blinded ? WITHHELD : row.answer.answer
				}))
		};
	});
}

/** Every attempt of the AI that failed (retried or final), from the audit trail. */
async function failedAiAttempts(
	db: Db,
	studyId: number,
	labels: AnomalyLabels
): Promise<ReportAnomalies['aiAttempts']> {
	const caseKeys = new Map(
		(
			await db
				.select({ id: cases.id, key: cases.caseKey })
				.from(cases)
				.where(eq(cases.studyId, studyId))
		).map((row) => [row.id, row.key])
	);
	return (
		await db
			.select({ at: auditEvents.at, action: auditEvents.action, after: auditEvents.afterJson })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.studyId, studyId),
					inArray(auditEvents.action, ['ai.attempt_failed', 'ai.case_failed'])
				)
			)
			.orderBy(asc(auditEvents.seq))
	).map((row) => {
		const after = JSON.parse(row.after ?? '{}') as {
			caseId?: number;
			attempts?: number;
			error?: string;
		};
		const key = after.caseId === undefined ? undefined : caseKeys.get(after.caseId);
		return {
			case: key ? labels.case(key) : 'unknown case',
			attempt: after.attempts ?? null,
			final: row.action === 'ai.case_failed',
			at: row.at,
			error: after.error ?? 'unknown error'
		};
	});
}

/** Every protocol loaded after the first: amendments (with their reason) and earlier updates. */
async function protocolChanges(db: Db, studyId: number): Promise<ReportAnomalies['amendments']> {
	return (
		await db
			.select()
			.from(protocolVersions)
			.where(and(eq(protocolVersions.studyId, studyId), gt(protocolVersions.revision, 1)))
			.orderBy(asc(protocolVersions.revision))
	).map((row) => ({
		revision: row.revision,
		protocolVersion: row.protocolVersion,
		at: iso(row.createdAt),
		sha256: row.sha256,
		reason: row.reason
	}));
}

/** Reads whose recorded time is after the lock (a clock ahead, or a simulated schedule). */
async function readsAfter(
	db: Db,
	studyId: number,
	lockedAt: Date,
	labels: AnomalyLabels
): Promise<ReportAnomalies['readsAfterLock']> {
	return (
		await db
			.select({
				id: reads.id,
				reader: readerEnrolments.readerCode,
				site: sites.code,
				at: reads.submittedAt,
				simulated: reads.isSimulated
			})
			.from(reads)
			.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
			.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
			.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
			.innerJoin(readerEnrolments, eq(readerEnrolments.membershipId, memberships.id))
			.innerJoin(sites, eq(memberships.siteId, sites.id))
			.where(and(eq(readingSessions.studyId, studyId), gt(reads.submittedAt, lockedAt)))
			.orderBy(asc(reads.submittedAt), asc(reads.id))
	).map((row) => ({
		read: row.id,
		reader: labels.reader(row.reader),
		site: row.site,
		at: iso(row.at),
		simulated: row.simulated
	}));
}

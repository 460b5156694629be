// The sponsor's dashboard (SEC-1, DES-3): enrolment, reads done against planned by site, reader,
// period and arm, washout waits, the reading rate and a projected end date, AI scoring progress.
// Counts only: no truth, no accuracy, no per-arm reading times — nothing that reveals efficacy.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import {
	assignments,
	blindExports,
	memberships,
	readerEnrolments,
	readingSessions,
	reads,
	sites,
	type studies
} from '../db/schema';
import { lockOf } from '../export/lock.service';
import { utcDay } from '../db/dialect-sql';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { protocolOf } from '../studies/study-protocol';
import { findModel } from '../ai/model-registry.service';
import { scoringProgress } from '../ai/inference-jobs';
import { caseUseRows } from './effective-use';
import { effectiveUse, effectiveUseSummary } from '../../stats/trial/effective-use';
import type { DashboardSnapshot, Progress, ReaderRow } from '../../domain/dashboard';

const DAY_MS = 86_400_000;
/** The reading rate behind the projection is taken over this many most recent days. */
export const RATE_WINDOW_DAYS = 7;

export async function dashboardSnapshot(
	db: Db,
	principal: Principal,
	slug: string,
	now = new Date()
): Promise<DashboardSnapshot> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	const protocol = protocolOf(study);
	const { readers, byPeriodArm } = await readerRows(db, study.id, now);
	const siteRows = await db
		.select()
		.from(sites)
		.where(eq(sites.studyId, study.id))
		.orderBy(asc(sites.code));
	const sum = (rows: Progress[]) =>
		rows.reduce((acc, row) => ({ done: acc.done + row.done, total: acc.total + row.total }), {
			done: 0,
			total: 0
		});
	const readerProgress = (reader: ReaderRow) => sum(reader.byPeriod);
	const timeline = await dailyReads(db, study.id);
	const totals = sum(readers.map(readerProgress));
	const model = await findModel(db, protocol.ai_model.name, protocol.ai_model.version);
	return {
		study: {
			slug: study.slug,
			title: study.title,
			design: study.design,
			protocolVersion: study.protocolVersion,
			isDemo: study.isDemo
		},
		generatedAt: now.toISOString(),
		arms: protocol.arms.map((arm) => ({ id: arm.id, label: arm.label })),
		totals: {
			...totals,
			readersExpected: siteRows.reduce((n, site) => n + site.expectedReaders, 0),
			readersEnrolled: readers.length,
			readersActive: readers.filter((reader) => !reader.withdrawn).length,
			readersWithdrawn: readers.filter((reader) => reader.withdrawn).length
		},
		sites: siteRows.map((site) => {
			const mine = readers.filter((reader) => reader.site === site.code);
			return {
				code: site.code,
				name: site.name,
				readersExpected: site.expectedReaders,
				readersActive: mine.filter((reader) => !reader.withdrawn).length,
				readersWithdrawn: mine.filter((reader) => reader.withdrawn).length,
				...sum(mine.map(readerProgress))
			};
		}),
		readers,
		byPeriodArm,
		awaitingWashout: readers.flatMap((reader) =>
			reader.withdrawn
				? []
				: reader.byPeriod
						.filter((period) => period.waiting)
						.map((period) => ({
							reader: reader.code,
							site: reader.site,
							period: period.period,
							opensAt: period.opensAt
						}))
		),
		timeline,
		projection: projectCompletion(timeline, totals.total - totals.done, now),
		aiScoring: model
			? {
					model: `${model.name} ${model.version}`,
					...(await scoringProgress(db, study.id, model.id))
				}
			: null,
		integrity: await integrityOf(db, study),
		// Operational: over all arms together, counted per reason, naming no case (no truth, no arm).
		effectiveUse: effectiveUseSummary(effectiveUse(await caseUseRows(db, study.id, protocol)))
	};
}

/** Reads done and planned per reader × session × arm, folded into per-period and per-arm counts. */
async function readerRows(
	db: Db,
	studyId: number,
	now: Date
): Promise<{ readers: ReaderRow[]; byPeriodArm: DashboardSnapshot['byPeriodArm'] }> {
	const rows = await db
		.select({
			code: readerEnrolments.readerCode,
			site: sites.code,
			withdrawnAt: readerEnrolments.withdrawnAt,
			period: readingSessions.period,
			status: readingSessions.status,
			opensAt: readingSessions.opensAt,
			arm: assignments.arm,
			total: count(assignments.id),
			done: count(reads.id)
		})
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.innerJoin(readingSessions, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(assignments, eq(assignments.sessionId, readingSessions.id))
		// The original read of each assignment: a corrected case is still one case read.
		.leftJoin(reads, and(eq(reads.assignmentId, assignments.id), isNull(reads.supersedesReadId)))
		.where(eq(readerEnrolments.studyId, studyId))
		// The site's code is one per enrolment, named for PostgreSQL (which groups by it only if told).
		.groupBy(readerEnrolments.id, sites.code, readingSessions.id, assignments.arm)
		.orderBy(
			asc(readerEnrolments.enrolmentIndex),
			asc(readingSessions.period),
			asc(assignments.arm)
		);
	const byCode = new Map<string, ReaderRow>();
	const periodArm = new Map<string, DashboardSnapshot['byPeriodArm'][number]>();
	for (const row of rows) {
		const cell = periodArm.get(`${row.period}\0${row.arm}`) ?? {
			period: row.period,
			arm: row.arm,
			done: 0,
			total: 0
		};
		periodArm.set(`${row.period}\0${row.arm}`, cell);
		cell.done += row.done;
		cell.total += row.total;
		const reader = byCode.get(row.code) ?? {
			code: row.code,
			site: row.site,
			withdrawn: row.withdrawnAt !== null,
			byPeriod: [],
			byArm: {}
		};
		byCode.set(row.code, reader);
		// A washout runs from the end of the period before (opensAt is set then): a later period of
		// a reader still reading has no date yet and is not a wait.
		const waiting =
			row.status === 'scheduled' && row.opensAt !== null && row.opensAt.getTime() > now.getTime();
		let period = reader.byPeriod.find((entry) => entry.period === row.period);
		if (!period) {
			period = {
				period: row.period,
				done: 0,
				total: 0,
				opensAt: row.opensAt?.toISOString() ?? null,
				waiting
			};
			reader.byPeriod.push(period);
		}
		period.done += row.done;
		period.total += row.total;
		const arm = (reader.byArm[row.arm] ??= { done: 0, total: 0 });
		arm.done += row.done;
		arm.total += row.total;
	}
	const byPeriodArm = [...periodArm.values()].sort(
		(a, b) => a.period - b.period || a.arm.localeCompare(b.arm)
	);
	return { readers: [...byCode.values()], byPeriodArm };
}

async function dailyReads(db: Db, studyId: number): Promise<DashboardSnapshot['timeline']> {
	const day = utcDay(db, reads.submittedAt);
	const rows = await db
		.select({ day, reads: count() })
		.from(reads)
		.innerJoin(assignments, eq(reads.assignmentId, assignments.id))
		.innerJoin(
			readingSessions,
			and(eq(assignments.sessionId, readingSessions.id), eq(readingSessions.studyId, studyId))
		)
		.where(isNull(reads.supersedesReadId))
		.groupBy(day)
		.orderBy(day);
	let cumulative = 0;
	return rows.map((row) => ({
		day: row.day,
		reads: row.reads,
		cumulative: (cumulative += row.reads)
	}));
}

/** Remaining reads at the average daily rate of the last RATE_WINDOW_DAYS days (washout waits not modelled). */
export function projectCompletion(
	timeline: DashboardSnapshot['timeline'],
	remaining: number,
	now: Date
): DashboardSnapshot['projection'] {
	const base = { remaining, windowDays: RATE_WINDOW_DAYS, ratePerDay: 0, completionDate: null };
	if (remaining === 0) {
		const last = timeline.at(-1);
		return last
			? { ...base, status: 'complete', completionDate: last.day }
			: { ...base, status: 'nothing-planned' };
	}
	const since = new Date(now.getTime() - RATE_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
	const recent = timeline
		.filter((entry) => entry.day > since)
		.reduce((n, entry) => n + entry.reads, 0);
	const ratePerDay = recent / RATE_WINDOW_DAYS;
	if (ratePerDay === 0) return { ...base, status: 'no-rate' };
	const completion = new Date(now.getTime() + Math.ceil(remaining / ratePerDay) * DAY_MS);
	return {
		...base,
		status: 'projected',
		ratePerDay,
		completionDate: completion.toISOString().slice(0, 10)
	};
}

async function integrityOf(
	db: Db,
	study: typeof studies.$inferSelect
): Promise<DashboardSnapshot['integrity']> {
	const lock = await lockOf(db, study.id);
	const exports = await db
		.select({ results: blindExports.resultsSha256, released: blindExports.keyReleasedAt })
		.from(blindExports)
		.where(eq(blindExports.studyId, study.id));
	return {
		lockedAt: lock ? lock.createdAt.toISOString() : null,
		exports: exports.length,
		resultsCommitted: exports.some((row) => row.results !== null),
		keyReleased: exports.some((row) => row.released !== null),
		unblindedAt: study.unblindedAt ? study.unblindedAt.toISOString() : null
	};
}

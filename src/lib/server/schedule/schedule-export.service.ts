// The stored allocation, as rows `reader,site,sequence,period,session,arm,case,position`, and its
// balance tables. For the admin, the statistician and the CLI operator; never for readers or sponsors.
import { asc, eq } from 'drizzle-orm';
import {
	assignments,
	cases,
	memberships,
	readerEnrolments,
	readingSessions,
	sites
} from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { protocolOf } from '../studies/study-protocol';
import { sequenceLabel, type ScheduleRow } from '../../design/schedule';

export { scheduleRowsToCsv } from '../../design/schedule';
import type { AllocationSummary } from '../../domain/allocation';

export async function exportSchedule(
	db: Db,
	principal: Principal,
	slug: string
): Promise<ScheduleRow[]> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician']);
	return (
		await db
			.select({
				reader: readerEnrolments.readerCode,
				site: sites.code,
				sequence: readerEnrolments.sequence,
				group: readerEnrolments.groupLabel,
				period: readingSessions.period,
				session: readingSessions.sessionIndex,
				arm: assignments.arm,
				case: cases.caseKey,
				position: assignments.position
			})
			.from(readerEnrolments)
			.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
			.innerJoin(sites, eq(memberships.siteId, sites.id))
			.innerJoin(readingSessions, eq(readingSessions.membershipId, memberships.id))
			.innerJoin(assignments, eq(assignments.sessionId, readingSessions.id))
			.innerJoin(cases, eq(assignments.caseId, cases.id))
			.where(eq(readerEnrolments.studyId, study.id))
			.orderBy(
				asc(readerEnrolments.enrolmentIndex),
				asc(readingSessions.period),
				asc(readingSessions.sessionIndex),
				asc(assignments.position)
			)
	).map(({ group, sequence, ...row }) => ({
		...row,
		sequence: sequenceLabel({ group, sequence: sequence as 'AB' | 'BA' })
	}));
}

export async function allocationSummary(
	db: Db,
	principal: Principal,
	slug: string
): Promise<AllocationSummary> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician']);
	const protocol = protocolOf(study);
	const readers = await db
		.select({
			code: readerEnrolments.readerCode,
			site: sites.code,
			sequence: readerEnrolments.sequence,
			group: readerEnrolments.groupLabel,
			algorithm: readerEnrolments.algorithm,
			enrolledAt: readerEnrolments.enrolledAt,
			withdrawnAt: readerEnrolments.withdrawnAt
		})
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.where(eq(readerEnrolments.studyId, study.id))
		.orderBy(asc(readerEnrolments.enrolmentIndex));
	const rows = await exportSchedule(db, principal, slug);
	return {
		randomization: {
			seed: study.randomizationSeed,
			algorithm: readers[0]?.algorithm ?? null,
			design: protocol.design.type,
			blockSize: protocol.design.sequence_block_size,
			blockStratum: protocol.design.block_stratum ?? null
		},
		readers: readers.map((reader) => ({
			code: reader.code,
			site: reader.site,
			sequence: sequenceLabel({ group: reader.group, sequence: reader.sequence as 'AB' | 'BA' }),
			enrolledAt: reader.enrolledAt,
			withdrawn: reader.withdrawnAt !== null
		})),
		bySiteSequence: tally(
			readers.map((reader) => [
				reader.site,
				sequenceLabel({ group: reader.group, sequence: reader.sequence as 'AB' | 'BA' })
			])
		).map(([site, counts]) => ({ site, counts })),
		byPeriodArm: tally(rows.map((row) => [row.period, row.arm])).map(([period, counts]) => ({
			period,
			counts
		}))
	};
}

function tally<K extends string | number>(
	pairs: Array<[K, string]>
): Array<[K, Record<string, number>]> {
	const table = new Map<K, Record<string, number>>();
	for (const [row, column] of pairs) {
		const counts = table.get(row) ?? {};
		counts[column] = (counts[column] ?? 0) + 1;
		table.set(row, counts);
	}
	return [...table].sort(([a], [b]) => String(a).localeCompare(String(b), 'en', { numeric: true }));
}

// The schedule generator's input, built from what the database holds for a study: the protocol,
// the cases with their truth (used only to balance case blocks) and the readers in enrolment order.
import { asc, eq } from 'drizzle-orm';
import { cases, memberships, readerEnrolments, referenceTruth, sites, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { ScheduleInput, ScheduleReader } from '../../design/schedule';
import { protocolOf } from '../studies/study-protocol';
import { canonicalJson, sha256Hex } from '../crypto/hash';

export interface EnrolledReader extends ScheduleReader {
	membershipId: number;
	enrolmentIndex: number;
	/** Qualifications recorded at enrolment, and the withdrawal, for exports and reports. */
	yearsExperience: number | null;
	specialty: string | null;
	withdrawnAt: Date | null;
}

/** Every reader ever enrolled (withdrawn ones too: their place in the order never changes). */
export async function enrolledReaders(tx: DbOrTx, studyId: number): Promise<EnrolledReader[]> {
	return await tx
		.select({
			id: readerEnrolments.readerCode,
			site: sites.code,
			membershipId: readerEnrolments.membershipId,
			enrolmentIndex: readerEnrolments.enrolmentIndex,
			yearsExperience: readerEnrolments.yearsExperience,
			specialty: readerEnrolments.specialty,
			withdrawnAt: readerEnrolments.withdrawnAt
		})
		.from(readerEnrolments)
		.innerJoin(memberships, eq(readerEnrolments.membershipId, memberships.id))
		.innerJoin(sites, eq(memberships.siteId, sites.id))
		.where(eq(readerEnrolments.studyId, studyId))
		.orderBy(asc(readerEnrolments.enrolmentIndex));
}

export async function buildScheduleInput(
	tx: DbOrTx,
	studyId: number,
	readers: readonly ScheduleReader[]
): Promise<ScheduleInput> {
	const study = (await tx.select().from(studies).where(eq(studies.id, studyId)))[0];
	if (!study) throw new Error(`study ${studyId} not found`);
	const protocol = protocolOf(study);
	const stratum = protocol.design.block_stratum;
	const caseRows = await tx
		.select({ key: cases.caseKey, strataJson: cases.strataJson, truth: referenceTruth.truth })
		.from(cases)
		.innerJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.ordinal));
	return {
		design: protocol.design.type,
		seed: protocol.randomization.seed,
		arms: [protocol.arms[0]!.id, protocol.arms[1]!.id],
		cases: caseRows.map((row) => ({
			id: row.key,
			truth: row.truth === 1 ? 1 : 0,
			...(stratum
				? { stratum: (JSON.parse(row.strataJson) as Record<string, string>)[stratum] ?? '' }
				: {})
		})),
		readers,
		sequenceBlockSize: protocol.design.sequence_block_size,
		sessionMaxCases: protocol.design.session_max_cases,
		splitPlotGroups: protocol.design.split_plot_groups
	};
}

/** SHA-256 over everything an allocation depends on except the readers: a change means a new allocation. */
export async function allocationFingerprint(tx: DbOrTx, studyId: number): Promise<string> {
	const { readers: _readers, ...rest } = await buildScheduleInput(tx, studyId, []);
	return sha256Hex(canonicalJson(rest));
}

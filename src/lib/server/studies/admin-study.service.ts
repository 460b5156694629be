// The admin's view of one study. Access first: admins only.
import { desc, eq } from 'drizzle-orm';
import { auditEvents, cases, protocolVersions } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { datasetVersionsOf } from '../cases/dataset-freeze.service';
import { countStudyReads } from '../reads/read-counts';
import { strataDistribution } from './strata-distribution';
import { withAcquisitionStrata } from './case-strata';
import { acquisitionStrataByCase } from '../cases/acquisition-strata';
import { latestIndependenceCheck } from '../cases/independence-check.service';
import { stratumBalance } from '../../stats/balance/stratum-balance';
import { protocolOf } from './study-protocol';
import { siteStaffing, studyMembers } from './study-people';
import { signaturesOf } from '../signatures/signature.service';

/** The admin's view: protocol, versions, sites, case strata, members and recent audit events. */
export async function adminStudyOverview(db: Db, principal: Principal, slug: string) {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const caseRows = await db
		.select({ caseKey: cases.caseKey, strataJson: cases.strataJson })
		.from(cases)
		.where(eq(cases.studyId, study.id));
	return {
		study: {
			slug: study.slug,
			title: study.title,
			protocolVersion: study.protocolVersion,
			sha256: study.protocolSha256,
			seed: study.randomizationSeed,
			isDemo: study.isDemo
		},
		protocol: protocolOf(study),
		versions: await db
			.select({
				revision: protocolVersions.revision,
				protocolVersion: protocolVersions.protocolVersion,
				sha256: protocolVersions.sha256,
				reason: protocolVersions.reason,
				createdAt: protocolVersions.createdAt
			})
			.from(protocolVersions)
			.where(eq(protocolVersions.studyId, study.id))
			.orderBy(protocolVersions.revision),
		sites: await siteStaffing(db, study.id),
		cases: caseRows.length,
		strata: stratumBalance(
			strataDistribution(
				withAcquisitionStrata(caseRows, await acquisitionStrataByCase(db, study.id))
			)
		),
		independence: await latestIndependenceCheck(db, study.id),
		dataset: (await datasetVersionsOf(db, study.id)).map((row) => ({
			version: row.version,
			fingerprint: row.fingerprint,
			frozenAt: row.frozenAt,
			frozenBy: row.frozenBy,
			reopenedAt: row.reopenedAt,
			reopenReason: row.reopenReason
		})),
		reads: await countStudyReads(db, study.id),
		members: await studyMembers(db, study.id, null),
		signatures: await signaturesOf(db, study.id),
		audit: await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.studyId, study.id))
			.orderBy(desc(auditEvents.seq))
			.limit(50)
	};
}

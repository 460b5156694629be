// What an admin reviews before and after a freeze: the quality-control findings, the stratum
// distribution against the protocol (CAS-1, CAS-3), the burned-in review queue, the import runs,
// the dataset versions — and, per image, the de-identification log (which tags changed).
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { burnedInReviews, cases, images, importRuns, importedInstances } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { NotFound } from '../errors';
import type { DeidChange } from '../dicom/deidentify/deidentify';
import {
	datasetFindings,
	imagesFrom,
	stratumDistribution,
	type DatasetFinding
} from './dataset-findings';
import { stratumBalance, type StratumBalance } from '../../stats/balance/stratum-balance';
import { compareNatural } from '../../stats/natural-order';
import type { IndependenceCheckView } from '../../domain/test-set-independence';
import { latestIndependenceCheck } from './independence-check.service';
import {
	datasetFingerprint,
	datasetFreezeOf,
	datasetVersionsOf,
	type DatasetFreeze
} from './dataset-freeze.service';

export interface DatasetReport {
	study: string;
	imagesFrom: 'folder' | 'import';
	cases: number;
	images: number;
	importedImages: number;
	withdrawnImages: number;
	/** The fingerprint of the case set as it is now (equal to the freeze's while frozen). */
	currentFingerprint: string;
	freeze: DatasetFreeze | null;
	versions: Array<{
		version: number;
		fingerprint: string;
		frozenAt: Date;
		frozenBy: string;
		reason: string | null;
		reopenedAt: Date | null;
		reopenReason: string | null;
	}>;
	findings: DatasetFinding[];
	distribution: Record<string, Record<string, number>>;
	/** Per stratum: cases per value, normalised Gini coefficient and Shannon entropy (seed 002). */
	balance: StratumBalance[];
	/** The latest check against the sponsor's training manifest (independence-check.service.ts). */
	independence: IndependenceCheckView | null;
	burnedIn: Record<'pending' | 'cleared' | 'identifying', number>;
	runs: Array<typeof importRuns.$inferSelect>;
}

export function datasetReport(db: Db, principal: Principal, slug: string): DatasetReport {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['admin']);
	const imageCount =
		db
			.select({ n: count() })
			.from(images)
			.innerJoin(cases, eq(images.caseId, cases.id))
			.where(eq(cases.studyId, study.id))
			.get()?.n ?? 0;
	const instances = db
		.select({ withdrawnAt: importedInstances.withdrawnAt })
		.from(importedInstances)
		.where(eq(importedInstances.studyId, study.id))
		.all();
	const reviews = db
		.select({ status: burnedInReviews.status, n: count() })
		.from(burnedInReviews)
		.where(eq(burnedInReviews.studyId, study.id))
		.groupBy(burnedInReviews.status)
		.all();
	const burnedIn = { pending: 0, cleared: 0, identifying: 0 };
	for (const row of reviews) burnedIn[row.status] = row.n;
	const current = datasetFingerprint(db, study.id);
	const distribution = stratumDistribution(db, study.id);
	return {
		study: slug,
		imagesFrom: imagesFrom(db, study.id),
		cases: current.cases,
		images: imageCount,
		importedImages: instances.filter((row) => row.withdrawnAt === null).length,
		withdrawnImages: instances.filter((row) => row.withdrawnAt !== null).length,
		currentFingerprint: current.fingerprint,
		freeze: datasetFreezeOf(db, study.id),
		versions: datasetVersionsOf(db, study.id).map(
			({ version, fingerprint, frozenAt, frozenBy, reason, reopenedAt, reopenReason }) => ({
				version,
				fingerprint,
				frozenAt,
				frozenBy,
				reason,
				reopenedAt,
				reopenReason
			})
		),
		findings: datasetFindings(db, study.id),
		distribution,
		balance: balanceOf(distribution),
		independence: latestIndependenceCheck(db, study.id),
		burnedIn,
		runs: db
			.select()
			.from(importRuns)
			.where(eq(importRuns.studyId, study.id))
			.orderBy(desc(importRuns.id))
			.limit(5)
			.all()
	};
}

/** The distribution as strata with their values in natural order, and each stratum's balance. */
export function balanceOf(distribution: Record<string, Record<string, number>>): StratumBalance[] {
	return stratumBalance(
		Object.entries(distribution).map(([stratum, counts]) => ({
			stratum,
			values: Object.entries(counts)
				.sort(([a], [b]) => compareNatural(a, b))
				.map(([value, cases]) => ({ value, cases }))
		}))
	);
}

export interface DeidLogEntry {
	path: string;
	sopInstanceUid: string;
	withdrawn: boolean;
	changes: DeidChange[];
}

/** The de-identification log of one case's images: per file, the tags changed and how (no old values exist to show). */
export function deidLogOf(
	db: Db,
	principal: Principal,
	slug: string,
	caseKey: string
): DeidLogEntry[] {
	const study = requireStudyBySlug(db, slug);
	requireStudyRole(db, principal, study.id, ['admin']);
	const caseRow = db
		.select({ id: cases.id })
		.from(cases)
		.where(and(eq(cases.studyId, study.id), eq(cases.caseKey, caseKey)))
		.get();
	if (!caseRow) throw new NotFound(`No case "${caseKey}" in "${slug}".`);
	return db
		.select()
		.from(importedInstances)
		.where(eq(importedInstances.caseId, caseRow.id))
		.orderBy(asc(importedInstances.path))
		.all()
		.map((row) => ({
			path: row.path,
			sopInstanceUid: row.sopInstanceUid,
			withdrawn: row.withdrawnAt !== null,
			changes: JSON.parse(row.deidLogJson) as DeidChange[]
		}));
}

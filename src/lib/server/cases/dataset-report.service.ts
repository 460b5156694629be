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

export async function datasetReport(
	db: Db,
	principal: Principal,
	slug: string
): Promise<DatasetReport> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const imageCount =
		(
			await db
				.select({ n: count() })
				.from(images)
				.innerJoin(cases, eq(images.caseId, cases.id))
				.where(eq(cases.studyId, study.id))
		)[0]?.n ?? 0;
	const instances = await db
		.select({ withdrawnAt: importedInstances.withdrawnAt })
		.from(importedInstances)
		.where(eq(importedInstances.studyId, study.id));
	const reviews = await db
		.select({ status: burnedInReviews.status, n: count() })
		.from(burnedInReviews)
		.where(eq(burnedInReviews.studyId, study.id))
		.groupBy(burnedInReviews.status);
	const burnedIn = { pending: 0, cleared: 0, identifying: 0 };
	for (const row of reviews) burnedIn[row.status] = row.n;
	const current = await datasetFingerprint(db, study.id);
	const distribution = await stratumDistribution(db, study.id);
	return {
		study: slug,
		imagesFrom: await imagesFrom(db, study.id),
		cases: current.cases,
		images: imageCount,
		importedImages: instances.filter((row) => row.withdrawnAt === null).length,
		withdrawnImages: instances.filter((row) => row.withdrawnAt !== null).length,
		currentFingerprint: current.fingerprint,
		freeze: await datasetFreezeOf(db, study.id),
		versions: (await datasetVersionsOf(db, study.id)).map(
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
		findings: await datasetFindings(db, study.id),
		distribution,
		balance: balanceOf(distribution),
		independence: await latestIndependenceCheck(db, study.id),
		burnedIn,
		runs: await db
			.select()
			.from(importRuns)
			.where(eq(importRuns.studyId, study.id))
			.orderBy(desc(importRuns.id))
			.limit(5)
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
export async function deidLogOf(
	db: Db,
	principal: Principal,
	slug: string,
	caseKey: string
): Promise<DeidLogEntry[]> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const caseRow = (
		await db
			.select({ id: cases.id })
			.from(cases)
			.where(and(eq(cases.studyId, study.id), eq(cases.caseKey, caseKey)))
	)[0];
	if (!caseRow) throw new NotFound(`No case "${caseKey}" in "${slug}".`);
	return (
		await db
			.select()
			.from(importedInstances)
			.where(eq(importedInstances.caseId, caseRow.id))
			.orderBy(asc(importedInstances.path))
	).map((row) => ({
		path: row.path,
		sopInstanceUid: row.sopInstanceUid,
		withdrawn: row.withdrawnAt !== null,
		changes: JSON.parse(row.deidLogJson) as DeidChange[]
	}));
}

// What quality control finds in a study's case set before a freeze (CAS-3, CAS-1): errors block
// the freeze (a case without images or truth, images awaiting burned-in review), warnings must be
// acknowledged (missing header data, lossy images, images whose de-identification is not
// recorded, fewer than three sites or vendors). Also the stratum distribution for the report.
import { and, asc, eq, isNull } from 'drizzle-orm';
import {
	burnedInReviews,
	cases,
	images,
	importedInstances,
	referenceTruth,
	sites,
	studies
} from '../db/schema';
import type { DbOrTx } from '../db/client';
import { ACQUISITION_STRATA } from './acquisition-bins';
import { acquisitionStrataByCase } from './acquisition-strata';
import { protocolOf } from '../studies/study-protocol';
import { mapInOrder } from '../db/in-order';

export interface DatasetFinding {
	severity: 'error' | 'warning';
	code:
		| 'no-cases'
		| 'no-images'
		| 'no-truth'
		| 'burned-in-pending'
		| 'missing-tags'
		| 'lossy'
		| 'not-imported'
		| 'few-sites'
		| 'few-vendors';
	caseKey?: string;
	message: string;
}

/** CAS-1 / seed 001 table 1: at least three sources and three device makers. */
export const RECOMMENDED_SITES = 3;
export const RECOMMENDED_VENDORS = 3;

interface CaseFacts {
	caseKey: string;
	images: Array<{ path: string }>;
	instances: Array<{ path: string; missingTags: string[]; lossy: string | null }>;
	hasTruth: boolean;
	pendingReviews: number;
}

async function caseFacts(db: DbOrTx, studyId: number): Promise<CaseFacts[]> {
	const caseRows = await db
		.select({ id: cases.id, caseKey: cases.caseKey })
		.from(cases)
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.ordinal));
	return await mapInOrder(caseRows, async (row) => ({
		caseKey: row.caseKey,
		images: await db.select({ path: images.path }).from(images).where(eq(images.caseId, row.id)),
		instances: (
			await db
				.select({
					path: importedInstances.path,
					missingTagsJson: importedInstances.missingTagsJson,
					lossy: importedInstances.lossy
				})
				.from(importedInstances)
				.where(and(eq(importedInstances.caseId, row.id), isNull(importedInstances.withdrawnAt)))
		).map((instance) => ({
			path: instance.path,
			missingTags: JSON.parse(instance.missingTagsJson) as string[],
			lossy: instance.lossy
		})),
		hasTruth:
			(
				await db
					.select({ id: referenceTruth.id })
					.from(referenceTruth)
					.where(eq(referenceTruth.caseId, row.id))
			)[0] !== undefined,
		pendingReviews: (
			await db
				.select({ id: burnedInReviews.id })
				.from(burnedInReviews)
				.where(and(eq(burnedInReviews.caseId, row.id), eq(burnedInReviews.status, 'pending')))
		).length
	}));
}

export async function datasetFindings(db: DbOrTx, studyId: number): Promise<DatasetFinding[]> {
	const facts = await caseFacts(db, studyId);
	const findings: DatasetFinding[] = [];
	if (facts.length === 0)
		findings.push({ severity: 'error', code: 'no-cases', message: 'the study has no cases' });
	for (const fact of facts) {
		const at = `case ${fact.caseKey}`;
		if (fact.images.length === 0)
			findings.push({
				severity: 'error',
				code: 'no-images',
				caseKey: fact.caseKey,
				message: `${at}: no image`
			});
		if (!fact.hasTruth)
			findings.push({
				severity: 'error',
				code: 'no-truth',
				caseKey: fact.caseKey,
				message: `${at}: no reference truth`
			});
		if (fact.pendingReviews > 0) {
			findings.push({
				severity: 'error',
				code: 'burned-in-pending',
				caseKey: fact.caseKey,
				message: `${at}: ${fact.pendingReviews} image(s) await burned-in annotation review`
			});
		}
		const missing = [...new Set(fact.instances.flatMap((instance) => instance.missingTags))].sort();
		if (missing.length > 0) {
			const count = fact.instances.filter((instance) => instance.missingTags.length > 0).length;
			findings.push({
				severity: 'warning',
				code: 'missing-tags',
				caseKey: fact.caseKey,
				message: `${at}: ${count} image(s) lack ${missing.join(', ')}`
			});
		}
		const lossy = fact.instances.filter((instance) => instance.lossy !== null);
		if (lossy.length > 0) {
			findings.push({
				severity: 'warning',
				code: 'lossy',
				caseKey: fact.caseKey,
				message: `${at}: ${lossy.length} image(s) lossy-compressed (${[...new Set(lossy.map((instance) => instance.lossy))].join('; ')})`
			});
		}
		const importedPaths = new Set(fact.instances.map((instance) => instance.path));
		const notImported = fact.images.filter((image) => !importedPaths.has(image.path)).length;
		if (notImported > 0) {
			findings.push({
				severity: 'warning',
				code: 'not-imported',
				caseKey: fact.caseKey,
				message: `${at}: ${notImported} image(s) were loaded with the protocol, not imported: no de-identification record`
			});
		}
	}
	const distribution = await stratumDistribution(db, studyId);
	const siteCount = Object.keys(distribution.site ?? {}).length;
	if (facts.length > 0 && siteCount < RECOMMENDED_SITES) {
		findings.push({
			severity: 'warning',
			code: 'few-sites',
			message: `cases from ${siteCount} site(s); CAS-1 recommends at least ${RECOMMENDED_SITES}`
		});
	}
	const vendorCount = Object.keys(distribution.vendor ?? distribution.manufacturer ?? {}).length;
	if (facts.length > 0 && vendorCount < RECOMMENDED_VENDORS) {
		findings.push({
			severity: 'warning',
			code: 'few-vendors',
			message: `images from ${vendorCount} device vendor(s); CAS-1 recommends at least ${RECOMMENDED_VENDORS}`
		});
	}
	return findings;
}

/**
 * Cases per value of each stratum: the protocol's strata columns (cases.csv), the site, the
 * acquisition strata of the case's images (acquisition-bins.ts: manufacturer, model, kVp, tube
 * current, slice thickness, kernel, contrast) and, from its first image, sex and age band.
 */
export async function stratumDistribution(
	db: DbOrTx,
	studyId: number
): Promise<Record<string, Record<string, number>>> {
	const rows = await db
		.select({
			id: cases.id,
			caseKey: cases.caseKey,
			strataJson: cases.strataJson,
			site: sites.code
		})
		.from(cases)
		.leftJoin(sites, eq(cases.siteId, sites.id))
		.where(eq(cases.studyId, studyId));
	const acquisition = await acquisitionStrataByCase(db, studyId);
	const distribution: Record<string, Record<string, number>> = {};
	const count = (stratum: string, value: string | null | undefined) => {
		if (value === null || value === undefined || value === '') return;
		distribution[stratum] ??= {};
		distribution[stratum][value] = (distribution[stratum][value] ?? 0) + 1;
	};
	for (const row of rows) {
		const strata = JSON.parse(row.strataJson) as Record<string, string>;
		if (!('site' in strata)) count('site', row.site);
		for (const [stratum, value] of Object.entries(strata)) count(stratum, value);
		for (const stratum of ACQUISITION_STRATA)
			if (!(stratum in strata)) count(stratum, acquisition.get(row.caseKey)?.[stratum]);
		const first = (
			await db
				.select({ headerJson: importedInstances.headerJson })
				.from(importedInstances)
				.where(and(eq(importedInstances.caseId, row.id), isNull(importedInstances.withdrawnAt)))
				.orderBy(asc(importedInstances.path))
				.limit(1)
		)[0];
		if (first) {
			const header = JSON.parse(first.headerJson) as { sex?: string; age?: string };
			count('sex', header.sex);
			count('age_band', ageBand(header.age));
		}
	}
	return distribution;
}

/** "052Y" → "50-59"; months and days → "0-9". */
export function ageBand(age: string | undefined): string | null {
	const match = age ? /^(\d{3})([DWMY])$/.exec(age) : null;
	if (!match) return null;
	const years = match[2] === 'Y' ? Number(match[1]) : 0;
	const low = Math.floor(years / 10) * 10;
	return years >= 90 ? '90+' : `${low}-${low + 9}`;
}

/** The study's protocol says where its images come from. */
export async function imagesFrom(db: DbOrTx, studyId: number): Promise<'folder' | 'import'> {
	const row = (
		await db
			.select({ id: studies.id, protocolJson: studies.protocolJson })
			.from(studies)
			.where(eq(studies.id, studyId))
	)[0];
	const protocol: { cases?: { images_from?: string } } = row ? protocolOf(row) : {};
	return protocol.cases?.images_from === 'import' ? 'import' : 'folder';
}

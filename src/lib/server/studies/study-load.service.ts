// Loads a validated study folder into the database, all or nothing, in one transaction with its
// audit row. Reloading a changed protocol after reads exist is refused unless it is declared an
// amendment with a reason (DES-4: endpoints are fixed before the first read).
import { count, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { cases, images, protocolVersions, referenceTruth, sites, studies } from '../db/schema';
import { countStudyReads } from '../reads/read-counts';
import { lockOf } from '../export/lock.service';
import { allocationFingerprint } from '../schedule/schedule-input';
import { regenerateSchedules } from '../schedule/enrolment';
import type { Db, Tx } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { StudyFolder } from './study-folder';
import { deleteCaseLesions, syncCaseLesions } from '../cases/truth-lesions';
import {
	lesionsByCase,
	refuseFrozenDatasetChanges,
	sameImages,
	StudyLoadRefused
} from './study-load-checks';
import { parseInput } from '../input';
import { optionalText, TEXT_MAX } from '../../domain/free-text';
import { isForeignKeyViolation } from '../db/errors';
import { withTransaction } from '../db/transaction';

const amendmentInput = z.object({ reason: optionalText(TEXT_MAX.reason) });

export { StudyLoadRefused };

export interface LoadOptions {
	amend?: boolean;
	reason?: string;
}

export interface LoadResult {
	status: 'created' | 'unchanged' | 'updated' | 'amended';
	studyId: number;
	revision: number;
	cases: number;
}

export async function loadStudy(
	db: Db,
	principal: Principal,
	folder: StudyFolder,
	options: LoadOptions = {}
): Promise<LoadResult> {
	if (options.amend && !options.reason?.trim())
		throw new StudyLoadRefused('An amendment needs a reason (--reason "…").');
	parseInput(amendmentInput, { reason: options.reason });
	return await withTransaction(db, async (tx) => {
		const existing = (
			await tx.select().from(studies).where(eq(studies.slug, folder.protocol.slug))
		)[0];
		if (!existing) {
			if (principal.kind === 'user')
				throw new StudyLoadRefused('New studies are loaded by an operator (tandem study load).');
			return await createStudy(tx, principal, folder);
		}
		await requireStudyRole(tx, principal, existing.id, ['admin']);
		if (existing.protocolSha256 === folder.sha256) {
			return {
				status: 'unchanged',
				studyId: existing.id,
				revision: await currentRevision(tx, existing.id),
				cases: await countCases(tx, existing.id)
			};
		}
		if (await lockOf(tx, existing.id))
			throw new StudyLoadRefused(
				`Study "${existing.slug}" is locked: its protocol can no longer change.`
			);
		await refuseFrozenDatasetChanges(tx, existing, folder);
		const readCount = await countStudyReads(tx, existing.id);
		if (readCount > 0 && !options.amend) {
			throw new StudyLoadRefused(
				`Study "${existing.slug}" already has ${readCount} read(s): a changed protocol is an amendment. ` +
					'Re-run with --amend --reason "…" to record it.'
			);
		}
		return await updateStudy(tx, principal, existing, folder, options);
	});
}

function protocolSummary(folder: StudyFolder) {
	return {
		slug: folder.protocol.slug,
		protocolVersion: folder.protocol.protocol_version,
		sha256: folder.sha256,
		files: folder.files,
		design: folder.protocol.design.type,
		endpoints: folder.protocol.endpoints,
		sites: folder.protocol.sites.map((site) => site.code),
		cases: folder.cases.length,
		positives: folder.truth.filter((record) => record.truth === 1).length,
		lesions: folder.lesions.length
	};
}

/** The study row's columns as the protocol folder gives them. */
function studyColumns(folder: StudyFolder) {
	const { protocol } = folder;
	return {
		title: protocol.title,
		design: protocol.design.type,
		protocolVersion: protocol.protocol_version,
		protocolSha256: folder.sha256,
		protocolJson: JSON.stringify(protocol),
		isDemo: protocol.demo,
		randomizationSeed: protocol.randomization.seed,
		sourceDir: folder.dir,
		updatedAt: new Date()
	};
}

async function createStudy(tx: Tx, principal: Principal, folder: StudyFolder): Promise<LoadResult> {
	const studyId = (
		await tx
			.insert(studies)
			.values({ slug: folder.protocol.slug, ...studyColumns(folder) })
			.returning({ id: studies.id })
	)[0]!.id;
	await insertProtocolVersion(tx, studyId, 1, folder, null);
	await syncSites(tx, studyId, folder);
	await syncCases(tx, studyId, folder);
	await recordAudit(tx, principal, {
		action: 'study.created',
		entityType: 'study',
		entityId: studyId,
		studyId,
		after: protocolSummary(folder)
	});
	return { status: 'created', studyId, revision: 1, cases: folder.cases.length };
}

async function updateStudy(
	tx: Tx,
	principal: Principal,
	existing: typeof studies.$inferSelect,
	folder: StudyFolder,
	options: LoadOptions
): Promise<LoadResult> {
	const before = {
		protocolVersion: existing.protocolVersion,
		sha256: existing.protocolSha256,
		cases: await countCases(tx, existing.id)
	};
	const allocationBefore = await allocationFingerprint(tx, existing.id);
	await tx.update(studies).set(studyColumns(folder)).where(eq(studies.id, existing.id));
	const revision = (await currentRevision(tx, existing.id)) + 1;
	const reason = options.amend ? options.reason!.trim() : null;
	await insertProtocolVersion(tx, existing.id, revision, folder, reason);
	await syncSites(tx, existing.id, folder);
	await syncCases(tx, existing.id, folder);
	// Seed, design, arms, cases or truth changed: enrolled readers' schedules follow, or the load is refused after the first read.
	if ((await allocationFingerprint(tx, existing.id)) !== allocationBefore)
		await regenerateSchedules(tx, principal, existing.id);
	const status = options.amend ? 'amended' : 'updated';
	await recordAudit(tx, principal, {
		action: options.amend ? 'study.amended' : 'study.protocol_updated',
		entityType: 'study',
		entityId: existing.id,
		studyId: existing.id,
		before,
		after: { ...protocolSummary(folder), revision },
		reason
	});
	return { status, studyId: existing.id, revision, cases: folder.cases.length };
}

async function insertProtocolVersion(
	tx: Tx,
	studyId: number,
	revision: number,
	folder: StudyFolder,
	reason: string | null
) {
	await tx.insert(protocolVersions).values({
		studyId,
		revision,
		protocolVersion: folder.protocol.protocol_version,
		sha256: folder.sha256,
		filesJson: JSON.stringify(folder.files),
		protocolJson: JSON.stringify(folder.protocol),
		reason
	});
}

async function syncSites(tx: Tx, studyId: number, folder: StudyFolder) {
	const current = new Map(
		(await tx.select().from(sites).where(eq(sites.studyId, studyId))).map((site) => [
			site.code,
			site
		])
	);
	for (const site of folder.protocol.sites) {
		const values = { name: site.name, expectedReaders: site.expected_readers };
		const row = current.get(site.code);
		if (row) await tx.update(sites).set(values).where(eq(sites.id, row.id));
		else await tx.insert(sites).values({ studyId, code: site.code, ...values });
		current.delete(site.code);
	}
	for (const removed of current.values()) {
		await deleteOrRefuse(
			async () => await tx.delete(sites).where(eq(sites.id, removed.id)),
			`site "${removed.code}" has people or cases and cannot be removed`
		);
	}
}

async function syncCases(tx: Tx, studyId: number, folder: StudyFolder) {
	const siteIds = new Map(
		(await tx.select().from(sites).where(eq(sites.studyId, studyId))).map((site) => [
			site.code,
			site.id
		])
	);
	const current = new Map(
		(await tx.select().from(cases).where(eq(cases.studyId, studyId))).map((row) => [
			row.caseKey,
			row
		])
	);
	const truthByKey = new Map(folder.truth.map((record) => [record.caseKey, record]));
	const lesionsByKey = lesionsByCase(folder);
	for (const [ordinal, record] of folder.cases.entries()) {
		const values = {
			ordinal: ordinal + 1,
			siteId: record.siteCode === null ? null : (siteIds.get(record.siteCode) ?? null),
			strataJson: JSON.stringify(record.strata),
			imageFolder: record.imageFolder
		};
		const row = current.get(record.caseKey);
		const caseId = row
			? (await tx.update(cases).set(values).where(eq(cases.id, row.id)), row.id)
			: (
					await tx
						.insert(cases)
						.values({ studyId, caseKey: record.caseKey, ...values })
						.returning({ id: cases.id })
				)[0]!.id;
		current.delete(record.caseKey);
		// Imported images belong to `tandem cases import`; folder images are replaced only when they changed.
		if (
			folder.protocol.cases.images_from === 'folder' &&
			!(await sameImages(tx, caseId, record.images))
		) {
			await tx.delete(images).where(eq(images.caseId, caseId));
			for (const image of record.images) await tx.insert(images).values({ caseId, ...image });
		}
		const truth = truthByKey.get(record.caseKey);
		// No truth in the folder (a reference standard makes it here): what is stored stays.
		if (!truth) continue;
		const truthValues = {
			truth: truth.truth,
			detailsJson: JSON.stringify(truth.details),
			source: folder.protocol.truth.source
		};
		// Written only when it changed (an upsert would trip the frozen-dataset trigger even when equal).
		const storedTruth = (
			await tx.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId))
		)[0];
		if (!storedTruth) await tx.insert(referenceTruth).values({ caseId, ...truthValues });
		else if (
			storedTruth.truth !== truthValues.truth ||
			storedTruth.detailsJson !== truthValues.detailsJson ||
			storedTruth.source !== truthValues.source
		) {
			await tx.update(referenceTruth).set(truthValues).where(eq(referenceTruth.caseId, caseId));
		}
		await syncCaseLesions(tx, caseId, lesionsByKey.get(record.caseKey) ?? []);
	}
	for (const removed of current.values()) {
		await deleteOrRefuse(async () => {
			await tx.delete(images).where(eq(images.caseId, removed.id));
			await deleteCaseLesions(tx, removed.id);
			await tx.delete(referenceTruth).where(eq(referenceTruth.caseId, removed.id));
			await tx.delete(cases).where(eq(cases.id, removed.id));
		}, `case "${removed.caseKey}" is assigned or scored and cannot be removed`);
	}
}

async function deleteOrRefuse(remove: () => void | Promise<unknown>, message: string) {
	try {
		await remove();
	} catch (error) {
		if (isForeignKeyViolation(error)) throw new StudyLoadRefused(message);
		throw error;
	}
}

async function currentRevision(tx: Tx, studyId: number): Promise<number> {
	return (
		(
			await tx
				.select({ revision: max(protocolVersions.revision) })
				.from(protocolVersions)
				.where(eq(protocolVersions.studyId, studyId))
		)[0]?.revision ?? 0
	);
}

async function countCases(tx: Tx, studyId: number): Promise<number> {
	return (await tx.select({ n: count() }).from(cases).where(eq(cases.studyId, studyId)))[0]?.n ?? 0;
}

// The burned-in annotation review queue (CAS-2, seed 001 §5.4: automatic flagging plus a person's
// review). Images whose pixels may carry a name or date — Burned In Annotation YES, ultrasound,
// angiography, secondary captures — wait here for the coordinator of the case's site (or the
// admin). "Cleared": nothing identifying in the pixels. "Identifying": the image is withdrawn
// from the case and its file deleted (a masked copy can be imported as a new instance). A freeze
// is refused while any image is pending.
import { and, asc, eq } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { burnedInReviews, cases, importedInstances, sites } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { principalLabel, recordAudit } from '../audit/audit.service';
import {
	requireSiteScope,
	requireStudyBySlug,
	requireStudyRole,
	type StudyAccess
} from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import { readDicomFile } from '../dicom/dicom-file';
import { PreviewUnavailable, previewPng } from '../dicom/preview-png';
import { assertDatasetOpen } from './dataset-freeze.service';
import { rebuildCaseImages } from './case-images';
import { parseInput } from '../input';
import { importedInstanceKey } from '../images/image-keys';
import { getVerified, type ImageKey } from '../images/image-store';
import { imageStore } from '../images/image-stores';
import { localImagePath } from '../images/local-image-store';
import { TEXT_MAX } from '../../domain/free-text';
import { withTransaction } from '../db/transaction';

const noteInput = z.object({ note: z.string().trim().max(TEXT_MAX.note) });

export type ReviewStatus = 'pending' | 'cleared' | 'identifying';
export const REVIEW_DECISIONS = ['cleared', 'identifying'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface BurnedInReviewRow {
	id: number;
	caseKey: string;
	siteCode: string | null;
	modality: string | null;
	seriesNumber: number | null;
	instanceNumber: number | null;
	reasons: string[];
	status: ReviewStatus;
	decidedBy: string | null;
	decidedAt: Date | null;
	note: string | null;
}

const reviewColumns = {
	id: burnedInReviews.id,
	studyId: burnedInReviews.studyId,
	caseId: burnedInReviews.caseId,
	caseKey: cases.caseKey,
	siteId: cases.siteId,
	siteCode: sites.code,
	modality: importedInstances.modality,
	seriesNumber: importedInstances.seriesNumber,
	instanceNumber: importedInstances.instanceNumber,
	path: importedInstances.path,
	instanceId: importedInstances.id,
	reasonsJson: burnedInReviews.reasonsJson,
	status: burnedInReviews.status,
	decidedBy: burnedInReviews.decidedByLabel,
	decidedAt: burnedInReviews.decidedAt,
	note: burnedInReviews.note
};

function reviewQuery(db: DbOrTx) {
	return db
		.select(reviewColumns)
		.from(burnedInReviews)
		.innerJoin(cases, eq(burnedInReviews.caseId, cases.id))
		.innerJoin(importedInstances, eq(burnedInReviews.instanceId, importedInstances.id))
		.leftJoin(sites, eq(cases.siteId, sites.id));
}

type ReviewRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof reviewQuery>['get']>>>;

function toRow(record: ReviewRecord): BurnedInReviewRow {
	return {
		id: record.id,
		caseKey: record.caseKey,
		siteCode: record.siteCode,
		modality: record.modality,
		seriesNumber: record.seriesNumber,
		instanceNumber: record.instanceNumber,
		reasons: JSON.parse(record.reasonsJson) as string[],
		status: record.status,
		decidedBy: record.decidedBy,
		decidedAt: record.decidedAt,
		note: record.note
	};
}

/** The study's flagged images a coordinator may see (own site only) or the admin (all). */
export async function listBurnedInReviews(
	db: Db,
	principal: Principal,
	slug: string
): Promise<BurnedInReviewRow[]> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['admin', 'coordinator']);
	const records = await reviewQuery(db)
		.where(eq(burnedInReviews.studyId, study.id))
		.orderBy(asc(cases.ordinal), asc(importedInstances.path));
	return records
		.filter((record) => access.trusted || access.siteId === null || record.siteId === access.siteId)
		.map(toRow);
}

/** The review, after checking the caller may act on its case's site. */
async function reviewFor(
	db: DbOrTx,
	principal: Principal,
	slug: string,
	reviewId: number
): Promise<{ record: ReviewRecord; access: StudyAccess }> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['admin', 'coordinator']);
	const record = (
		await reviewQuery(db).where(
			and(eq(burnedInReviews.id, reviewId), eq(burnedInReviews.studyId, study.id))
		)
	)[0];
	const missing = `No burned-in review ${reviewId} in "${slug}".`;
	if (!record) throw new NotFound(missing);
	requireSiteScope(
		access,
		record.siteId,
		{ targetType: 'burned_in_review', targetId: reviewId },
		missing
	);
	return { record, access };
}

export async function decideBurnedInReview(
	db: Db,
	principal: Principal,
	slug: string,
	reviewId: number,
	decision: ReviewDecision,
	note = '',
	now = new Date()
): Promise<BurnedInReviewRow> {
	if (!REVIEW_DECISIONS.includes(decision))
		throw new InputError(`decision: one of ${REVIEW_DECISIONS.join(', ')}`, 'decision');
	const trimmed = parseInput(noteInput, { note }).note;
	if (decision === 'identifying' && trimmed === '')
		throw new InputError('note: say what identifying text the image shows', 'note');
	let withdrawn: ImageKey | null = null;
	const row = await withTransaction(db, async (tx) => {
		const { record } = await reviewFor(tx, principal, slug, reviewId);
		if (record.status !== 'pending')
			throw new Conflict(
				`Review ${reviewId} was already decided (${record.status}) by ${record.decidedBy ?? 'someone'}.`
			);
		if (decision === 'identifying') {
			await assertDatasetOpen(tx, record.studyId, slug, 'withdrawing an image');
			await tx
				.update(importedInstances)
				.set({ withdrawnAt: now, withdrawnReason: `burned-in identity: ${trimmed}` })
				.where(eq(importedInstances.id, record.instanceId));
			await rebuildCaseImages(tx, record.caseId);
			withdrawn = (await importedInstanceKey(tx, record.instanceId))!;
		}
		await tx
			.update(burnedInReviews)
			.set({
				status: decision,
				decidedBy: principal.kind === 'user' ? principal.userId : null,
				decidedByLabel: principalLabel(principal),
				decidedAt: now,
				note: trimmed || null
			})
			.where(eq(burnedInReviews.id, reviewId));
		await recordAudit(
			tx,
			principal,
			{
				action: `burned_in.${decision}`,
				entityType: 'burned_in_review',
				entityId: reviewId,
				studyId: record.studyId,
				before: { status: 'pending' },
				after: { status: decision, case: record.caseKey, path: record.path },
				reason: trimmed || null
			},
			now
		);
		return toRow({
			...record,
			status: decision,
			decidedBy: principalLabel(principal),
			decidedAt: now,
			note: trimmed || null
		});
	});
	// The identifying file goes only once the withdrawal is committed.
	if (withdrawn) removeWithdrawn(withdrawn);
	return row;
}

/** A PNG of the flagged image for the reviewer's eyes; NotFound when it cannot be drawn here. */
export async function burnedInPreview(
	db: Db,
	principal: Principal,
	slug: string,
	reviewId: number
): Promise<Uint8Array> {
	const { record } = await reviewFor(db, principal, slug, reviewId);
	if (record.status === 'identifying') throw new NotFound('This image was withdrawn.');
	const key = (await importedInstanceKey(db, record.instanceId))!;
	try {
		const bytes = await getVerified(imageStore(), key);
		readDicomFile(bytes); // the import's checks, with their reasons
		return await previewPng(bytes);
	} catch (error) {
		if (error instanceof PreviewUnavailable) throw new NotFound(error.message);
		throw error;
	}
}

/**
 * Removes a withdrawn image's file: at once from the study folder (the local store), in the
 * background from a remote store, whose failure is logged (the image is withdrawn either way:
 * no reader or export sees it again).
 */
function removeWithdrawn(key: ImageKey): void {
	const store = imageStore();
	if (store.kind === 'local') {
		rmSync(localImagePath(key), { force: true });
		return;
	}
	store.delete(key).catch((error: unknown) => {
		console.error(
			`${key.label}: the withdrawn image could not be removed from ${store.describe()}: ${(error as Error).message}`
		);
	});
}

/** Pending reviews per study the caller coordinates (for the site page's link). */
export async function pendingBurnedInCount(
	db: Db,
	principal: Principal,
	slug: string
): Promise<number> {
	return (await listBurnedInReviews(db, principal, slug)).filter((row) => row.status === 'pending')
		.length;
}

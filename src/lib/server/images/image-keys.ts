// The store keys of images as the database records them: the study (slug and folder), the path,
// the SHA-256 recorded at import and, for imported images, the de-identified instance UIDs (what
// a DICOMweb store addresses them by). A key names the case only in its label, for messages.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { cases, images, importedInstances, studies } from '../db/schema';
import type { ImageKey } from './image-store';

export interface KeyedImage {
	caseId: number;
	caseKey: string;
	ordinal: number;
	sizeBytes: number;
	frames: number;
	key: ImageKey;
}

/** Joins an image to the imported instance it came from, if any (not withdrawn). */
export function importedInstanceOfImage(): SQL {
	return and(
		eq(importedInstances.caseId, images.caseId),
		eq(importedInstances.path, images.path),
		isNull(importedInstances.withdrawnAt)
	)!;
}

/** The images with what their keys are made of, in image order, where `where` holds. */
function keyedSelect(tx: DbOrTx, where: SQL | undefined) {
	return tx
		.select({
			caseId: images.caseId,
			caseKey: cases.caseKey,
			ordinal: images.ordinal,
			path: images.path,
			sha256: images.sha256,
			sizeBytes: images.sizeBytes,
			frames: images.frames,
			slug: studies.slug,
			sourceDir: studies.sourceDir,
			studyUid: importedInstances.studyInstanceUid,
			seriesUid: importedInstances.seriesInstanceUid,
			sopUid: importedInstances.sopInstanceUid
		})
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.innerJoin(studies, eq(cases.studyId, studies.id))
		.leftJoin(importedInstances, importedInstanceOfImage())
		.where(where)
		.orderBy(asc(cases.ordinal), asc(images.ordinal));
}

/** What an image's store key is made of, as a select of it returns it (keyedSelect, own-assignment.ts). */
export type KeyedImageRow = Awaited<ReturnType<typeof keyedSelect>>[number];

// The read path asks for a case's images (the marks' check): prepared once per connection. An
// image request finds its image with the assignment (own-assignment.ts).
const statements = perConnection((db: Db) => ({
	caseImages: keyedSelect(db, eq(images.caseId, sql.placeholder('caseId'))).prepare()
}));

function keyed(rows: KeyedImageRow[]): KeyedImage[] {
	return rows.map(keyedImage);
}

/** The image of a selected row with its store key. */
export function keyedImage(row: KeyedImageRow): KeyedImage {
	return {
		caseId: row.caseId,
		caseKey: row.caseKey,
		ordinal: row.ordinal,
		sizeBytes: row.sizeBytes,
		frames: row.frames,
		key: {
			study: row.slug,
			studyFolder: row.sourceDir,
			path: row.path,
			sha256: row.sha256,
			sizeBytes: row.sizeBytes,
			...(row.studyUid && row.seriesUid && row.sopUid
				? {
						instance: {
							studyInstanceUid: row.studyUid,
							seriesInstanceUid: row.seriesUid,
							sopInstanceUid: row.sopUid
						}
					}
				: {}),
			label: `case ${row.caseKey} image ${row.ordinal}`
		}
	};
}

/** A case's images in image order (the `images` ordinal), with their store keys. */
export async function caseImageKeys(tx: DbOrTx, caseId: number): Promise<KeyedImage[]> {
	return keyed(await statements(tx).caseImages.all({ caseId }));
}

/** Every image of a study, case by case, with its store key. */
export async function studyImageKeys(tx: DbOrTx, studyId: number): Promise<KeyedImage[]> {
	return keyed(await keyedSelect(tx, eq(cases.studyId, studyId)));
}

/** The store key of an imported instance (withdrawn or not), e.g. for the burned-in review. */
export async function importedInstanceKey(
	tx: DbOrTx,
	instanceId: number
): Promise<(ImageKey & { caseId: number }) | undefined> {
	const row = (
		await tx
			.select({
				caseId: importedInstances.caseId,
				caseKey: cases.caseKey,
				path: importedInstances.path,
				sha256: importedInstances.sha256,
				sizeBytes: importedInstances.sizeBytes,
				slug: studies.slug,
				sourceDir: studies.sourceDir,
				studyInstanceUid: importedInstances.studyInstanceUid,
				seriesInstanceUid: importedInstances.seriesInstanceUid,
				sopInstanceUid: importedInstances.sopInstanceUid
			})
			.from(importedInstances)
			.innerJoin(cases, eq(importedInstances.caseId, cases.id))
			.innerJoin(studies, eq(cases.studyId, studies.id))
			.where(eq(importedInstances.id, instanceId))
	)[0];
	if (!row) return undefined;
	return {
		caseId: row.caseId,
		study: row.slug,
		studyFolder: row.sourceDir,
		path: row.path,
		sha256: row.sha256,
		sizeBytes: row.sizeBytes,
		instance: {
			studyInstanceUid: row.studyInstanceUid,
			seriesInstanceUid: row.seriesInstanceUid,
			sopInstanceUid: row.sopInstanceUid
		},
		label: `case ${row.caseKey} instance ${row.sopInstanceUid}`
	};
}

// A case's image list (the `images` table readers and the AI are served from) as its imported,
// not withdrawn instances: study by study (oldest first, by the shifted study date and time, then
// study UID), and within a study in stored-path order: the file names sort by series number,
// instance number and UID, so the order is the scanner's.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { images, importedInstances } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { HangingTags } from '../dicom/hanging-tags';
import { hangingColumns } from './image-hanging';
import { forEachInOrder } from '../db/in-order';

export async function rebuildCaseImages(tx: DbOrTx, caseId: number): Promise<number> {
	const instances = (
		await tx
			.select({
				path: importedInstances.path,
				sha256: importedInstances.sha256,
				sizeBytes: importedInstances.sizeBytes,
				studyUid: importedInstances.studyInstanceUid,
				headerJson: importedInstances.headerJson
			})
			.from(importedInstances)
			.where(and(eq(importedInstances.caseId, caseId), isNull(importedInstances.withdrawnAt)))
			.orderBy(asc(importedInstances.path))
	)
		.map(({ studyUid, headerJson, ...instance }) => {
			const header = JSON.parse(headerJson) as StoredHeader;
			return {
				instance: {
					...instance,
					// NumberOfFrames as imported: each frame is a slice of the case's stack.
					frames: header.frames ?? 1,
					// Images imported before the hanging tags were kept have none (hung as one stack).
					...hangingColumns(header.hanging)
				},
				study: studyKey(header, studyUid)
			};
		})
		.sort((first, second) => (first.study < second.study ? -1 : first.study > second.study ? 1 : 0))
		.map(({ instance }) => instance);
	await tx.delete(images).where(eq(images.caseId, caseId));
	await forEachInOrder(
		instances,
		async (instance, index) =>
			await tx.insert(images).values({ caseId, ordinal: index + 1, ...instance })
	);
	return instances.length;
}

/** What this module reads of an instance's stored header summary (prepare-instance.ts). */
interface StoredHeader {
	studyDate?: string | null;
	studyTime?: string | null;
	frames?: number;
	hanging?: HangingTags;
}

/** Sorts a study by its shifted date and time (absent: first), then its UID. */
function studyKey(header: StoredHeader, studyUid: string): string {
	return `${header.studyDate ?? ''}\t${header.studyTime ?? ''}\t${studyUid}`;
}

/** "0002-00013-1a2b3c4d5e.dcm": series and instance number padded so the names sort in scan order. */
export function storedFileName(
	seriesNumber: number | null,
	instanceNumber: number | null,
	uidHash: string
): string {
	const pad = (value: number | null, width: number) =>
		String(Math.max(0, Math.trunc(value ?? 0))).padStart(width, '0');
	return `${pad(seriesNumber, 4)}-${pad(instanceNumber, 5)}-${uidHash.slice(0, 10)}.dcm`;
}

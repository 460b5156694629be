// A case's image list (the `images` table readers and the AI are served from) as its imported,
// not withdrawn instances, in stored-path order: the file names sort by series number, instance
// number and UID, so the order is the scanner's.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { join } from 'node:path';
import { cases, images, importedInstances, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { imageFrames } from '../dicom/image-size';

export function rebuildCaseImages(tx: DbOrTx, caseId: number): number {
	const instances = tx
		.select({
			path: importedInstances.path,
			sha256: importedInstances.sha256,
			sizeBytes: importedInstances.sizeBytes
		})
		.from(importedInstances)
		.where(and(eq(importedInstances.caseId, caseId), isNull(importedInstances.withdrawnAt)))
		.orderBy(asc(importedInstances.path))
		.all();
	const study = tx
		.select({ sourceDir: studies.sourceDir })
		.from(cases)
		.innerJoin(studies, eq(cases.studyId, studies.id))
		.where(eq(cases.id, caseId))
		.get();
	tx.delete(images).where(eq(images.caseId, caseId)).run();
	instances.forEach((instance, index) => {
		// The stored file's NumberOfFrames: each frame is a slice of the case's stack.
		const frames = study ? imageFrames(join(study.sourceDir, instance.path), instance.sha256) : 1;
		tx.insert(images)
			.values({ caseId, ordinal: index + 1, frames, ...instance })
			.run();
	});
	return instances.length;
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

// A case's image files as readers are served them, in image order (the `images` ordinal): where
// each is stored, its SHA-256 (files are content-addressed) and its number of frames. What the
// checks of marks and measurements look each image up in.
import { asc, eq } from 'drizzle-orm';
import { join } from 'node:path';
import { cases, images, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';

export interface CaseImageFile {
	/** The stored file's path on this machine. */
	path: string;
	sha256: string;
	frames: number;
}

export function caseImageFiles(tx: DbOrTx, caseId: number): CaseImageFile[] {
	return tx
		.select({
			path: images.path,
			sha256: images.sha256,
			frames: images.frames,
			sourceDir: studies.sourceDir
		})
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.innerJoin(studies, eq(cases.studyId, studies.id))
		.where(eq(images.caseId, caseId))
		.orderBy(asc(images.ordinal))
		.all()
		.map(({ sourceDir, path, ...file }) => ({ ...file, path: join(sourceDir, path) }));
}

// A case's image files as readers are served them, in image order (the `images` ordinal): where
// each is stored, its SHA-256 (files are content-addressed) and its number of frames. What the
// checks of marks and measurements look each image up in (every draft save and submit: prepared
// once per connection).
import { asc, eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { cases, images, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';

export interface CaseImageFile {
	/** The stored file's path on this machine. */
	path: string;
	sha256: string;
	frames: number;
}

const filesStatement = perConnection((db) =>
	db
		.select({
			path: images.path,
			sha256: images.sha256,
			frames: images.frames,
			sourceDir: studies.sourceDir
		})
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.innerJoin(studies, eq(cases.studyId, studies.id))
		.where(eq(images.caseId, sql.placeholder('caseId')))
		.orderBy(asc(images.ordinal))
		.prepare()
);

export function caseImageFiles(tx: DbOrTx, caseId: number): CaseImageFile[] {
	return filesStatement(tx)
		.all({ caseId })
		.map(({ sourceDir, path, ...file }) => ({ ...file, path: join(sourceDir, path) }));
}

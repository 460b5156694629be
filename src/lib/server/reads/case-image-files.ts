// A case's image files as readers are served them, in image order (the `images` ordinal): where
// each is stored, its SHA-256 (files are content-addressed) and its number of frames. What the
// checks of marks and measurements look each image up in.
import { join } from 'node:path';
import type { DbOrTx } from '../db/client';
import { caseImageKeys } from '../images/image-keys';
import type { ImageKey } from '../images/image-store';

export interface CaseImageFile {
	/** Where the local store keeps the file on this machine (header reads fall back to it). */
	path: string;
	sha256: string;
	frames: number;
	/** The image in the configured store. */
	key: ImageKey;
}

export async function caseImageFiles(tx: DbOrTx, caseId: number): Promise<CaseImageFile[]> {
	return (await caseImageKeys(tx, caseId)).map(({ key, frames }) => ({
		path: join(key.studyFolder, key.path),
		sha256: key.sha256,
		frames,
		key
	}));
}

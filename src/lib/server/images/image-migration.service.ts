// `tandem images migrate` and `tandem images verify`: a study's images copied from its folder
// into the configured store, each checked against the SHA-256 recorded at import on the way in;
// and every stored object read back and checked. The copy is resumable: an image the store
// already holds (at its recorded size) is not sent again, and a file that cannot be copied is
// reported with its reason while the others go on. The study folder's files are left in place.
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { InputError } from '../errors';
import { studyImageKeys } from './image-keys';
import { getVerified, type ImageKey, type ImageStore } from './image-store';

export interface ImageProblem {
	image: string;
	path: string;
	problem: string;
}

export interface MigrationReport {
	total: number;
	copied: number;
	alreadyStored: number;
	failed: ImageProblem[];
}

export interface VerificationReport {
	total: number;
	intact: number;
	problems: ImageProblem[];
}

interface Options {
	onProgress?: (done: number, total: number) => void;
	now?: Date;
}

const problemOf = (key: ImageKey, error: unknown): ImageProblem => ({
	image: key.label,
	path: key.path,
	problem: error instanceof Error ? error.message : String(error)
});

async function studyFor(db: Db, principal: Principal, slug: string) {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	return study;
}

/** Copies every image of the study from the study folder into `to`, verifying each one. */
export async function migrateStudyImages(
	db: Db,
	principal: Principal,
	slug: string,
	stores: { from: ImageStore; to: ImageStore },
	options: Options = {}
): Promise<MigrationReport> {
	const study = await studyFor(db, principal, slug);
	if (stores.to.kind === 'local')
		throw new InputError(
			'the configured image store is the study folder itself (TANDEM_IMAGE_STORE is local): set TANDEM_IMAGE_STORE to s3 or dicomweb to migrate into it',
			'TANDEM_IMAGE_STORE'
		);
	const images = await studyImageKeys(db, study.id);
	const report: MigrationReport = { total: images.length, copied: 0, alreadyStored: 0, failed: [] };
	for (const [index, { key }] of images.entries()) {
		try {
			if ((await stores.to.stat(key))?.size === key.sizeBytes) report.alreadyStored++;
			else {
				await stores.to.put(key, await stores.from.get(key));
				report.copied++;
			}
		} catch (error) {
			report.failed.push(problemOf(key, error));
		}
		options.onProgress?.(index + 1, images.length);
	}
	await recordAudit(
		db,
		principal,
		{
			action: 'images.migrated',
			entityType: 'study',
			entityId: study.id,
			studyId: study.id,
			after: {
				store: stores.to.kind,
				total: report.total,
				copied: report.copied,
				alreadyStored: report.alreadyStored,
				failed: report.failed.length
			}
		},
		options.now
	);
	return report;
}

/** Reads every image of the study back from `store` and checks it against its recorded SHA-256. */
export async function verifyStudyImages(
	db: Db,
	principal: Principal,
	slug: string,
	store: ImageStore,
	options: Options = {}
): Promise<VerificationReport> {
	const study = await studyFor(db, principal, slug);
	const images = await studyImageKeys(db, study.id);
	const report: VerificationReport = { total: images.length, intact: 0, problems: [] };
	for (const [index, { key }] of images.entries()) {
		try {
			await getVerified(store, key);
			report.intact++;
		} catch (error) {
			// Missing, changed, or the store unreachable: each named with its image.
			report.problems.push(problemOf(key, error));
		}
		options.onProgress?.(index + 1, images.length);
	}
	return report;
}

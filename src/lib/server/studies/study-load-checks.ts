// What a study load checks before it writes: that a frozen dataset (CAS-5) keeps its cases,
// strata, images, truth and truth lesions, and the refusal every such check throws.
import { asc, eq } from 'drizzle-orm';
import { cases, images, referenceTruth, sites, type studies } from '../db/schema';
import type { Tx } from '../db/client';
import type { StudyFolder } from './study-folder';
import { Conflict } from '../errors';
import { datasetFreezeOf } from '../cases/dataset-freeze.service';
import { sameCaseLesions } from '../cases/truth-lesions';

/** A load the state of the study does not allow; nothing was written. */
export class StudyLoadRefused extends Conflict {}

export async function sameImages(
	tx: Tx,
	caseId: number,
	wanted: StudyFolder['cases'][number]['images']
): Promise<boolean> {
	const stored = await tx
		.select({
			ordinal: images.ordinal,
			path: images.path,
			sha256: images.sha256,
			sizeBytes: images.sizeBytes
		})
		.from(images)
		.where(eq(images.caseId, caseId))
		.orderBy(asc(images.ordinal));
	const key = (image: { ordinal: number; path: string; sha256: string; sizeBytes: number }) =>
		`${image.ordinal}|${image.path}|${image.sha256}|${image.sizeBytes}`;
	return (
		stored.length === wanted.length &&
		stored.every((image, index) => key(image) === key(wanted[index]!))
	);
}

/**
 * A frozen dataset (CAS-5) keeps its cases, strata, images and truth: a protocol update that
 * would change any of them is refused, naming the cases, until the dataset is reopened.
 */
export async function refuseFrozenDatasetChanges(
	tx: Tx,
	existing: typeof studies.$inferSelect,
	folder: StudyFolder
): Promise<void> {
	const frozen = await datasetFreezeOf(tx, existing.id);
	if (!frozen) return;
	const siteCodes = new Map(
		(await tx.select().from(sites).where(eq(sites.studyId, existing.id))).map((site) => [
			site.id,
			site.code
		])
	);
	const stored = new Map(
		(await tx.select().from(cases).where(eq(cases.studyId, existing.id))).map((row) => [
			row.caseKey,
			row
		])
	);
	const truthByKey = new Map(folder.truth.map((record) => [record.caseKey, record]));
	const lesionsByKey = lesionsByCase(folder);
	const changed: string[] = [];
	for (const record of folder.cases) {
		const row = stored.get(record.caseKey);
		stored.delete(record.caseKey);
		if (!row) {
			changed.push(`${record.caseKey} (new)`);
			continue;
		}
		const truth = (
			await tx.select().from(referenceTruth).where(eq(referenceTruth.caseId, row.id))
		)[0];
		const wanted = truthByKey.get(record.caseKey);
		const differs =
			row.strataJson !== JSON.stringify(record.strata) ||
			(row.siteId === null ? null : (siteCodes.get(row.siteId) ?? null)) !== record.siteCode ||
			// Without truth in the folder (made by the reference standard) the stored truth stays.
			(wanted !== undefined &&
				(truth?.truth !== wanted.truth ||
					truth?.detailsJson !== JSON.stringify(wanted.details) ||
					!(await sameCaseLesions(tx, row.id, lesionsByKey.get(record.caseKey) ?? [])))) ||
			(folder.protocol.cases.images_from === 'folder' &&
				!(await sameImages(tx, row.id, record.images)));
		if (differs) changed.push(record.caseKey);
	}
	changed.push(...[...stored.keys()].map((caseKey) => `${caseKey} (removed)`));
	if (changed.length > 0) {
		const shown =
			changed.slice(0, 10).join(', ') +
			(changed.length > 10 ? `, … (${changed.length} in all)` : '');
		throw new StudyLoadRefused(
			`The dataset of "${existing.slug}" is frozen at version ${frozen.version} (fingerprint ${frozen.fingerprint}); this load would change case(s) ${shown}. ` +
				`Reopen it for a new version first: tandem cases reopen --study ${existing.slug} --reason "…".`
		);
	}
}

export function lesionsByCase(folder: StudyFolder) {
	const byKey = new Map<string, StudyFolder['lesions']>();
	for (const lesion of folder.lesions)
		byKey.set(lesion.caseKey, [...(byKey.get(lesion.caseKey) ?? []), lesion]);
	return byKey;
}

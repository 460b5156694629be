// One prepared (de-identified, checked) image stored: its bytes put into the image store (checked
// against their SHA-256 on the way in), then in one transaction its imported-instance row with the de-identification log, a
// burned-in review flag if needed, the case's image list and the audit row.
import { burnedInReviews, cases, importedInstances } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import { assertDatasetOpen } from './dataset-freeze.service';
import { rebuildCaseImages } from './case-images';
import type { PreparedInstance } from './prepare-instance';
import type { ImageKey, ImageStore } from '../images/image-store';
import { withTransaction } from '../db/transaction';

interface StoreInput {
	studyId: number;
	slug: string;
	sourceDir: string;
	runId: number;
	caseRow: typeof cases.$inferSelect;
	instance: PreparedInstance;
	at: Date;
}

/**
 * Puts the bytes into the store and records them with their log, review flag and audit row; when
 * the record fails (e.g. the dataset was frozen meanwhile), an object this call created is removed.
 */
export async function storeInstance(
	db: Db,
	store: ImageStore,
	principal: Principal,
	input: StoreInput
): Promise<void> {
	const { instance, caseRow } = input;
	const path = `${caseRow.imageFolder}/${instance.fileName}`;
	const key: ImageKey = {
		study: input.slug,
		studyFolder: input.sourceDir,
		path,
		sha256: instance.sha256,
		sizeBytes: instance.bytes.length,
		instance: {
			studyInstanceUid: instance.studyInstanceUid,
			seriesInstanceUid: instance.seriesInstanceUid,
			sopInstanceUid: instance.sopInstanceUid
		},
		label: `case ${caseRow.caseKey} instance ${instance.sopInstanceUid}`
	};
	const existed = await store.exists(key);
	await store.put(key, instance.bytes);
	try {
		await recordInstance(db, principal, input, path);
	} catch (error) {
		if (!existed) await store.delete(key).catch(() => undefined);
		throw error;
	}
}

async function recordInstance(
	db: Db,
	principal: Principal,
	input: StoreInput,
	path: string
): Promise<void> {
	const { instance, caseRow } = input;
	await withTransaction(db, async (tx) => {
		await assertDatasetOpen(tx, input.studyId, input.slug, 'importing images');
		const instanceId = (
			await tx
				.insert(importedInstances)
				.values({
					studyId: input.studyId,
					caseId: caseRow.id,
					runId: input.runId,
					sopInstanceUid: instance.sopInstanceUid,
					studyInstanceUid: instance.studyInstanceUid,
					seriesInstanceUid: instance.seriesInstanceUid,
					sopClassUid: instance.sopClassUid,
					modality: instance.modality,
					seriesNumber: instance.seriesNumber,
					instanceNumber: instance.instanceNumber,
					path,
					sha256: instance.sha256,
					sizeBytes: instance.bytes.length,
					transferSyntaxUid: instance.transferSyntaxUid,
					lossy: instance.findings.lossy,
					missingTagsJson: JSON.stringify(instance.findings.missingTags),
					headerJson: JSON.stringify(instance.header),
					deidLogJson: JSON.stringify(instance.changes),
					createdAt: input.at
				})
				.returning({ id: importedInstances.id })
		)[0]!.id;
		if (instance.findings.burnedIn.length > 0) {
			await tx.insert(burnedInReviews).values({
				studyId: input.studyId,
				caseId: caseRow.id,
				instanceId,
				reasonsJson: JSON.stringify(instance.findings.burnedIn),
				status: 'pending',
				createdAt: input.at
			});
		}
		await rebuildCaseImages(tx, caseRow.id);
		await recordAudit(
			tx,
			principal,
			{
				action: 'case.image_imported',
				entityType: 'imported_instance',
				entityId: instanceId,
				studyId: input.studyId,
				after: {
					case: caseRow.caseKey,
					path,
					sha256: instance.sha256,
					sopInstanceUid: instance.sopInstanceUid,
					changedTags: instance.changes.length,
					burnedIn: instance.findings.burnedIn.length > 0,
					...(instance.identifyingCaseId ? { identifyingCaseId: instance.identifyingCaseId } : {})
				}
			},
			input.at
		);
	});
}

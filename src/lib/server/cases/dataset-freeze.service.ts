// Freezing the case set (CAS-5, seed 001 §5.6 "封版"): after quality control the cases, their
// images and the reference truth get a version number and a content fingerprint, and become
// read-only. Any later change needs the dataset reopened — with a reason, audited — and a new
// freeze, which gives the next version. Database triggers (drizzle/0009) back the refusal. An admin
// signs each freeze electronically; the signature is linked to the version's fingerprint.
import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cases, datasetVersions, images, referenceTruth, sites } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { canonicalJson } from '../crypto/hash';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { lockOf } from '../export/lock.service';
import { Conflict } from '../errors';
import { datasetFindings, type DatasetFinding } from './dataset-findings';
import { fingerprintedLesions } from './truth-lesions';
import { parseInput } from '../input';
import { optionalText, requiredText, TEXT_MAX } from '../../domain/free-text';
import type { SignatureInput } from '../../domain/signature';
import { signRecord, verifySigner } from '../signatures/signature.service';
import { referenceStandardBlockers } from '../reference-standard/freeze-gate';
import { withTransaction } from '../db/transaction';

const freezeInput = z.object({ reason: optionalText(TEXT_MAX.reason) });
const reopenInput = z.object({
	reason: requiredText(TEXT_MAX.reason, 'reopening a frozen dataset needs a reason')
});

/** The freeze in force, for exports and the report. */
export interface DatasetFreeze {
	version: number;
	fingerprint: string;
	frozenAt: Date;
	frozenBy: string;
	cases: number;
	images: number;
}

/** A change to a frozen dataset was refused; nothing was written. */
export class DatasetFrozen extends Conflict {}

/**
 * The frozen dataset version now in force — `{ version, fingerprint, frozenAt, … }` — or null when
 * the case set was never frozen or has been reopened for a new version (then no fingerprint
 * describes the current cases). Exports and the performance report quote this.
 */
export async function datasetFreezeOf(db: DbOrTx, studyId: number): Promise<DatasetFreeze | null> {
	const latest = await frozenDatasetVersion(db, studyId);
	if (!latest) return null;
	return {
		version: latest.version,
		fingerprint: latest.fingerprint,
		frozenAt: latest.frozenAt,
		frozenBy: latest.frozenBy,
		cases: latest.cases,
		images: latest.images
	};
}

// Asked on every request of the read path (has reading started?): prepared once per connection,
// without the findings accepted at the freeze (a JSON list that can be long), which no caller needs.
const { acceptedJson: _accepted, ...versionColumns } = getTableColumns(datasetVersions);
const latestVersion = perConnection((db) =>
	db
		.select(versionColumns)
		.from(datasetVersions)
		.where(eq(datasetVersions.studyId, sql.placeholder('studyId')))
		.orderBy(desc(datasetVersions.version))
		.limit(1)
		.prepare()
);

/** The dataset_versions row in force (frozen, not reopened), for records that point at it. */
export async function frozenDatasetVersion(db: DbOrTx, studyId: number) {
	const latest = await latestVersion(db).get({ studyId });
	return latest && latest.reopenedAt === null ? latest : null;
}

/** Every version, oldest first, with when and why each was reopened. */
export async function datasetVersionsOf(db: DbOrTx, studyId: number) {
	return await db
		.select()
		.from(datasetVersions)
		.where(eq(datasetVersions.studyId, studyId))
		.orderBy(asc(datasetVersions.version));
}

/** Refuses a change to the cases, images or truth of a frozen dataset, saying how to make one. */
export async function assertDatasetOpen(
	db: DbOrTx,
	studyId: number,
	slug: string,
	change: string
): Promise<void> {
	const lock = await lockOf(db, studyId);
	if (lock) throw new DatasetFrozen(`Study "${slug}" is locked: ${change} is no longer possible.`);
	const frozen = await datasetFreezeOf(db, studyId);
	if (frozen) {
		throw new DatasetFrozen(
			`The dataset of "${slug}" is frozen at version ${frozen.version} (fingerprint ${frozen.fingerprint}): ${change} needs a new version. ` +
				`Reopen it first: tandem cases reopen --study ${slug} --reason "…", then freeze again.`,
			{ version: frozen.version, fingerprint: frozen.fingerprint }
		);
	}
}

/**
 * SHA-256 over the case set in a canonical order: each case (key, site, strata), its images'
 * SHA-256 in order, its reference truth (value and details; not the free-text source label) and
 * its truth lesions (id, weight, attributes, regions; none: nothing fed, as before lesions existed).
 * Lines are "label\tcanonical JSON\n", as the study lock's fingerprint is built.
 */
export async function datasetFingerprint(
	db: DbOrTx,
	studyId: number
): Promise<{ fingerprint: string; cases: number; images: number }> {
	const hash = createHash('sha256');
	const feed = (label: string, value: unknown) =>
		hash.update(`${label}\t${canonicalJson(value)}\n`);
	const caseRows = await db
		.select({
			id: cases.id,
			caseKey: cases.caseKey,
			strataJson: cases.strataJson,
			site: sites.code
		})
		.from(cases)
		.leftJoin(sites, eq(cases.siteId, sites.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.caseKey));
	let imageCount = 0;
	for (const row of caseRows) {
		feed('case', {
			caseKey: row.caseKey,
			site: row.site,
			strata: JSON.parse(row.strataJson) as unknown
		});
		const caseImages = await db
			.select({ ordinal: images.ordinal, sha256: images.sha256 })
			.from(images)
			.where(eq(images.caseId, row.id))
			.orderBy(asc(images.ordinal));
		for (const image of caseImages) feed('image', { caseKey: row.caseKey, ...image });
		imageCount += caseImages.length;
		const truth = (
			await db
				.select({ truth: referenceTruth.truth, details: referenceTruth.detailsJson })
				.from(referenceTruth)
				.where(eq(referenceTruth.caseId, row.id))
		)[0];
		if (truth)
			feed('truth', {
				caseKey: row.caseKey,
				truth: truth.truth,
				details: JSON.parse(truth.details) as unknown
			});
		for (const lesion of await fingerprintedLesions(db, row.id))
			feed('lesion', { caseKey: row.caseKey, ...lesion });
	}
	return { fingerprint: hash.digest('hex'), cases: caseRows.length, images: imageCount };
}

export interface FreezeOptions {
	reason?: string;
	/** Findings that do not block (missing tags, lossy images…) must be acknowledged to freeze. */
	acceptWarnings?: boolean;
	now?: Date;
	/** The client's address, for the login throttle that counts signature attempts. */
	address?: string;
}

export interface FreezeResult extends DatasetFreeze {
	accepted: DatasetFinding[];
}

/** Freezes the case set as a new version, signed by an admin (password and meaning). */
export async function freezeDataset(
	db: Db,
	principal: Principal,
	slug: string,
	signature: SignatureInput,
	options: FreezeOptions = {}
): Promise<FreezeResult> {
	const reason = parseInput(freezeInput, { reason: options.reason }).reason || null;
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['admin']);
	const now = options.now ?? new Date();
	const signer = await verifySigner(
		db,
		principal,
		signature,
		{ access, action: 'dataset.freeze', targetType: 'study', targetId: study.id },
		{ address: options.address }
	);
	return await withTransaction(db, async (tx) => {
		const current = await datasetFreezeOf(tx, study.id);
		if (current)
			throw new DatasetFrozen(
				`The dataset of "${slug}" is already frozen at version ${current.version} (fingerprint ${current.fingerprint}).`
			);
		if (await lockOf(tx, study.id)) throw new DatasetFrozen(`Study "${slug}" is locked.`);
		const truthBlockers = await referenceStandardBlockers(tx, study);
		if (truthBlockers.length > 0)
			throw new Conflict(
				`The dataset of "${slug}" cannot be frozen: its reference standard is not finished:\n${truthBlockers.map((blocker) => `  ${blocker}`).join('\n')}`,
				{ referenceStandard: truthBlockers }
			);
		const findings = await datasetFindings(tx, study.id);
		const blocking = findings.filter((finding) => finding.severity === 'error');
		if (blocking.length > 0) {
			throw new Conflict(
				`The dataset of "${slug}" cannot be frozen:\n${blocking.map((finding) => `  ${finding.message}`).join('\n')}`,
				{ findings: blocking }
			);
		}
		const warnings = findings.filter((finding) => finding.severity === 'warning');
		if (warnings.length > 0 && !options.acceptWarnings) {
			throw new Conflict(
				`${warnings.length} finding(s) must be acknowledged before the freeze (--accept-warnings):\n${warnings.map((finding) => `  ${finding.message}`).join('\n')}`,
				{ findings: warnings }
			);
		}
		const previous = (
			await tx
				.select({ version: datasetVersions.version })
				.from(datasetVersions)
				.where(eq(datasetVersions.studyId, study.id))
				.orderBy(desc(datasetVersions.version))
				.limit(1)
		)[0];
		const version = (previous?.version ?? 0) + 1;
		const {
			fingerprint,
			cases: caseCount,
			images: imageCount
		} = await datasetFingerprint(tx, study.id);
		const frozenBy = principalLabel(principal);
		const id = (
			await tx
				.insert(datasetVersions)
				.values({
					studyId: study.id,
					version,
					fingerprint,
					cases: caseCount,
					images: imageCount,
					acceptedJson: JSON.stringify(warnings),
					reason,
					frozenBy,
					frozenAt: now
				})
				.returning({ id: datasetVersions.id })
		)[0]!.id;
		await recordAudit(
			tx,
			principal,
			{
				action: 'dataset.frozen',
				entityType: 'dataset_version',
				entityId: id,
				studyId: study.id,
				after: {
					version,
					fingerprint,
					cases: caseCount,
					images: imageCount,
					accepted: warnings.map((finding) => finding.message)
				},
				reason
			},
			now
		);
		await signRecord(
			tx,
			signer,
			{ recordType: 'dataset_version', recordId: version, recordHash: fingerprint },
			now
		);
		return {
			version,
			fingerprint,
			frozenAt: now,
			frozenBy,
			cases: caseCount,
			images: imageCount,
			accepted: warnings
		};
	});
}

/** Opens a frozen dataset for changes that will become the next version; the reason is kept. */
export async function reopenDataset(
	db: Db,
	principal: Principal,
	slug: string,
	rawReason: string,
	now = new Date()
): Promise<{ reopenedVersion: number; nextVersion: number }> {
	const { reason } = parseInput(reopenInput, { reason: rawReason });
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	return await withTransaction(db, async (tx) => {
		if (await lockOf(tx, study.id))
			throw new DatasetFrozen(`Study "${slug}" is locked: its dataset can no longer change.`);
		const frozen = (
			await tx
				.select()
				.from(datasetVersions)
				.where(and(eq(datasetVersions.studyId, study.id), isNull(datasetVersions.reopenedAt)))
		)[0];
		if (!frozen) throw new Conflict(`The dataset of "${slug}" is not frozen: nothing to reopen.`);
		await tx
			.update(datasetVersions)
			.set({
				reopenedAt: now,
				reopenedBy: principalLabel(principal),
				reopenReason: reason
			})
			.where(eq(datasetVersions.id, frozen.id));
		await recordAudit(
			tx,
			principal,
			{
				action: 'dataset.reopened',
				entityType: 'dataset_version',
				entityId: frozen.id,
				studyId: study.id,
				before: { version: frozen.version, fingerprint: frozen.fingerprint },
				after: { nextVersion: frozen.version + 1 },
				reason
			},
			now
		);
		return { reopenedVersion: frozen.version, nextVersion: frozen.version + 1 };
	});
}

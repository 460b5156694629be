// `tandem cases check-independence` (seed 000: the test set independent of the training data at
// patient level, its sites distinct from the training sources): the sponsor's training manifest
// (training-manifest.ts) against the keyed hashes kept at import (exchange-hash.ts). Overlaps are
// reported by case; the protocol's declared site names are hashed the same way and compared with
// the training institutions. The result is stored with the dataset as checked (its fingerprint
// and frozen version) and audited in the same transaction.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { cases, datasetVersions, importedInstances, independenceChecks, sites } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { sha256Hex } from '../crypto/hash';
import { InputError } from '../errors';
import type { IndependenceCheckView, IndependenceResult } from '../../domain/test-set-independence';
import { datasetFingerprint, frozenDatasetVersion } from './dataset-freeze.service';
import { institutionHash, type ExchangeHashes, type ExchangeKey } from './exchange-hash';
import { readTrainingManifest, type TrainingManifest } from './training-manifest';
import { withTransaction } from '../db/transaction';

export interface IndependenceInput {
	/** The manifest's file name (for messages) and text. */
	manifest: { file: string; text: string };
	/** The key agreed with the sponsor (TANDEM_EXCHANGE_KEY_FILE); undefined when not set. */
	exchangeKey: ExchangeKey | undefined;
	now?: Date;
}

/** Compares, stores and audits; returns the stored check. */
export async function checkIndependence(
	db: Db,
	principal: Principal,
	slug: string,
	input: IndependenceInput
): Promise<IndependenceCheckView> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin']);
	const key = input.exchangeKey;
	if (!key)
		throw new InputError(
			'No exchange key: set TANDEM_EXCHANGE_KEY_FILE to the file of the key agreed with the sponsor (the one its training manifest was hashed with, and the one set when the images were imported).',
			'TANDEM_EXCHANGE_KEY_FILE'
		);
	const manifest = readTrainingManifest(input.manifest.file, input.manifest.text);
	const now = input.now ?? new Date();
	return await withTransaction(db, async (tx) => {
		const result = await compare(tx, study.id, key, manifest);
		const { fingerprint } = await datasetFingerprint(tx, study.id);
		const version = await frozenDatasetVersion(tx, study.id);
		const row = (
			await tx
				.insert(independenceChecks)
				.values({
					studyId: study.id,
					datasetVersionId: version?.id ?? null,
					datasetFingerprint: fingerprint,
					manifestSha256: sha256Hex(input.manifest.text),
					manifestRows: manifest.rows,
					exchangeKeyId: key.id,
					resultJson: JSON.stringify(result),
					checkedBy: principalLabel(principal),
					checkedAt: now
				})
				.returning()
		)[0]!;
		await recordAudit(
			tx,
			principal,
			{
				action: 'cases.independence_checked',
				entityType: 'independence_check',
				entityId: row.id,
				studyId: study.id,
				after: {
					manifestSha256: row.manifestSha256,
					manifestRows: row.manifestRows,
					exchangeKeyId: key.id,
					datasetVersion: version?.version ?? null,
					datasetFingerprint: fingerprint,
					cases: result.cases,
					overlaps: result.overlaps,
					unchecked: result.unchecked.length,
					sites: result.sites
				}
			},
			now
		);
		return viewOf(row, version?.version ?? null, fingerprint);
	});
}

/** The study's latest check, or null; `current` tells whether the case set is still the one checked. */
export async function latestIndependenceCheck(
	db: DbOrTx,
	studyId: number
): Promise<IndependenceCheckView | null> {
	const row = (
		await db
			.select()
			.from(independenceChecks)
			.where(eq(independenceChecks.studyId, studyId))
			.orderBy(desc(independenceChecks.id))
			.limit(1)
	)[0];
	if (!row) return null;
	const version = row.datasetVersionId
		? ((
				await db
					.select({ version: datasetVersions.version })
					.from(datasetVersions)
					.where(eq(datasetVersions.id, row.datasetVersionId))
			)[0]?.version ?? null)
		: null;
	return viewOf(row, version, (await datasetFingerprint(db, studyId)).fingerprint);
}

function viewOf(
	row: typeof independenceChecks.$inferSelect,
	datasetVersion: number | null,
	currentFingerprint: string
): IndependenceCheckView {
	return {
		...(JSON.parse(row.resultJson) as IndependenceResult),
		checkedAt: row.checkedAt,
		checkedBy: row.checkedBy,
		manifestSha256: row.manifestSha256,
		manifestRows: row.manifestRows,
		exchangeKeyId: row.exchangeKeyId,
		datasetVersion,
		datasetFingerprint: row.datasetFingerprint,
		current: row.datasetFingerprint === currentFingerprint
	};
}

async function compare(
	db: DbOrTx,
	studyId: number,
	key: ExchangeKey,
	manifest: TrainingManifest
): Promise<IndependenceResult> {
	const caseRows = await db
		.select({ id: cases.id, caseKey: cases.caseKey })
		.from(cases)
		.where(eq(cases.studyId, studyId))
		.orderBy(cases.ordinal);
	const hashes = new Map<number, ExchangeHashes[]>();
	for (const row of await db
		.select({ caseId: importedInstances.caseId, headerJson: importedInstances.headerJson })
		.from(importedInstances)
		.where(and(eq(importedInstances.studyId, studyId), isNull(importedInstances.withdrawnAt)))) {
		const exchange = (JSON.parse(row.headerJson) as { exchange?: ExchangeHashes }).exchange;
		if (!exchange || exchange.key !== key.id) continue;
		hashes.set(row.caseId, [...(hashes.get(row.caseId) ?? []), exchange]);
	}
	const result: IndependenceResult = { cases: 0, overlaps: [], unchecked: [], sites: [] };
	for (const row of caseRows) {
		const own = hashes.get(row.id) ?? [];
		if (!own.some((hash) => hash.patient !== null)) result.unchecked.push(row.caseKey);
		else result.cases++;
		const patient = own.some(
			(hash) => hash.patient !== null && manifest.patients.has(hash.patient)
		);
		const institution = own.some(
			(hash) => hash.institution !== null && manifest.institutions.has(hash.institution)
		);
		if (patient || institution) result.overlaps.push({ case: row.caseKey, patient, institution });
	}
	result.sites = (
		await db
			.select({ code: sites.code, name: sites.name })
			.from(sites)
			.where(eq(sites.studyId, studyId))
			.orderBy(sites.code)
	)
		.filter((site) => manifest.institutions.has(institutionHash(key, site.name)))
		.map((site) => site.code);
	return result;
}

// Writes the truth the reference standard decided for a case — the annotators' consensus, an
// adjudicator's decision, a QC correction — into reference_truth and truth_lesions (the structure
// the lesion-level analysis, the dataset fingerprint and the blind export read), and records the
// decision (who, when, why). Truth imported for the case (truth.csv, `cases truth-import`) takes
// precedence: then the decision is kept beside it, not applied. Audited in the caller's transaction:
// the audit row carries the SHA-256 of the truth before and after, not the truth itself (SEC-1).
import { asc, eq } from 'drizzle-orm';
import { cases, referenceTruth, truthDecisions, TRUTH_DECISION_KINDS } from '../db/schema';
import type { DbOrTx, Tx } from '../db/client';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { canonicalJson, sha256Hex } from '../crypto/hash';
import { assertDatasetOpen } from '../cases/dataset-freeze.service';
import { fingerprintedLesions, syncCaseLesions } from '../cases/truth-lesions';
import type { AnnotationLesion } from '../../domain/annotation';
import type { TruthLesionRecord } from '../../design/protocol/lesion-table';

export interface DecidedTruth {
	study: { id: number; slug: string };
	caseId: number;
	kind: (typeof TRUTH_DECISION_KINDS)[number];
	/** The adjudicator deciding; null for a consensus. */
	membershipId: number | null;
	classification: 0 | 1;
	lesions: AnnotationLesion[];
	reason: string | null;
	clientId: string | null;
	/** The source recorded with the truth, e.g. "consensus of 2 annotators". */
	source: string;
}

/** A case's lesions as truth lesion records: equal weights, one region per lesion. */
export function lesionRecords(caseKey: string, lesions: AnnotationLesion[]): TruthLesionRecord[] {
	return lesions.map((lesion) => ({
		caseKey,
		id: lesion.id,
		weight: 1 / lesions.length,
		weightGiven: false,
		attributes: lesion.attributes,
		regions: [
			{
				id: lesion.id,
				firstImage: lesion.firstImage,
				lastImage: lesion.lastImage,
				region: lesion.region
			}
		],
		line: 0
	}));
}

async function truthHash(tx: Tx, caseId: number): Promise<string | null> {
	const truth = (
		await tx.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId))
	)[0];
	if (!truth) return null;
	return sha256Hex(
		canonicalJson({ truth: truth.truth, lesions: await fingerprintedLesions(tx, caseId) })
	);
}

export async function writeDecidedTruth(
	tx: Tx,
	principal: Principal,
	decided: DecidedTruth,
	now: Date
): Promise<{ applied: boolean; decisionId: number }> {
	const { study, caseId } = decided;
	const stored = (
		await tx.select().from(referenceTruth).where(eq(referenceTruth.caseId, caseId))
	)[0];
	const applied = stored?.origin !== 'imported';
	const before = stored
		? { sha256: await truthHash(tx, caseId), source: stored.source, origin: stored.origin }
		: null;
	if (applied) {
		await assertDatasetOpen(tx, study.id, study.slug, "changing a case's reference truth");
		const caseKey = (await tx.select().from(cases).where(eq(cases.id, caseId)))[0]!.caseKey;
		const origin = decided.kind === 'consensus' ? 'consensus' : 'adjudication';
		const values = {
			truth: decided.classification,
			detailsJson: '{}',
			source: decided.source,
			origin
		} as const;
		if (stored) await tx.update(referenceTruth).set(values).where(eq(referenceTruth.id, stored.id));
		else await tx.insert(referenceTruth).values({ caseId, ...values, createdAt: now });
		await syncCaseLesions(tx, caseId, lesionRecords(caseKey, decided.lesions));
	}
	const decisionId = (
		await tx
			.insert(truthDecisions)
			.values({
				studyId: study.id,
				caseId,
				kind: decided.kind,
				membershipId: decided.membershipId,
				classification: decided.classification,
				lesionsJson: JSON.stringify(decided.lesions),
				reason: decided.reason,
				clientId: decided.clientId,
				applied,
				decidedAt: now
			})
			.returning({ id: truthDecisions.id })
	)[0]!.id;
	await recordAudit(
		tx,
		principal,
		{
			action: `truth.${decided.kind}`,
			entityType: 'case',
			entityId: caseId,
			studyId: study.id,
			before,
			after: {
				decision: decisionId,
				applied,
				source: decided.source,
				lesions: decided.lesions.length,
				sha256: applied ? await truthHash(tx, caseId) : null
			},
			reason: decided.reason ?? undefined
		},
		now
	);
	return { applied, decisionId };
}

/** A case's decisions, oldest first. */
export async function decisionsOf(tx: DbOrTx, caseId: number) {
	return await tx
		.select()
		.from(truthDecisions)
		.where(eq(truthDecisions.caseId, caseId))
		.orderBy(asc(truthDecisions.id));
}

// What a sign-off of the verification report signs: the SHA-256 of its content. The hash leaves out
// what changes from one rendering to the next without changing the report — the time it was
// generated, the audit trail line, the signatures themselves.
import type { Db } from '../db/client';
import { canonicalJson, sha256Hex } from '../crypto/hash';
import { signaturesOf } from '../signatures/signature.service';
import type { ReportInput, ReportSignOff } from '../../verification-report/report-input';

/**
 * SHA-256 over the report's content, named field by field (so a field added to the annex for the
 * record of a rendering, such as the audit trail's head, does not change it). It is over the data,
 * not the rendered text: the report's language (`lang`) is left out, so a signature given on the
 * English report holds for the Chinese one of the same data, and the other way round.
 */
export function reportContentSha256(input: ReportInput): string {
	const content = {
		generator: input.generator,
		study: input.study,
		blinded: input.blinded,
		unblindedAt: input.unblindedAt,
		fingerprints: input.fingerprints,
		testSet: input.testSet,
		environment: input.environment,
		analysis: input.analysis,
		arms: input.arms,
		reproduce: input.reproduce,
		ai: input.ai,
		anomalies: input.anomalies,
		manifestFiles: input.annex.manifestFiles,
		publicKeyPem: input.annex.publicKeyPem,
		verification: input.verification,
		// Results additions and the anomalies' classification: a classification changes the report.
		operatingPoints: input.operatingPoints ?? null,
		measurements: input.measurements ?? null,
		effectiveUse: input.effectiveUse ?? null,
		anomalyClassifications: input.anomalyClassifications ?? null
	};
	return sha256Hex(canonicalJson(content));
}

/** The report's sign-off annex: its content hash and the study's signatures. */
export async function reportSignOff(
	db: Db,
	studyId: number,
	input: ReportInput
): Promise<ReportSignOff> {
	return { contentSha256: reportContentSha256(input), signatures: await signaturesOf(db, studyId) };
}

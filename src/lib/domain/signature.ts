// Electronic signatures (21 CFR 11.50, 11.70), as the forms, the CLI and the services share them:
// what a signer types (their password again and the meaning of the signature) and what a
// signature shows (printed name, role, meaning, UTC time, what was signed and its SHA-256).
import { z } from 'zod';

/** What a signature means; the signer chooses one each time they sign. */
export const SIGNATURE_MEANINGS = ['approved', 'reviewed', 'responsible', 'authored'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** The meaning as printed in the report, the audit and the CLI (English). */
export const MEANING_TEXT: Record<SignatureMeaning, string> = {
	approved: 'Approved',
	reviewed: 'Reviewed',
	responsible: 'Responsible for',
	authored: 'Authored'
};

/** The records a signature can be linked to. */
export const SIGNED_RECORD_TYPES = [
	'study_lock',
	'key_release',
	'dataset_version',
	'verification_report',
	'qc_override'
] as const;
export type SignedRecordType = (typeof SIGNED_RECORD_TYPES)[number];

/** The longest password a signature form takes (as the login form). */
export const SIGNATURE_PASSWORD_MAX = 200;

/** The signature as typed: the signer's own password again, and the meaning. */
export const signatureInput = z.object({
	password: z
		.string({ error: 're-enter your password to sign' })
		.min(1, 're-enter your password to sign')
		.max(SIGNATURE_PASSWORD_MAX, `at most ${SIGNATURE_PASSWORD_MAX} characters`),
	meaning: z.enum(SIGNATURE_MEANINGS, {
		error: `choose what the signature means: ${SIGNATURE_MEANINGS.join(', ')}`
	})
});
export type SignatureInput = z.input<typeof signatureInput>;

/** A signature as shown on a page or in the report's annex. */
export interface SignatureView {
	id: number;
	/** The printed name of the signer. */
	name: string;
	role: string;
	meaning: SignatureMeaning;
	/** ISO 8601, UTC. */
	signedAt: string;
	recordType: SignedRecordType;
	recordId: string;
	/** SHA-256 of the signed record. */
	recordHash: string;
}

/**
 * What a signature signed, in words (English, for the report and the CLI). A report sign-off is
 * "this report" when its hash is the content hash of the report being read.
 */
export function signedRecordText(
	signature: Pick<SignatureView, 'recordType' | 'recordId' | 'recordHash'>,
	reportSha256?: string
): string {
	switch (signature.recordType) {
		case 'study_lock':
			return 'Database lock (its fingerprint)';
		case 'key_release':
			return `Release of the code key of export ${signature.recordId} (the registered results SHA-256)`;
		case 'dataset_version':
			return `Dataset version ${signature.recordId} (its fingerprint)`;
		case 'verification_report':
			return signature.recordHash === reportSha256
				? `This report, on export ${signature.recordId} (its content SHA-256)`
				: `An earlier content of the report on export ${signature.recordId} (its content SHA-256)`;
		case 'qc_override':
			return `Override of the reference standard's QC before the freeze (the override's SHA-256)`;
	}
}

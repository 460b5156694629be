// One signed checkpoint of the audit chain: the head's sequence and hash, the number of rows, the
// UTC time and the occasion, signed with the server's Ed25519 key (export/signing-key.ts) over
// their canonical JSON. What it proves rests on the signature alone: anyone can copy the table or
// the file, nobody without the private key can make a checkpoint that verifies under its public
// key — the one every export manifest and verification report also carries.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../crypto/hash';

export const CHECKPOINT_FORMAT = 'tandem-audit-checkpoint/1' as const;

export const CHECKPOINT_OCCASIONS = [
	'periodic',
	'lock',
	'release',
	'export',
	'report',
	'backup',
	'manual'
] as const;
export type CheckpointOccasion = (typeof CHECKPOINT_OCCASIONS)[number];

export interface AuditCheckpoint {
	format: typeof CHECKPOINT_FORMAT;
	/** The sequence number of the chain's head that was signed. */
	seq: number;
	/** The hash of that row. */
	hash: string;
	/** How many audit rows the chain held. */
	rowCount: number;
	/** ISO-8601 UTC with milliseconds. */
	signedAt: string;
	occasion: CheckpointOccasion;
	/** SHA-256 (hex) of the signing public key (SPKI DER). */
	keyId: string;
	/** Ed25519, base64, over the canonical JSON of every field above. */
	signature: string;
}

export type CheckpointFields = Pick<
	AuditCheckpoint,
	'seq' | 'hash' | 'rowCount' | 'signedAt' | 'occasion'
>;

/** SHA-256 of a public key's SPKI DER: names the key a checkpoint was signed with. */
export function keyIdOf(publicKey: KeyObject | string): string {
	return sha256Hex(createPublicKey(publicKey).export({ type: 'spki', format: 'der' }));
}

function signedText(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
	const { format, seq, hash, rowCount, signedAt, occasion, keyId } = checkpoint;
	return Buffer.from(canonicalJson({ format, seq, hash, rowCount, signedAt, occasion, keyId }));
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject): AuditCheckpoint {
	const unsigned = {
		format: CHECKPOINT_FORMAT,
		seq: fields.seq,
		hash: fields.hash,
		rowCount: fields.rowCount,
		signedAt: fields.signedAt,
		occasion: fields.occasion,
		keyId: keyIdOf(privateKey)
	};
	return {
		...unsigned,
		signature: sign(null, signedText(unsigned), privateKey).toString('base64')
	};
}

/** Whether the checkpoint was signed, as it stands, by the private key of `publicKeyPem`. */
export function checkpointSignatureValid(
	checkpoint: AuditCheckpoint,
	publicKeyPem: string
): boolean {
	try {
		return verify(
			null,
			signedText({ ...checkpoint, format: CHECKPOINT_FORMAT }),
			createPublicKey(publicKeyPem),
			Buffer.from(checkpoint.signature, 'base64')
		);
	} catch {
		return false;
	}
}

/** Whether a parsed JSON value has the shape of a checkpoint (its signature is another matter). */
export function isCheckpoint(value: unknown): value is AuditCheckpoint {
	if (typeof value !== 'object' || value === null) return false;
	const row = value as Record<string, unknown>;
	return (
		row.format === CHECKPOINT_FORMAT &&
		Number.isSafeInteger(row.seq) &&
		(row.seq as number) > 0 &&
		Number.isSafeInteger(row.rowCount) &&
		['hash', 'signedAt', 'keyId', 'signature'].every((field) => typeof row[field] === 'string') &&
		CHECKPOINT_OCCASIONS.includes(row.occasion as CheckpointOccasion)
	);
}

/** Every checkpoint anywhere in a JSON document (an export or backup manifest, a saved checkpoint). */
export function checkpointsIn(document: unknown): AuditCheckpoint[] {
	if (isCheckpoint(document)) return [document];
	if (Array.isArray(document)) return document.flatMap(checkpointsIn);
	if (typeof document === 'object' && document !== null)
		return Object.values(document).flatMap(checkpointsIn);
	return [];
}

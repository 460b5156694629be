// The keyed hashes a test site and a sponsor exchange to show the test set is independent of the
// training data (seed 000): HMAC-SHA-256 under a key both parties hold (TANDEM_EXCHANGE_KEY_FILE)
// of the patient ID and of the institution name. Tandem computes them at import from the incoming
// file, before de-identification, and keeps only the hashes; the sponsor computes the same over
// its training data and sends the hashes (training-manifest.ts), never the IDs.
//
//   patient      HMAC-SHA-256(key, PatientID (0010,0020) without leading/trailing spaces)
//   institution  HMAC-SHA-256(key, InstitutionName (0008,0080) trimmed, runs of white space
//                as one space, upper case)
//
// as lower-case hex, over the UTF-8 bytes of the text.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ElementMap } from 'dcmjs';
import { TAG, text } from '../dicom/dicom-file';
import { restrictToOwner } from '../private-files';
import { InputError } from '../errors';

export interface ExchangeKey {
	/** Public fingerprint: the first 16 hex digits of the key's SHA-256 (recorded, never the key). */
	id: string;
	secret: Buffer;
}

/** What an image's header_json keeps for the independence check. */
export interface ExchangeHashes {
	key: string;
	patient: string | null;
	institution: string | null;
}

const INSTITUTION_NAME = '00080080';

export function exchangeKeyFromHex(hex: string, where: string): ExchangeKey {
	const trimmed = hex.trim();
	if (!/^(?:[0-9a-f]{2}){32,}$/i.test(trimmed))
		throw new InputError(
			`${where}: not an exchange key (64 or more hex digits expected, e.g. from openssl rand -hex 32)`,
			'TANDEM_EXCHANGE_KEY_FILE'
		);
	const secret = Buffer.from(trimmed, 'hex');
	return { id: createHash('sha256').update(secret).digest('hex').slice(0, 16), secret };
}

/** The key file named by TANDEM_EXCHANGE_KEY_FILE, narrowed to its owner; undefined when unset. */
export function loadExchangeKey(path: string | undefined): ExchangeKey | undefined {
	if (path === undefined) return undefined;
	let hex: string;
	try {
		hex = readFileSync(path, 'utf8');
	} catch (error) {
		throw new InputError(
			`TANDEM_EXCHANGE_KEY_FILE ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
			'TANDEM_EXCHANGE_KEY_FILE'
		);
	}
	restrictToOwner(path);
	return exchangeKeyFromHex(hex, path);
}

const hmac = (key: ExchangeKey, value: string) =>
	createHmac('sha256', key.secret).update(value, 'utf8').digest('hex');

export function patientHash(key: ExchangeKey, patientId: string): string {
	return hmac(key, patientId.trim());
}

export function normalInstitutionName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

export function institutionHash(key: ExchangeKey, name: string): string {
	return hmac(key, normalInstitutionName(name));
}

/** The hashes of an incoming (not yet de-identified) file. */
export function exchangeHashesOf(key: ExchangeKey, source: ElementMap): ExchangeHashes {
	const patientId = text(source, TAG.patientId);
	const institution = text(source, INSTITUTION_NAME);
	return {
		key: key.id,
		patient: patientId === null ? null : patientHash(key, patientId),
		institution: institution === null ? null : institutionHash(key, institution)
	};
}

// The per-study de-identification secret and what is derived from it: new UIDs, the per-patient
// date offset and the patient pseudonym. All are keyed hashes (HMAC-SHA-256) of the original
// value, so the same original gives the same result in every file, every run and every source
// (folder or PACS) — UIDs stay consistent, a resumed import recognises what it already stored —
// while nobody without the key can go back or test a guess. The key lives in a file beside the
// database (mode 0600), never in the database or an export.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deidKeysFolder } from '../../config';
import { makePrivateFolder, PRIVATE_FILE_MODE, restrictToOwner } from '../../private-files';

export interface DeidKey {
	/** Short public fingerprint of the key (recorded with each import, never the key). */
	id: string;
	secret: Buffer;
}

/** Dates move back by 1 to 10 years (whole days): far enough that no date is recognisable. */
export const DATE_OFFSET_MIN_DAYS = 366;
export const DATE_OFFSET_SPAN_DAYS = 3287;

export function deidKeyPath(studySlug: string): string {
	return join(deidKeysFolder(), `${studySlug}.key`);
}

export function deidKeyFromSecret(secret: Buffer): DeidKey {
	if (secret.length < 32) throw new Error('a de-identification key needs at least 32 bytes');
	return { id: createHash('sha256').update(secret).digest('hex').slice(0, 16), secret };
}

/** The study's key, created (32 random bytes, hex, mode 0600, folder 0700) on first use. */
export function loadOrCreateDeidKey(path: string): DeidKey {
	if (!existsSync(path)) {
		makePrivateFolder(dirname(path));
		writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, {
			mode: PRIVATE_FILE_MODE,
			flag: 'wx'
		});
	}
	restrictToOwner(path);
	const hex = readFileSync(path, 'utf8').trim();
	if (!/^[0-9a-f]{64,}$/i.test(hex))
		throw new Error(`${path}: not a de-identification key (64+ hex digits expected)`);
	return deidKeyFromSecret(Buffer.from(hex, 'hex'));
}

export class Pseudonymizer {
	constructor(private readonly key: DeidKey) {}

	private digest(purpose: string, value: string): Buffer {
		return createHmac('sha256', this.key.secret).update(`${purpose}\0${value}`).digest();
	}

	/**
	 * A new UID for an original one: "2.25." + the integer of a UUID made from the keyed hash
	 * (PS3.5 §B.2; RFC 9562 version 8, variant 10), at most 44 characters.
	 */
	uid(original: string): string {
		const uuid = this.digest('uid', original.trim()).subarray(0, 16);
		uuid[6] = ((uuid[6] as number) & 0x0f) | 0x80;
		uuid[8] = ((uuid[8] as number) & 0x3f) | 0x80;
		return `2.25.${BigInt(`0x${uuid.toString('hex')}`).toString(10)}`;
	}

	/** Days added to every date of this patient: between −(MIN + SPAN − 1) and −MIN. */
	dateOffsetDays(patientKey: string): number {
		return -(
			DATE_OFFSET_MIN_DAYS +
			(this.digest('date-offset', patientKey).readUInt32BE(0) % DATE_OFFSET_SPAN_DAYS)
		);
	}

	/** The patient's replacement name and ID, e.g. "ANON-3F9A0C12D4". */
	pseudonym(patientKey: string): string {
		return `ANON-${this.digest('patient', patientKey).subarray(0, 5).toString('hex').toUpperCase()}`;
	}
}

// Electronic signatures (21 CFR 11.50, 11.70). Locking the database, releasing the key, freezing
// the case set and signing off the report each need one. Signing is two steps, because checking a
// password is asynchronous (argon2) and a wrong one must be counted and recorded although the act
// it was meant for is not done:
// 1. verifySigner, before the act's transaction: the signer must be a named person (not the CLI
//    operator, not the system) acting in their study role; the attempt is counted by the login
//    throttle before the password is checked, exactly as a login is (so the signature form cannot
//    be used to guess passwords), then the password is checked as login checks it. A wrong one is
//    refused and recorded as a refused privileged action.
// 2. signRecord, inside the act's transaction: the signature row (printed name, role, meaning, UTC
//    time, SHA-256 of the signed record) and its audit row. A verified signer signs once.
import { asc, eq } from 'drizzle-orm';
import { signatures, users } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import type { StudyAccess } from '../access/access';
import type { Principal, UserPrincipal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { auditRefusal, markAudited } from '../audit/refusal-audit';
import { AccessDenied, NotFound, ServiceError } from '../errors';
import { parseInput } from '../input';
import { decoyPasswordHash, verifyPassword } from '../auth/password';
import { releaseOnSuccess, reserveAttempt, throttleKeys } from '../auth/login-throttle';
import { normaliseEmail } from '../auth/login.service';
import {
	signatureInput,
	type SignatureInput,
	type SignatureMeaning,
	type SignatureView,
	type SignedRecordType
} from '../../domain/signature';
import { withTransaction } from '../db/transaction';

export const WRONG_PASSWORD = 'The password is not right: the signature was refused.';

/** A signature was refused (not a named person, or a wrong password); recorded as a refusal. */
export class SignatureRefused extends AccessDenied {}

/** Too many wrong passwords for this account: no password is checked until the wait is over. */
export class SignatureThrottled extends ServiceError {
	constructor(readonly retryAfterMs: number) {
		super(
			`Too many wrong passwords: signing is locked for ${Math.max(1, Math.ceil(retryAfterMs / 60_000))} minute(s).`,
			429,
			{ retryAfterMs }
		);
	}
}

/** A person whose password has just been checked, ready to sign one record. */
export interface Signer {
	readonly userId: number;
	readonly name: string;
	readonly email: string;
	readonly role: StudyAccess['role'];
	readonly studyId: number;
	readonly meaning: SignatureMeaning;
}

/** Signers verified and not yet used: a signer cannot be made up, nor sign twice. */
const unused = new WeakSet<Signer>();

export interface SignatureContext {
	/** The signer's access to the study (requireStudyRole's answer): the role they sign in. */
	access: StudyAccess;
	/** The act the signature is for, as a refusal names it (e.g. 'study.lock'). */
	action: string;
	targetType: string;
	targetId?: string | number;
}

export interface SignatureOptions {
	/** The client's address, for the login throttle's per-address limits. */
	address?: string;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

/** Checks the signer's password and meaning; throws (after counting and recording) if refused. */
export async function verifySigner(
	db: Db,
	principal: Principal,
	input: SignatureInput,
	context: SignatureContext,
	options: SignatureOptions = {}
): Promise<Signer> {
	const { password, meaning } = parseInput(signatureInput, input);
	const studyId = context.access.studyId;
	if (principal.kind !== 'user')
		throw new SignatureRefused(
			'An electronic signature must be a named person’s: sign in, or at the shell give --as EMAIL and that person’s password.'
		);
	const now = options.now ?? (() => new Date());
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const refuse = <E extends ServiceError>(error: E, details: Record<string, unknown>): E => {
		auditRefusal(
			db,
			principal,
			{
				attempted: context.action,
				targetType: context.targetType,
				targetId: context.targetId ?? studyId,
				studyId,
				status: error.status,
				reason: error.message,
				details: { signature: meaning, ...details }
			},
			now()
		);
		markAudited(error);
		return error;
	};

	const account = (await db.select().from(users).where(eq(users.id, principal.userId)))[0];
	const keys = throttleKeys(account?.email ?? principal.email, options.address);
	// Counted before the password is checked, as a login attempt is (login-throttle.ts).
	const reservation = await withTransaction(
		db,
		async (tx) => await reserveAttempt(tx, keys, now())
	);
	if (!reservation.admitted)
		throw refuse(new SignatureThrottled(reservation.retryAfterMs), {
			limit: reservation.limit,
			address: options.address ?? null
		});
	if (reservation.waitMs > 0) await sleep(reservation.waitMs);
	const passwordOk = await verifyPassword(
		account?.passwordHash ?? (await decoyPasswordHash()),
		password
	);
	if (!account || !passwordOk || account.disabledAt !== null)
		throw refuse(new SignatureRefused(WRONG_PASSWORD), {
			failures: reservation.failures.pair,
			lockedUntil: reservation.lockedUntil?.toISOString() ?? null,
			address: options.address ?? null
		});
	await withTransaction(db, async (tx) => await releaseOnSuccess(tx, keys, now()));
	const signer: Signer = {
		userId: account.id,
		name: account.name,
		email: account.email,
		role: context.access.role,
		studyId,
		meaning
	};
	unused.add(signer);
	return signer;
}

export interface SignedRecord {
	recordType: SignedRecordType;
	recordId: string | number;
	/** SHA-256 (hex) of the record signed. */
	recordHash: string;
}

/**
 * Writes the signature and its audit row; call it inside the transaction of the act it signs.
 * `action` names the audit row ('signature.signed', or 'report.signed_off' when signing is the act).
 */
export async function signRecord(
	tx: DbOrTx,
	signer: Signer,
	record: SignedRecord,
	now: Date = new Date(),
	action = 'signature.signed'
): Promise<SignatureView> {
	if (!unused.has(signer))
		throw new SignatureRefused('This signature was not verified, or it has been used already.');
	if (!/^[0-9a-f]{64}$/.test(record.recordHash))
		throw new Error(`signRecord: ${record.recordType} needs a SHA-256, got ${record.recordHash}`);
	const values = {
		studyId: signer.studyId,
		userId: signer.userId,
		signerName: signer.name,
		signerEmail: signer.email,
		role: signer.role,
		meaning: signer.meaning,
		recordType: record.recordType,
		recordId: String(record.recordId),
		recordHash: record.recordHash,
		signedAt: now
	};
	const id = (await tx.insert(signatures).values(values).returning({ id: signatures.id }))[0]!.id;
	const view = toView({ id, ...values });
	const principal: UserPrincipal = {
		kind: 'user',
		userId: signer.userId,
		email: signer.email,
		name: signer.name
	};
	const { name, role, meaning, signedAt, recordType, recordId, recordHash } = view;
	await recordAudit(
		tx,
		principal,
		{
			action,
			entityType: 'signature',
			entityId: id,
			studyId: signer.studyId,
			after: { name, role, meaning, signedAt, recordType, recordId, recordHash }
		},
		now
	);
	unused.delete(signer);
	return view;
}

/**
 * The person who signs at the shell (`tandem … --as EMAIL`): the CLI acts as them, so their study
 * role is checked and their password asked for. `via` names the command in the audit of a refusal.
 */
export async function signerAt(db: DbOrTx, email: string, via: string): Promise<UserPrincipal> {
	const account = (
		await db
			.select()
			.from(users)
			.where(eq(users.email, normaliseEmail(email)))
	)[0];
	if (!account || account.disabledAt !== null)
		throw new NotFound(`No active account "${email}": --as names the person who signs.`);
	return { kind: 'user', userId: account.id, email: account.email, name: account.name, via };
}

/** The study's signatures, oldest first (for pages and the report's annex, after their access check). */
export async function signaturesOf(db: DbOrTx, studyId: number): Promise<SignatureView[]> {
	return (
		await db
			.select()
			.from(signatures)
			.where(eq(signatures.studyId, studyId))
			.orderBy(asc(signatures.signedAt), asc(signatures.id))
	).map(toView);
}

function toView(row: Omit<typeof signatures.$inferSelect, 'userId' | 'studyId' | 'signerEmail'>) {
	return {
		id: row.id,
		name: row.signerName,
		role: row.role,
		meaning: row.meaning,
		signedAt: row.signedAt.toISOString(),
		recordType: row.recordType,
		recordId: row.recordId,
		recordHash: row.recordHash
	} satisfies SignatureView;
}

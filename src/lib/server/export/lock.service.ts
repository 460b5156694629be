// Database lock (SEC-3): after it nothing in the study changes — no read, enrolment, withdrawal,
// draft or query; readers see the study closed — each service refuses (assertUnlocked) and database
// triggers back it. The lock records a fingerprint of everything the analysis rests on, and is
// refused while any read lacks what an endpoint needs (lock-readiness.ts). The admin signs the lock
// electronically (password and meaning); the signature is linked to the fingerprint. The audit
// chain's head is signed right after (audit/checkpoint.service.ts).
import { asc, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cases, images, referenceTruth, studies, studyLocks } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit, principalLabel } from '../audit/audit.service';
import { checkpointAfter } from '../audit/checkpoint.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { parseInput } from '../input';
import { requiredText, TEXT_MAX } from '../../domain/free-text';
import { canonicalJson } from '../crypto/hash';
import { studyReads } from '../reads/study-reads';
import { protocolOf } from '../studies/study-protocol';
import {
	describeIncompleteReads,
	describeUnresolvedQueries,
	incompleteReads,
	unresolvedQueries
} from './lock-readiness';
import { signRecord, verifySigner, type SignatureOptions } from '../signatures/signature.service';
import type { SignatureInput, SignatureView } from '../../domain/signature';

const lockInput = z.object({ reason: requiredText(TEXT_MAX.reason, 'a lock needs a reason') });

export function lockOf(tx: DbOrTx, studyId: number) {
	return tx.select().from(studyLocks).where(eq(studyLocks.studyId, studyId)).get();
}

/** A change to a locked study, refused: after the lock nothing in the study changes. */
/** The fields of a read that the lock fingerprint covers; changing the list changes fingerprints. */
const FINGERPRINTED_READ_FIELDS = [
	'id',
	'reader',
	'period',
	'arm',
	'caseKey',
	'decision',
	'confidence',
	'marks',
	'readingTimeMs',
	'pausedMs',
	'submittedAt',
	'clientId',
	'simulated',
	'supersedes'
] as const;

export class StudyLocked extends Conflict {
	constructor(what: string) {
		super(`The study database is locked: ${what} is no longer possible.`, { locked: true });
	}
}

/** Refuses `what` (e.g. 'withdrawing a reader') once the study is locked. */
export function assertUnlocked(tx: DbOrTx, studyId: number, what: string): void {
	if (lockOf(tx, studyId)) throw new StudyLocked(what);
}

/** SHA-256 over the protocol hash, image hashes, truth and every read, each in a canonical order. */
export function studyFingerprint(tx: DbOrTx, studyId: number): string {
	const hash = createHash('sha256');
	const feed = (label: string, value: unknown) =>
		hash.update(`${label}\t${canonicalJson(value)}\n`);
	feed(
		'protocol',
		tx.select({ sha256: studies.protocolSha256 }).from(studies).where(eq(studies.id, studyId)).get()
			?.sha256
	);
	for (const row of tx
		.select({ caseKey: cases.caseKey, ordinal: images.ordinal, sha256: images.sha256 })
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.caseKey), asc(images.ordinal))
		.all())
		feed('image', row);
	for (const row of tx
		.select({
			caseKey: cases.caseKey,
			truth: referenceTruth.truth,
			details: referenceTruth.detailsJson
		})
		.from(referenceTruth)
		.innerJoin(cases, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.caseKey))
		.all())
		feed('truth', row);
	// The read fields the fingerprint has always covered (keys are sorted by canonicalJson).
	// A correction's author and reason too (absent from a read as submitted, so the fingerprint
	// of a study without corrections is what it always was).
	const readRows = studyReads(tx, studyId).map((read) => ({
		...Object.fromEntries(FINGERPRINTED_READ_FIELDS.map((field) => [field, read[field]])),
		...(read.supersedes === null
			? {}
			: { correctedBy: read.correctedBy, correctionReason: read.correctionReason })
	}));
	for (const row of readRows) feed('read', row);
	return hash.digest('hex');
}

/** Locks the study, signed by an admin (their password again and the meaning of the signature). */
export async function lockStudy(
	db: Db,
	principal: Principal,
	slug: string,
	rawReason: string,
	signature: SignatureInput,
	options: SignatureOptions = {}
): Promise<{ fingerprint: string; signature: SignatureView }> {
	const { reason } = parseInput(lockInput, { reason: rawReason });
	const study = requireStudyBySlug(db, slug);
	const access = requireStudyRole(db, principal, study.id, ['admin'], { action: 'study.lock' });
	const signer = await verifySigner(
		db,
		principal,
		signature,
		{ access, action: 'study.lock', targetType: 'study', targetId: study.id },
		options
	);
	const locked = db.transaction(
		(tx) => {
			const existing = lockOf(tx, study.id);
			if (existing)
				throw new Conflict(
					`${slug} was locked on ${existing.createdAt.toISOString()} (fingerprint ${existing.fingerprint}).`
				);
			const incomplete = incompleteReads(tx, study.id, protocolOf(study));
			if (incomplete.length > 0)
				throw new Conflict(`${slug} cannot be locked: ${describeIncompleteReads(incomplete)}.`);
			const queries = unresolvedQueries(tx, study.id);
			if (queries.length > 0)
				throw new Conflict(
					`${slug} cannot be locked: ${describeUnresolvedQueries(queries)}; close every query first.`
				);
			const fingerprint = studyFingerprint(tx, study.id);
			const id = tx
				.insert(studyLocks)
				.values({
					studyId: study.id,
					fingerprint,
					reason,
					lockedBy: principalLabel(principal)
				})
				.returning({ id: studyLocks.id })
				.get().id;
			recordAudit(tx, principal, {
				action: 'study.locked',
				entityType: 'study_lock',
				entityId: id,
				studyId: study.id,
				after: { fingerprint },
				reason
			});
			const signed = signRecord(tx, signer, {
				recordType: 'study_lock',
				recordId: id,
				recordHash: fingerprint
			});
			return { fingerprint, signature: signed };
		},
		{ behavior: 'immediate' }
	);
	checkpointAfter(db, 'lock');
	return locked;
}

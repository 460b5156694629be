// Database lock (SEC-3): after it nothing in the study changes — no read, enrolment, withdrawal,
// draft or query; readers see the study closed — each service refuses (assertUnlocked) and database
// triggers back it. The lock records a fingerprint of everything the analysis rests on — the
// protocol, images, truth, reads and the AI's outputs (ai-outputs.ts) — with the recipe it used
// and a per-item seal, so verifyLock names what changed; it is refused while any read lacks what
// an endpoint needs (lock-readiness.ts). The admin signs the lock
// electronically (password and meaning); the signature is linked to the fingerprint. The audit
// chain's head is signed right after (audit/checkpoint.service.ts).
import { asc, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cases, images, referenceTruth, studies, studyLocks } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { recordAudit, principalLabel } from '../audit/audit.service';
import { checkpointAfter } from '../audit/checkpoint.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict } from '../errors';
import { parseInput } from '../input';
import { requiredText, TEXT_MAX } from '../../domain/free-text';
import { canonicalJson, sha256Hex } from '../crypto/hash';
import { sealedAiOutputs } from './ai-outputs';
import { studyReads } from '../reads/study-reads';
import { protocolOf } from '../studies/study-protocol';
import {
	describeIncompleteReads,
	describeUnresolvedQueries,
	describeUnfinishedScoring,
	incompleteReads,
	unfinishedScoring,
	unresolvedQueries
} from './lock-readiness';
import { signRecord, verifySigner, type SignatureOptions } from '../signatures/signature.service';
import type { SignatureInput, SignatureView } from '../../domain/signature';
import { withTransaction } from '../db/transaction';

const lockInput = z.object({ reason: requiredText(TEXT_MAX.reason, 'a lock needs a reason') });

// Asked on every request of the read path: prepared once per connection.
const lockStatement = perConnection((db) =>
	db
		.select()
		.from(studyLocks)
		.where(eq(studyLocks.studyId, sql.placeholder('studyId')))
		.prepare()
);

export async function lockOf(tx: DbOrTx, studyId: number) {
	return await lockStatement(tx).get({ studyId });
}

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

/** A change to a locked study, refused: after the lock nothing in the study changes. */
export class StudyLocked extends Conflict {
	constructor(what: string) {
		super(`The study database is locked: ${what} is no longer possible.`, { locked: true });
	}
}

/** Refuses `what` (e.g. 'withdrawing a reader') once the study is locked. */
export async function assertUnlocked(tx: DbOrTx, studyId: number, what: string): Promise<void> {
	if (await lockOf(tx, studyId)) throw new StudyLocked(what);
}

/**
 * The recipe of the fingerprint a new lock records: 1 covered the protocol hash, image hashes,
 * truth and reads; 2 adds the AI's outputs (ai-outputs.ts). A lock is always verified by the recipe
 * it was made with, so a study locked under recipe 1 keeps verifying as it did.
 */
export const FINGERPRINT_VERSION = 2;

interface FingerprintItem {
	/** The kind of item, fed before its value: protocol, image, truth, read, ai-model, ai-output. */
	label: string;
	/** What a verification names when the item changed, e.g. 'AI output of case K7'. */
	name: string;
	value: unknown;
}

/** Every item the fingerprint covers under `version`, each kind in a canonical order. */
async function fingerprintItems(
	tx: DbOrTx,
	studyId: number,
	version: number
): Promise<FingerprintItem[]> {
	const study = (await tx.select().from(studies).where(eq(studies.id, studyId)))[0];
	const items: FingerprintItem[] = [
		{ label: 'protocol', name: 'the protocol', value: study?.protocolSha256 }
	];
	for (const row of await tx
		.select({ caseKey: cases.caseKey, ordinal: images.ordinal, sha256: images.sha256 })
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.caseKey), asc(images.ordinal)))
		items.push({ label: 'image', name: `image ${row.ordinal} of case ${row.caseKey}`, value: row });
	for (const row of await tx
		.select({
			caseKey: cases.caseKey,
			truth: referenceTruth.truth,
			details: referenceTruth.detailsJson
		})
		.from(referenceTruth)
		.innerJoin(cases, eq(referenceTruth.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(cases.caseKey)))
		items.push({ label: 'truth', name: `truth of case ${row.caseKey}`, value: row });
	// The read fields the fingerprint has always covered (keys are sorted by canonicalJson).
	// A correction's author and reason too (absent from a read as submitted, so the fingerprint
	// of a study without corrections is what it always was).
	for (const read of await studyReads(tx, studyId))
		items.push({
			label: 'read',
			name: `read ${read.id} (${read.reader}, case ${read.caseKey})`,
			value: {
				...Object.fromEntries(FINGERPRINTED_READ_FIELDS.map((field) => [field, read[field]])),
				...(read.supersedes === null
					? {}
					: { correctedBy: read.correctedBy, correctionReason: read.correctionReason })
			}
		});
	if (version >= 2 && study) {
		const { model, outputs } = await sealedAiOutputs(tx, study);
		items.push({ label: 'ai-model', name: 'the AI model', value: model });
		for (const output of outputs)
			items.push({
				label: 'ai-output',
				name: `AI output of case ${output.caseKey}`,
				value: output
			});
	}
	return items;
}

function fingerprintOfItems(items: readonly FingerprintItem[]): string {
	const hash = createHash('sha256');
	for (const item of items) hash.update(`${item.label}\t${canonicalJson(item.value)}\n`);
	return hash.digest('hex');
}

/** { item name: SHA-256 of its canonical value }, stored with the lock so a check names a change. */
function sealOfItems(items: readonly FingerprintItem[]): Record<string, string> {
	return Object.fromEntries(items.map((item) => [item.name, sha256Hex(canonicalJson(item.value))]));
}

/**
 * SHA-256 over the protocol hash, image hashes, truth, every read and (recipe 2) the AI's outputs,
 * each in a canonical order, by the recipe of the study's lock (the current one if not locked).
 */
export async function studyFingerprint(
	tx: DbOrTx,
	studyId: number,
	version?: number
): Promise<string> {
	const recipe = version ?? (await lockOf(tx, studyId))?.fingerprintVersion ?? FINGERPRINT_VERSION;
	return fingerprintOfItems(await fingerprintItems(tx, studyId, recipe));
}

export type LockVerdict =
	| { ok: true; fingerprint: string; version: number; items: number }
	| {
			ok: false;
			fingerprint: string;
			recomputed: string;
			version: number;
			/** Each changed, added or removed item by name, or why none can be named. */
			changes: string[];
	  };

/**
 * Recomputes the locked study's fingerprint by its lock's recipe and compares it with the recorded
 * one; when they differ, names each item whose value changed, appeared or went since the lock.
 */
export async function verifyLock(db: Db, principal: Principal, slug: string): Promise<LockVerdict> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician', 'evaluator']);
	const verdict = await lockVerdict(db, study.id);
	if (!verdict) throw new Conflict(`${slug} is not locked: there is no fingerprint to verify.`);
	return verdict;
}

/** The verification of verifyLock without an access check (null when not locked), for services. */
export async function lockVerdict(db: DbOrTx, studyId: number): Promise<LockVerdict | null> {
	const lock = await lockOf(db, studyId);
	if (!lock) return null;
	const items = await fingerprintItems(db, studyId, lock.fingerprintVersion);
	const recomputed = fingerprintOfItems(items);
	const version = lock.fingerprintVersion;
	if (recomputed === lock.fingerprint)
		return { ok: true, fingerprint: lock.fingerprint, version, items: items.length };
	return {
		ok: false,
		fingerprint: lock.fingerprint,
		recomputed,
		version,
		changes: lock.sealJson
			? sealChanges(JSON.parse(lock.sealJson) as Record<string, string>, sealOfItems(items))
			: [
					`the study's data no longer gives the fingerprint (a lock of recipe ${version} records no per-item seal, so the changed item cannot be named)`
				]
	};
}

function sealChanges(sealed: Record<string, string>, now: Record<string, string>): string[] {
	const changes: string[] = [];
	for (const [name, sha256] of Object.entries(sealed)) {
		if (!(name in now)) changes.push(`${name}: removed since the lock`);
		else if (now[name] !== sha256) changes.push(`${name}: changed since the lock`);
	}
	for (const name of Object.keys(now))
		if (!(name in sealed)) changes.push(`${name}: added since the lock`);
	// Equal seals with a different fingerprint: the items' order changed.
	return changes.length > 0 ? changes : ['the order of the sealed items changed'];
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
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['admin'], {
		action: 'study.lock'
	});
	const signer = await verifySigner(
		db,
		principal,
		signature,
		{ access, action: 'study.lock', targetType: 'study', targetId: study.id },
		options
	);
	const locked = await withTransaction(db, async (tx) => {
		const existing = await lockOf(tx, study.id);
		if (existing)
			throw new Conflict(
				`${slug} was locked on ${existing.createdAt.toISOString()} (fingerprint ${existing.fingerprint}).`
			);
		const incomplete = await incompleteReads(tx, study.id, protocolOf(study));
		if (incomplete.length > 0)
			throw new Conflict(`${slug} cannot be locked: ${describeIncompleteReads(incomplete)}.`);
		const queries = await unresolvedQueries(tx, study.id);
		if (queries.length > 0)
			throw new Conflict(
				`${slug} cannot be locked: ${describeUnresolvedQueries(queries)}; close every query first.`
			);
		const scoring = await unfinishedScoring(tx, study, protocolOf(study));
		if (scoring.cases.length > 0)
			throw new Conflict(
				`${slug} cannot be locked: ${describeUnfinishedScoring(scoring)}; let scoring finish first.`
			);
		const items = await fingerprintItems(tx, study.id, FINGERPRINT_VERSION);
		const fingerprint = fingerprintOfItems(items);
		const id = (
			await tx
				.insert(studyLocks)
				.values({
					studyId: study.id,
					fingerprint,
					fingerprintVersion: FINGERPRINT_VERSION,
					sealJson: JSON.stringify(sealOfItems(items)),
					reason,
					lockedBy: principalLabel(principal)
				})
				.returning({ id: studyLocks.id })
		)[0]!.id;
		await recordAudit(tx, principal, {
			action: 'study.locked',
			entityType: 'study_lock',
			entityId: id,
			studyId: study.id,
			after: { fingerprint, fingerprintVersion: FINGERPRINT_VERSION },
			reason
		});
		const signed = await signRecord(tx, signer, {
			recordType: 'study_lock',
			recordId: id,
			recordHash: fingerprint
		});
		return { fingerprint, signature: signed };
	});
	await checkpointAfter(db, 'lock');
	return locked;
}

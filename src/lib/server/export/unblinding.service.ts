// Commit, then unblind (SEC-3): the study's independent evaluator registers the SHA-256 of their
// results on an export (in person, or through the operator at the server); only then may the code
// key be released, which records the study's unblinding. Each step audited. The admin signs the
// release electronically; the signature is linked to the registered results hash. The audit
// chain's head is signed after the release.
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, blindExports, memberships, studies } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { checkpointAfter } from '../audit/checkpoint.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError, NotFound } from '../errors';
import type { CodeKey } from './blind-export.service';
import { signRecord, verifySigner, type SignatureOptions } from '../signatures/signature.service';
import type { SignatureInput } from '../../domain/signature';
import { withTransaction } from '../db/transaction';

async function exportOf(db: DbOrTx, studyId: number, exportId: number) {
	const row = (
		await db
			.select()
			.from(blindExports)
			.where(and(eq(blindExports.id, exportId), eq(blindExports.studyId, studyId)))
	)[0];
	if (!row) throw new NotFound(`No export ${exportId} of this study.`);
	return row;
}

export async function registerResults(
	db: Db,
	principal: Principal,
	slug: string,
	exportId: number,
	resultsSha256: string,
	now = new Date()
): Promise<void> {
	if (!/^[0-9a-f]{64}$/.test(resultsSha256))
		throw new InputError('sha256: 64 lower-case hexadecimal characters', 'sha256');
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['evaluator'], {
		action: 'export.register_results',
		targetType: 'blind_export',
		targetId: exportId
	});
	await withTransaction(db, async (tx) => {
		const row = await exportOf(tx, study.id, exportId);
		if (row.resultsSha256)
			throw new Conflict(
				`Results were registered for export ${exportId} on ${row.resultsRegisteredAt?.toISOString()}: they cannot be replaced.`
			);
		await tx
			.update(blindExports)
			.set({ resultsSha256, resultsRegisteredAt: now })
			.where(eq(blindExports.id, exportId));
		await recordAudit(
			tx,
			principal,
			{
				action: 'export.results_registered',
				entityType: 'blind_export',
				entityId: exportId,
				studyId: study.id,
				after: { resultsSha256 }
			},
			now
		);
	});
}

/**
 * Releases the code key and records the unblinding; refused until results are registered. The
 * admin signs it (password and meaning): the first release is signed, later ones only checked.
 */
export async function releaseKey(
	db: Db,
	principal: Principal,
	slug: string,
	exportId: number,
	signature: SignatureInput,
	options: SignatureOptions = {}
): Promise<CodeKey> {
	const study = await requireStudyBySlug(db, slug);
	const attempt = {
		action: 'export.release_key',
		targetType: 'blind_export',
		targetId: exportId
	};
	const access = await requireStudyRole(db, principal, study.id, ['admin'], attempt);
	const signer = await verifySigner(db, principal, signature, { access, ...attempt }, options);
	const now = options.now?.() ?? new Date();
	const key = await withTransaction(db, async (tx) => {
		const row = await exportOf(tx, study.id, exportId);
		if (!row.resultsSha256)
			throw new Conflict(
				'The evaluator has not registered the SHA-256 of their results: the key stays sealed (commit, then unblind).'
			);
		await requireEvaluatorRegistration(tx, study.id, exportId, row.resultsRegisteredAt);
		if (!row.keyReleasedAt) {
			await tx
				.update(blindExports)
				.set({ keyReleasedAt: now })
				.where(eq(blindExports.id, exportId));
			if (study.unblindedAt === null)
				await tx.update(studies).set({ unblindedAt: now }).where(eq(studies.id, study.id));
			await recordAudit(
				tx,
				principal,
				{
					action: 'export.key_released',
					entityType: 'blind_export',
					entityId: exportId,
					studyId: study.id,
					after: { resultsSha256: row.resultsSha256, unblindedAt: now.toISOString() }
				},
				now
			);
			await signRecord(
				tx,
				signer,
				{ recordType: 'key_release', recordId: exportId, recordHash: row.resultsSha256 },
				now
			);
		}
		return JSON.parse(row.codeKeyJson) as CodeKey;
	});
	await checkpointAfter(db, 'release');
	return key;
}

/**
 * The registration must be the evaluator's: its audit row names a person who was the study's
 * evaluator when they registered, or the operator at the server (who records the evaluator's
 * hash with `tandem export register-results`). Anything else keeps the key sealed.
 */
async function requireEvaluatorRegistration(
	tx: DbOrTx,
	studyId: number,
	exportId: number,
	registeredAt: Date | null
): Promise<void> {
	const registration = (
		await tx
			.select({ actorUserId: auditEvents.actorUserId, actor: auditEvents.actor })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'export.results_registered'),
					eq(auditEvents.entityType, 'blind_export'),
					eq(auditEvents.entityId, String(exportId)),
					eq(auditEvents.studyId, studyId)
				)
			)
			.orderBy(desc(auditEvents.seq))
	)[0];
	if (!registration)
		throw new Conflict(
			`No record says who registered the results of export ${exportId}: the key stays sealed.`
		);
	if (registration.actorUserId === null && registration.actor.startsWith('cli:')) return;
	const at = registeredAt?.getTime() ?? 0;
	const wasEvaluator =
		registration.actorUserId !== null &&
		(
			await tx
				.select({ createdAt: memberships.createdAt, withdrawnAt: memberships.withdrawnAt })
				.from(memberships)
				.where(
					and(
						eq(memberships.userId, registration.actorUserId),
						eq(memberships.studyId, studyId),
						eq(memberships.role, 'evaluator')
					)
				)
		).some(
			(membership) =>
				membership.createdAt.getTime() <= at &&
				(membership.withdrawnAt === null || membership.withdrawnAt.getTime() > at)
		);
	if (!wasEvaluator)
		throw new Conflict(
			`The results of export ${exportId} were registered by ${registration.actor}, who is not the study's evaluator: the key stays sealed. Make a new export for the evaluator to register.`
		);
}

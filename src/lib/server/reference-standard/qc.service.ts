// The QC of the reference standard (issue 19, seed 001): once every case has its truth, a seeded
// sample of at least qc_fraction of the cases, stratified by site (design/reference-standard/
// qc-sample.ts), drawn from the cases whose truth Tandem made (consensus or adjudication; imported
// truth is not re-checked); the adjudicator re-checks its consensus cases. An admin may instead
// sign an override of the QC, with a reason. Both audited in their transaction.
import { eq } from 'drizzle-orm';
import { qcOverrides, qcSampleCases, referenceTruth } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { principalLabel, recordAudit } from '../audit/audit.service';
import { canonicalJson, sha256Hex } from '../crypto/hash';
import { Conflict } from '../errors';
import { parseInput } from '../input';
import { signRecord, verifySigner } from '../signatures/signature.service';
import { z } from 'zod';
import { requiredText, TEXT_MAX } from '../../domain/free-text';
import type { SignatureInput } from '../../domain/signature';
import { drawQcSample as drawSample } from '../../design/reference-standard/qc-sample';
import { protocolOf } from '../studies/study-protocol';
import { referenceStandardOf, studyCases } from './study-settings';
import { qcCasesOf } from './qc-state';
import { mapInOrder } from '../db/in-order';
import { withTransaction } from '../db/transaction';

export interface QcSampleResult {
	/** The sampled case keys, in case order. */
	cases: string[];
	/** Whether this call drew it (false: it was drawn before). */
	drawn: boolean;
	seed: string;
}

export async function drawQcSample(
	db: Db,
	principal: Principal,
	slug: string,
	now = new Date()
): Promise<QcSampleResult> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin'], { action: 'qc.draw' });
	const settings = referenceStandardOf(study);
	const seed = protocolOf(study).randomization.seed;
	return await withTransaction(db, async (tx) => {
		const existing = await qcCasesOf(tx, study.id);
		if (existing.length > 0)
			return { cases: existing.map((row) => row.caseKey), drawn: false, seed };
		const all = await mapInOrder(await studyCases(tx, study.id), async (row) => ({
			...row,
			origin:
				(
					await tx
						.select({ origin: referenceTruth.origin })
						.from(referenceTruth)
						.where(eq(referenceTruth.caseId, row.id))
				)[0]?.origin ?? null
		}));
		const missing = all.filter((row) => row.origin === null);
		if (missing.length > 0)
			throw new Conflict(
				`${missing.length} case(s) of "${slug}" have no truth yet (${missing
					.slice(0, 10)
					.map((row) => row.caseKey)
					.join(
						', '
					)}${missing.length > 10 ? ', …' : ''}): the QC sample is drawn once every case has its truth (annotations in, disagreements adjudicated).`
			);
		const eligible = all.filter((row) => row.origin !== 'imported');
		if (eligible.length === 0)
			throw new Conflict(
				`Every case of "${slug}" has imported truth: there is no consensus to re-check.`
			);
		// At least qc_fraction of all the cases, drawn among those whose truth Tandem made.
		const wanted = Math.min(eligible.length, Math.ceil(settings.qc_fraction * all.length));
		const keys = new Set(
			drawSample(
				eligible.map((row) => ({ caseKey: row.caseKey, site: row.site })),
				Math.min(1, wanted / eligible.length),
				seed
			)
		);
		const chosen = eligible.filter((row) => keys.has(row.caseKey));
		for (const row of chosen)
			await tx
				.insert(qcSampleCases)
				.values({ studyId: study.id, caseId: row.id, seed, drawnAt: now });
		await recordAudit(
			tx,
			principal,
			{
				action: 'qc.sample_drawn',
				entityType: 'study',
				entityId: study.id,
				studyId: study.id,
				after: {
					cases: chosen.map((row) => row.caseKey),
					of: all.length,
					fraction: settings.qc_fraction,
					seed
				}
			},
			now
		);
		return { cases: chosen.map((row) => row.caseKey), drawn: true, seed };
	});
}

const overrideInput = z.object({
	reason: requiredText(TEXT_MAX.reason, 'an override of the QC needs a reason')
});

export async function overrideQc(
	db: Db,
	principal: Principal,
	slug: string,
	signature: SignatureInput,
	rawReason: string,
	now = new Date()
): Promise<{ id: number; recordHash: string }> {
	const study = await requireStudyBySlug(db, slug);
	const access = await requireStudyRole(db, principal, study.id, ['admin'], {
		action: 'qc.override'
	});
	referenceStandardOf(study);
	const { reason } = parseInput(overrideInput, { reason: rawReason });
	const signer = await verifySigner(db, principal, signature, {
		access,
		action: 'qc.override',
		targetType: 'study',
		targetId: study.id
	});
	return await withTransaction(db, async (tx) => {
		const qc = (await qcCasesOf(tx, study.id)).map(({ caseKey, checked }) => ({
			caseKey,
			checked
		}));
		const recordHash = sha256Hex(canonicalJson({ study: slug, reason, qc, at: now.toISOString() }));
		const overriddenBy = principalLabel(principal);
		const id = (
			await tx
				.insert(qcOverrides)
				.values({ studyId: study.id, reason, overriddenBy, recordHash, createdAt: now })
				.returning({ id: qcOverrides.id })
		)[0]!.id;
		await recordAudit(
			tx,
			principal,
			{
				action: 'qc.overridden',
				entityType: 'qc_override',
				entityId: id,
				studyId: study.id,
				after: { recordHash, sampled: qc.length, checked: qc.filter((c) => c.checked).length },
				reason
			},
			now
		);
		await signRecord(tx, signer, { recordType: 'qc_override', recordId: id, recordHash }, now);
		return { id, recordHash };
	});
}

// The adjudicator's side of the reference standard (issue 19): the queue of disagreements to
// decide and QC cases to re-check, one case at a time with every annotation side by side
// (anonymised A, B, C… in the order of the tasks), the final decision (with why), and the QC
// check (confirmed, or corrected with a note). An adjudicator sees the annotations only of cases in
// their study's queue or QC sample; any other case is NotFound.
import { asc, eq } from 'drizzle-orm';
import { adjudicationCases, cases, qcChecks, studies } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { activeMemberships, NotFound, type StudyAccess } from '../access/access';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { Conflict, InputError } from '../errors';
import { caseImageFiles } from '../reads/case-image-files';
import type { ImageKey } from '../images/image-store';
import {
	adjudicationDecisionSchema,
	qcCheckSchema,
	type AdjudicationQueue,
	type AdjudicationView,
	type AnnotationLesion
} from '../../domain/annotation';
import { labelledAnnotations } from './case-resolution';
import { ANNOTATION_SHAPES, imageUrls } from './annotation.service';
import { referenceStandardOf } from './study-settings';
import { parseWith } from './input-parse';
import { writeDecidedTruth } from './truth-writer';
import { isQcCase } from './qc-state';
import { adjudicatedCase, decisionOf, isDecided } from './adjudication-access';
import { filterInOrder, mapInOrder } from '../db/in-order';
import { withTransaction } from '../db/transaction';

export async function adjudicationQueue(db: Db, principal: Principal): Promise<AdjudicationQueue> {
	if (principal.kind !== 'user') return { studies: [] };
	const held = (await activeMemberships(db, principal.userId)).filter(
		(m) => m.role === 'adjudicator'
	);
	return {
		studies: await mapInOrder(held, async (membership) => {
			const study = (await db.select().from(studies).where(eq(studies.id, membership.studyId)))[0]!;
			const queued = await mapInOrder(
				await db
					.select()
					.from(adjudicationCases)
					.where(eq(adjudicationCases.studyId, study.id))
					.orderBy(asc(adjudicationCases.queuedAt), asc(adjudicationCases.id)),
				async (row) => ({
					caseRef: row.caseId,
					mode: 'adjudication' as const,
					decided: await isDecided(db, row.caseId, 'adjudication'),
					reasons: JSON.parse(row.reasonsJson) as string[]
				})
			);
			const inQueue = new Set(queued.map((row) => row.caseRef));
			const qc = await mapInOrder(
				(await qcCasesOfStudy(db, study.id)).filter((caseId) => !inQueue.has(caseId)),
				async (caseId) => ({
					caseRef: caseId,
					mode: 'qc' as const,
					decided: await isDecided(db, caseId, 'qc'),
					reasons: []
				})
			);
			return { slug: study.slug, title: study.title, cases: [...queued, ...qc] };
		})
	};
}

async function qcCasesOfStudy(db: DbOrTx, studyId: number): Promise<number[]> {
	return await filterInOrder(
		(
			await db
				.select({ id: cases.id })
				.from(cases)
				.where(eq(cases.studyId, studyId))
				.orderBy(asc(cases.ordinal))
		).map((row) => row.id),
		async (caseId) => await isQcCase(db, caseId)
	);
}

export async function adjudicationView(
	db: Db,
	principal: Principal,
	caseRef: number
): Promise<AdjudicationView> {
	const { caseRow, study, mode, queued } = await adjudicatedCase(
		db,
		principal,
		caseRef,
		'adjudication.view'
	);
	const settings = referenceStandardOf(study);
	const consensus = mode === 'qc' ? await decisionOf(db, caseRow.id, 'consensus') : undefined;
	return {
		caseRef: caseRow.id,
		study: { slug: study.slug, title: study.title },
		mode,
		images: await imageUrls(db, caseRow.id, `/api/adjudicate/${caseRow.id}`),
		shapes: ANNOTATION_SHAPES,
		lesionAttributes: settings.lesion_attributes,
		annotations: await labelledAnnotations(db, caseRow.id),
		reasons: queued ? (JSON.parse(queued.reasonsJson) as string[]) : [],
		consensus: consensus
			? {
					classification: consensus.classification as 0 | 1,
					lesions: JSON.parse(consensus.lesionsJson) as AnnotationLesion[]
				}
			: null,
		decided: await isDecided(db, caseRow.id, mode)
	};
}

function adjudicatorMembership(access: StudyAccess): number {
	if (access.membershipId === null)
		throw new Conflict(
			"Only one of the study's adjudicators decides a case: sign in as the adjudicator."
		);
	return access.membershipId;
}

async function checkImages(db: DbOrTx, caseId: number, lesions: AnnotationLesion[]) {
	const count = (await caseImageFiles(db, caseId)).length;
	lesions.forEach((lesion, index) => {
		if (lesion.lastImage > count)
			throw new InputError(
				`decision.lesions[${index}].lastImage: the case has ${count} image${count === 1 ? '' : 's'}, not ${lesion.lastImage}`,
				`decision.lesions.${index}.lastImage`
			);
	});
}

/** The adjudicator's final decision on a disagreement: written as the case's truth. */
export async function decideCase(
	db: Db,
	principal: Principal,
	caseRef: number,
	input: unknown,
	now = new Date()
): Promise<{ caseRef: number; applied: boolean }> {
	const parsed = parseWith(adjudicationDecisionSchema, input, 'adjudication');
	return await withTransaction(db, async (tx) => {
		const { caseRow, study, access, mode } = await adjudicatedCase(
			tx,
			principal,
			caseRef,
			'adjudication.decide'
		);
		if (mode !== 'adjudication')
			throw new Conflict('This case is in the QC sample: confirm or correct it instead.');
		const membershipId = adjudicatorMembership(access);
		const stored = await decisionOf(tx, caseRow.id, 'adjudication');
		if (stored) {
			if (stored.clientId === parsed.decision.clientId)
				return { caseRef: caseRow.id, applied: stored.applied };
			throw new Conflict('This case is decided: the decision is final.');
		}
		await checkImages(tx, caseRow.id, parsed.decision.lesions);
		const { applied } = await writeDecidedTruth(
			tx,
			principal,
			{
				study,
				caseId: caseRow.id,
				kind: 'adjudication',
				membershipId,
				classification: parsed.decision.classification,
				lesions: parsed.decision.classification === 1 ? parsed.decision.lesions : [],
				reason: parsed.reason,
				clientId: parsed.decision.clientId,
				source: 'adjudication'
			},
			now
		);
		return { caseRef: caseRow.id, applied };
	});
}

/** The adjudicator's QC check of a sampled consensus case; a correction replaces the truth. */
export async function recordQcCheck(
	db: Db,
	principal: Principal,
	caseRef: number,
	input: unknown,
	now = new Date()
): Promise<{ caseRef: number; outcome: 'confirmed' | 'corrected' }> {
	const parsed = parseWith(qcCheckSchema, input, 'qc');
	return await withTransaction(db, async (tx) => {
		const { caseRow, study, access, mode } = await adjudicatedCase(
			tx,
			principal,
			caseRef,
			'qc.check'
		);
		if (mode !== 'qc')
			throw new Conflict('This case awaits adjudication: decide it instead of a QC check.');
		const membershipId = adjudicatorMembership(access);
		const stored = (await tx.select().from(qcChecks).where(eq(qcChecks.caseId, caseRow.id)))[0];
		if (stored) {
			const same =
				stored.outcome === parsed.outcome &&
				(stored.note ?? undefined) === (parsed.note ?? undefined);
			if (same) return { caseRef: caseRow.id, outcome: stored.outcome };
			throw new Conflict('This QC case is checked already: the check is final.');
		}
		const decision = parsed.outcome === 'corrected' ? parsed.decision : null;
		if (decision) await checkImages(tx, caseRow.id, decision.lesions);
		const id = (
			await tx
				.insert(qcChecks)
				.values({
					caseId: caseRow.id,
					membershipId,
					outcome: parsed.outcome,
					decisionJson: decision
						? JSON.stringify({
								classification: decision.classification,
								lesions: decision.lesions
							})
						: null,
					note: parsed.note ?? null,
					checkedAt: now
				})
				.returning({ id: qcChecks.id })
		)[0]!.id;
		await recordAudit(
			tx,
			principal,
			{
				action: 'qc.checked',
				entityType: 'case',
				entityId: caseRow.id,
				studyId: study.id,
				after: { check: id, outcome: parsed.outcome },
				reason: parsed.note
			},
			now
		);
		if (decision)
			await writeDecidedTruth(
				tx,
				principal,
				{
					study,
					caseId: caseRow.id,
					kind: 'qc-correction',
					membershipId,
					classification: decision.classification,
					lesions: decision.classification === 1 ? decision.lesions : [],
					reason: parsed.note ?? null,
					clientId: decision.clientId,
					source: 'adjudication (QC correction)'
				},
				now
			);
		return { caseRef: caseRow.id, outcome: parsed.outcome };
	});
}

/** The store key of image n of a case in the adjudicator's queue or QC sample. */
export async function adjudicationImageFile(
	db: Db,
	principal: Principal,
	caseRef: number,
	n: number
): Promise<ImageKey> {
	const { caseRow } = await adjudicatedCase(db, principal, caseRef, 'adjudication.image');
	const file =
		Number.isInteger(n) && n >= 1 ? (await caseImageFiles(db, caseRow.id))[n - 1] : undefined;
	if (!file) throw new NotFound('No such image.');
	return file.key;
}

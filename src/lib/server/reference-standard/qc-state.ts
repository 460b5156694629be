// Where the QC of a study's reference standard stands: the sampled cases, which still wait for the
// adjudicator's check, and whether an admin's signed override is recorded. A sampled case whose
// truth an adjudicator decided (a disagreement) counts as checked: the adjudicator has examined it.
import { and, asc, eq } from 'drizzle-orm';
import {
	cases,
	qcChecks,
	qcOverrides,
	qcSampleCases,
	referenceTruth,
	truthDecisions
} from '../db/schema';
import type { DbOrTx } from '../db/client';
import { mapInOrder } from '../db/in-order';

export interface QcCase {
	caseId: number;
	caseKey: string;
	/** consensus: re-checked by the adjudicator; adjudicated: decided by one already. */
	kind: 'consensus' | 'adjudicated';
	checked: boolean;
	/** The adjudicator's classification of the case, once checked or decided. */
	adjudicatorClass: 0 | 1 | null;
}

export async function qcCasesOf(db: DbOrTx, studyId: number): Promise<QcCase[]> {
	return await mapInOrder(
		await db
			.select({ caseId: cases.id, caseKey: cases.caseKey, origin: referenceTruth.origin })
			.from(qcSampleCases)
			.innerJoin(cases, eq(qcSampleCases.caseId, cases.id))
			.leftJoin(referenceTruth, eq(referenceTruth.caseId, cases.id))
			.where(eq(qcSampleCases.studyId, studyId))
			.orderBy(asc(cases.ordinal)),
		async ({ caseId, caseKey }) => {
			const decided = (
				await db
					.select()
					.from(truthDecisions)
					.where(and(eq(truthDecisions.caseId, caseId), eq(truthDecisions.kind, 'adjudication')))
			)[0];
			if (decided)
				return {
					caseId,
					caseKey,
					kind: 'adjudicated' as const,
					checked: true,
					adjudicatorClass: decided.classification as 0 | 1
				};
			const check = (await db.select().from(qcChecks).where(eq(qcChecks.caseId, caseId)))[0];
			const consensus = (
				await db
					.select()
					.from(truthDecisions)
					.where(and(eq(truthDecisions.caseId, caseId), eq(truthDecisions.kind, 'consensus')))
			)[0];
			const corrected = check?.decisionJson
				? (JSON.parse(check.decisionJson) as { classification: 0 | 1 })
				: null;
			return {
				caseId,
				caseKey,
				kind: 'consensus' as const,
				checked: check !== undefined,
				adjudicatorClass: !check
					? null
					: corrected
						? corrected.classification
						: ((consensus?.classification ?? null) as 0 | 1 | null)
			};
		}
	);
}

export async function isQcCase(db: DbOrTx, caseId: number): Promise<boolean> {
	return (
		(await db.select().from(qcSampleCases).where(eq(qcSampleCases.caseId, caseId)))[0] !== undefined
	);
}

export async function latestQcOverride(db: DbOrTx, studyId: number) {
	return (
		(
			await db
				.select()
				.from(qcOverrides)
				.where(eq(qcOverrides.studyId, studyId))
				.orderBy(asc(qcOverrides.id))
		).at(-1) ?? null
	);
}

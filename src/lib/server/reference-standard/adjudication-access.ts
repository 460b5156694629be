// Which cases an adjudicator may open: those of their study's adjudication queue or QC sample.
// Any other case is NotFound (the refusal audited), so the adjudicator sees no other annotations.
import { and, eq } from 'drizzle-orm';
import { adjudicationCases, cases, qcChecks, studies, truthDecisions } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { NotFound, refuseAccess, requireStudyRole, type StudyAccess } from '../access/access';
import type { Principal } from '../access/principal';
import { isQcCase } from './qc-state';

const NO_SUCH_CASE = 'No such case to adjudicate.';

export interface AdjudicatedCase {
	caseRow: typeof cases.$inferSelect;
	study: typeof studies.$inferSelect;
	access: StudyAccess;
	mode: 'adjudication' | 'qc';
	queued: typeof adjudicationCases.$inferSelect | undefined;
}

/** The case, if it is in the caller's study's adjudication queue or QC sample. */
export async function adjudicatedCase(
	db: DbOrTx,
	principal: Principal,
	caseRef: number,
	action: string
): Promise<AdjudicatedCase> {
	const caseRow = Number.isSafeInteger(caseRef)
		? (await db.select().from(cases).where(eq(cases.id, caseRef)))[0]
		: undefined;
	if (!caseRow) throw new NotFound(NO_SUCH_CASE);
	const target = { action, targetType: 'case', targetId: caseRef, missing: NO_SUCH_CASE };
	const access = await requireStudyRole(db, principal, caseRow.studyId, ['adjudicator'], target);
	const queued = (
		await db.select().from(adjudicationCases).where(eq(adjudicationCases.caseId, caseRow.id))
	)[0];
	const mode = queued ? 'adjudication' : (await isQcCase(db, caseRow.id)) ? 'qc' : null;
	if (!mode) throw refuseAccess(access, new NotFound(NO_SUCH_CASE), target);
	const study = (await db.select().from(studies).where(eq(studies.id, caseRow.studyId)))[0]!;
	return { caseRow, study, access, mode, queued };
}

export async function decisionOf(db: DbOrTx, caseId: number, kind: 'adjudication' | 'consensus') {
	return (
		await db
			.select()
			.from(truthDecisions)
			.where(and(eq(truthDecisions.caseId, caseId), eq(truthDecisions.kind, kind)))
	)[0];
}

export async function isDecided(
	db: DbOrTx,
	caseId: number,
	mode: 'adjudication' | 'qc'
): Promise<boolean> {
	return mode === 'adjudication'
		? (await decisionOf(db, caseId, 'adjudication')) !== undefined
		: (await db.select().from(qcChecks).where(eq(qcChecks.caseId, caseId)))[0] !== undefined;
}

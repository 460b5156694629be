// What the reference standard asks before a study's case set may be frozen (issue 19, CAS-5):
// every case has its truth; and, unless an admin has signed an override of the QC, the QC sample
// is drawn, every sampled case is checked, and no annotator is flagged. A study without
// reference_standard has nothing to ask. Called by dataset-freeze.service.ts in its transaction.
import { eq } from 'drizzle-orm';
import { referenceTruth } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { protocolOf } from '../studies/study-protocol';
import { annotatorQcAgreement } from './annotator-kappa';
import { latestQcOverride, qcCasesOf } from './qc-state';
import { studyCases, type Study } from './study-settings';
import { mapInOrder } from '../db/in-order';

const listed = (keys: string[]) =>
	keys.slice(0, 10).join(', ') + (keys.length > 10 ? `, … (${keys.length} in all)` : '');

/** Each thing still missing, in words with how to proceed; empty when the freeze may go ahead. */
export async function referenceStandardBlockers(db: DbOrTx, study: Study): Promise<string[]> {
	const settings = protocolOf(study).reference_standard;
	if (!settings) return [];
	const slug = study.slug;
	const blockers: string[] = [];
	const origins = await mapInOrder(await studyCases(db, study.id), async (row) => ({
		caseKey: row.caseKey,
		origin:
			(
				await db
					.select({ origin: referenceTruth.origin })
					.from(referenceTruth)
					.where(eq(referenceTruth.caseId, row.id))
			)[0]?.origin ?? null
	}));
	const missing = origins.filter((row) => row.origin === null).map((row) => row.caseKey);
	if (missing.length > 0)
		blockers.push(
			`${missing.length} case(s) have no truth yet (${listed(missing)}): the annotations must be in and every disagreement adjudicated (tandem annotation status --study ${slug}).`
		);
	if (!origins.some((row) => row.origin === 'consensus' || row.origin === 'adjudication'))
		return blockers;
	if (await latestQcOverride(db, study.id)) return blockers;
	const qc = await qcCasesOf(db, study.id);
	const override = `or an admin overrides the QC with a signed reason (tandem annotation qc-override --study ${slug} --reason "…")`;
	if (qc.length === 0) {
		blockers.push(
			`The QC sample is not drawn: draw it once every case has its truth (tandem annotation qc-draw --study ${slug}), and the adjudicator checks it; ${override}.`
		);
		return blockers;
	}
	const open = qc.filter((row) => !row.checked).map((row) => row.caseKey);
	if (open.length > 0)
		blockers.push(
			`${open.length} of the ${qc.length} QC case(s) wait for the adjudicator's check (${listed(open)}); ${override}.`
		);
	for (const annotator of await annotatorQcAgreement(db, study.id, settings.kappa_threshold))
		if (annotator.flagged)
			blockers.push(
				`Annotator ${annotator.name} <${annotator.email}> is flagged: kappa ${annotator.kappa!.toFixed(2)} against the adjudicator on the QC sample is below ${settings.kappa_threshold} (reference_standard.kappa_threshold); review their cases, ${override}.`
			);
	return blockers;
}

// The annotators' agreement over a study's cases (issue 19): Cohen's kappa of the classifications
// per pair of annotators (on the cases both annotated), Fleiss' kappa when each case has three or
// more annotators, lesion-level F1 and IoUs per pair (stats/agreement/lesion-agreement.ts), and
// each annotator's rate of disagreement (their finished cases that went to adjudication).
import type { DbOrTx } from '../db/client';
import { fleissKappa } from '../../stats/agreement/fleiss-kappa';
import { iouSummary, lesionAgreement } from '../../stats/agreement/lesion-agreement';
import type { ReferenceStandardSettings } from '../../design/protocol/protocol.schema';
import type { AnnotationLesion } from '../../domain/annotation';
import type { ReferenceStandardReport } from '../../domain/reference-standard-report';
import { caseAnnotations, caseSpacing } from './case-resolution';
import { kappaOrNull, studyAnnotators } from './annotator-kappa';
import { mapInOrder } from '../db/in-order';

interface CaseWork {
	caseId: number;
	/** membership id → the annotation's classification and lesions. */
	byAnnotator: Map<number, { classification: number; lesions: AnnotationLesion[] }>;
	complete: boolean;
	queued: boolean;
}

export async function caseWorks(
	db: DbOrTx,
	caseIds: number[],
	queued: ReadonlySet<number>
): Promise<CaseWork[]> {
	return await mapInOrder(caseIds, async (caseId) => {
		const rows = await caseAnnotations(db, caseId);
		const byAnnotator = new Map<number, { classification: number; lesions: AnnotationLesion[] }>();
		for (const row of rows)
			if (row.annotation)
				byAnnotator.set(row.task.membershipId, {
					classification: row.annotation.classification,
					lesions: JSON.parse(row.annotation.lesionsJson) as AnnotationLesion[]
				});
		return {
			caseId,
			byAnnotator,
			complete: rows.length > 0 && byAnnotator.size === rows.length,
			queued: queued.has(caseId)
		};
	});
}

export async function agreementOf(
	db: DbOrTx,
	studyId: number,
	works: CaseWork[],
	settings: ReferenceStandardSettings
): Promise<
	Pick<ReferenceStandardReport, 'classification' | 'lesions'> & {
		disagreement: Map<number, number | null>;
	}
> {
	const annotators = await studyAnnotators(db, studyId);
	const rule = {
		iouThreshold: settings.iou_threshold,
		pointAcceptanceMm: settings.point_acceptance_mm
	};
	const pairs: ReferenceStandardReport['classification']['pairs'] = [];
	const lesions: ReferenceStandardReport['lesions'] = [];
	for (let i = 0; i < annotators.length; i++)
		for (let j = i + 1; j < annotators.length; j++) {
			const [a, b] = [annotators[i]!, annotators[j]!];
			const shared = works.filter(
				(work) => work.byAnnotator.has(a.membershipId) && work.byAnnotator.has(b.membershipId)
			);
			if (shared.length === 0) continue;
			const of = (work: CaseWork, id: number) => work.byAnnotator.get(id)!;
			pairs.push({
				a: a.name,
				b: b.name,
				cases: shared.length,
				kappa: kappaOrNull(
					shared.map((work) => of(work, a.membershipId).classification),
					shared.map((work) => of(work, b.membershipId).classification)
				)
			});
			const regions = (list: AnnotationLesion[]) =>
				list.map(({ firstImage, lastImage, region }) => ({ firstImage, lastImage, region }));
			const found = lesionAgreement(
				await mapInOrder(shared, async (work) => ({
					a: regions(of(work, a.membershipId).lesions),
					b: regions(of(work, b.membershipId).lesions),
					spacing: await caseSpacing(db, work.caseId)
				})),
				rule
			);
			const total = found.matched * 2 + found.onlyA + found.onlyB;
			lesions.push({
				a: a.name,
				b: b.name,
				cases: shared.length,
				matched: found.matched,
				onlyA: found.onlyA,
				onlyB: found.onlyB,
				f1: total === 0 ? null : found.f1,
				iou: iouSummary(found.ious)
			});
		}
	let fleiss: ReferenceStandardReport['classification']['fleiss'] = null;
	if (settings.annotators >= 3) {
		const complete = works.filter((work) => work.complete);
		const kappa = fleissOrNull(
			complete.map((work) => [...work.byAnnotator.values()].map((a) => a.classification))
		);
		fleiss = { cases: complete.length, kappa };
	}
	const disagreement = new Map(
		annotators.map((annotator) => {
			const finished = works.filter(
				(work) => work.complete && work.byAnnotator.has(annotator.membershipId)
			);
			return [
				annotator.membershipId,
				finished.length === 0
					? null
					: finished.filter((work) => work.queued).length / finished.length
			] as const;
		})
	);
	return { classification: { pairs, fleiss }, lesions, disagreement };
}

/** Fleiss' kappa of the cases' classifications; null when undefined (one class, < 2 cases). */
function fleissOrNull(ratings: number[][]): number | null {
	try {
		return fleissKappa(ratings, { categories: ['0', '1'] }).kappa;
	} catch {
		return null;
	}
}

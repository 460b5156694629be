// When the last annotation of a case is in: compare the annotators' work (design/reference-standard/
// consensus.ts) and either write the consensus as the case's truth or queue the case for the
// adjudicator with the reasons in words. Also the lookups of a case's annotations, labelled A, B,
// C… in the order of their tasks (stable: a task's id never changes).
import { and, asc, eq } from 'drizzle-orm';
import { adjudicationCases, annotationTasks, annotations, truthDecisions } from '../db/schema';
import type { DbOrTx, Tx } from '../db/client';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { caseImageFiles } from '../reads/case-image-files';
import { imageCalibration } from '../dicom/image-calibration';
import {
	compareAnnotations,
	consensusLesions,
	describeDisagreement,
	type AnnotatorWork
} from '../../design/reference-standard/consensus';
import type { Spacing } from '../../stats/lesion/match-marks';
import type { AnnotationLesion, LabelledAnnotation } from '../../domain/annotation';
import type { ReferenceStandardSettings } from '../../design/protocol/protocol.schema';
import { writeDecidedTruth } from './truth-writer';

export type CaseOutcome = 'waiting' | 'consensus' | 'adjudication';

/** A, B, … Z, then AA, AB… */
export function annotatorLabel(index: number): string {
	const letter = String.fromCharCode(65 + (index % 26));
	return index < 26 ? letter : annotatorLabel(Math.floor(index / 26) - 1) + letter;
}

/** The case's tasks in order, each with its label and its submitted annotation (if any). */
export async function caseAnnotations(db: DbOrTx, caseId: number) {
	return (
		await db
			.select({ task: annotationTasks, annotation: annotations })
			.from(annotationTasks)
			.leftJoin(annotations, eq(annotations.taskId, annotationTasks.id))
			.where(eq(annotationTasks.caseId, caseId))
			.orderBy(asc(annotationTasks.id))
	).map((row, index) => ({ label: annotatorLabel(index), ...row }));
}

/** The submitted annotations of a case, anonymised (for the adjudicator). */
export async function labelledAnnotations(
	db: DbOrTx,
	caseId: number
): Promise<LabelledAnnotation[]> {
	return (await caseAnnotations(db, caseId)).flatMap(({ label, annotation }) =>
		annotation
			? [
					{
						label,
						classification: annotation.classification as 0 | 1,
						lesions: JSON.parse(annotation.lesionsJson) as AnnotationLesion[],
						...(annotation.note !== null && { note: annotation.note })
					}
				]
			: []
	);
}

/** The pixel spacing of the case's first image (1 mm per pixel when its header gives none). */
export async function caseSpacing(db: DbOrTx, caseId: number): Promise<Spacing> {
	const file = (await caseImageFiles(db, caseId))[0];
	const spacing = file ? imageCalibration(file.path, file.sha256).spacing : null;
	return spacing ? { x: spacing.column, y: spacing.row } : { x: 1, y: 1 };
}

/** Where the case stands: still waiting for annotations, agreed, or sent to adjudication. */
export async function caseOutcome(db: DbOrTx, caseId: number): Promise<CaseOutcome> {
	if ((await db.select().from(adjudicationCases).where(eq(adjudicationCases.caseId, caseId)))[0])
		return 'adjudication';
	const consensus = (
		await db
			.select({ id: truthDecisions.id })
			.from(truthDecisions)
			.where(and(eq(truthDecisions.caseId, caseId), eq(truthDecisions.kind, 'consensus')))
	)[0];
	return consensus ? 'consensus' : 'waiting';
}

/** Compares the case's annotations once all are in; writes the consensus or queues the case. */
export async function resolveCase(
	tx: Tx,
	principal: Principal,
	study: { id: number; slug: string },
	caseId: number,
	settings: ReferenceStandardSettings,
	now: Date
): Promise<CaseOutcome> {
	const rows = await caseAnnotations(tx, caseId);
	if (rows.some((row) => row.annotation === null)) return 'waiting';
	const works: AnnotatorWork[] = (await labelledAnnotations(tx, caseId)).map(
		({ label, classification, lesions }) => ({ label, classification, lesions })
	);
	const spacing = await caseSpacing(tx, caseId);
	const comparison = compareAnnotations(
		works,
		{ iouThreshold: settings.iou_threshold, pointAcceptanceMm: settings.point_acceptance_mm },
		spacing
	);
	if (comparison.agreed) {
		const classification = works[0]!.classification;
		await writeDecidedTruth(
			tx,
			principal,
			{
				study,
				caseId,
				kind: 'consensus',
				membershipId: null,
				classification,
				lesions: classification === 1 ? consensusLesions(works, comparison, spacing) : [],
				reason: null,
				clientId: null,
				source: `consensus of ${works.length} annotators`
			},
			now
		);
		return 'consensus';
	}
	const reasons = comparison.disagreements.map(describeDisagreement);
	const id = (
		await tx
			.insert(adjudicationCases)
			.values({ studyId: study.id, caseId, reasonsJson: JSON.stringify(reasons), queuedAt: now })
			.returning({ id: adjudicationCases.id })
	)[0]!.id;
	await recordAudit(
		tx,
		principal,
		{
			action: 'adjudication.queued',
			entityType: 'case',
			entityId: caseId,
			studyId: study.id,
			after: { queue: id, disagreements: reasons.length }
		},
		now
	);
	return 'adjudication';
}

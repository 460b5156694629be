// The reference standard's report (issue 19, item 4): progress, the annotators' agreement, their
// agreement with the adjudicator on the QC sample (flagged below kappa_threshold), the QC's
// progress, and each case's truth provenance. For the study's admin, statistician and evaluator;
// `tandem annotation status` prints it.
import { and, asc, eq } from 'drizzle-orm';
import {
	adjudicationCases,
	annotationTasks,
	annotations,
	memberships,
	qcChecks,
	referenceTruth,
	truthDecisions,
	users
} from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import type { ReferenceStandardReport } from '../../domain/reference-standard-report';
import { referenceStandardOf, studyCases } from './study-settings';
import { agreementOf, caseWorks } from './agreement';
import { annotatorQcAgreement, studyAnnotators } from './annotator-kappa';
import { latestQcOverride, qcCasesOf } from './qc-state';
import { filterInOrder, mapInOrder } from '../db/in-order';

async function memberName(db: DbOrTx, membershipId: number | null): Promise<string | null> {
	if (membershipId === null) return null;
	const row = (
		await db
			.select({ name: users.name, email: users.email })
			.from(memberships)
			.innerJoin(users, eq(memberships.userId, users.id))
			.where(eq(memberships.id, membershipId))
	)[0];
	return row ? `${row.name} <${row.email}>` : null;
}

export async function referenceStandardReport(
	db: Db,
	principal: Principal,
	slug: string
): Promise<ReferenceStandardReport> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin', 'statistician', 'evaluator'], {
		action: 'reference_standard.report'
	});
	const settings = referenceStandardOf(study);
	const all = await studyCases(db, study.id);
	const queued = new Set(
		(
			await db
				.select({ caseId: adjudicationCases.caseId })
				.from(adjudicationCases)
				.where(eq(adjudicationCases.studyId, study.id))
		).map((row) => row.caseId)
	);
	const works = await caseWorks(
		db,
		all.map((row) => row.id),
		queued
	);
	const { classification, lesions, disagreement } = await agreementOf(
		db,
		study.id,
		works,
		settings
	);
	const qcCases = await qcCasesOf(db, study.id);
	const inQc = new Set(qcCases.map((row) => row.caseId));
	const cases = await mapInOrder(
		all,
		async (row): Promise<ReferenceStandardReport['cases'][number]> => {
			const truth = (
				await db.select().from(referenceTruth).where(eq(referenceTruth.caseId, row.id))
			)[0];
			const base = { caseKey: row.caseKey, inQcSample: inQc.has(row.id) };
			if (!truth)
				return {
					...base,
					status: queued.has(row.id) ? 'awaiting-adjudication' : 'waiting',
					source: null,
					by: null,
					at: null,
					reason: null
				};
			if (truth.origin === 'imported')
				return {
					...base,
					status: 'imported',
					source: truth.source,
					by: null,
					at: truth.createdAt.toISOString(),
					reason: null
				};
			const decision = (
				await db
					.select()
					.from(truthDecisions)
					.where(and(eq(truthDecisions.caseId, row.id), eq(truthDecisions.applied, true)))
					.orderBy(asc(truthDecisions.id))
			).at(-1)!;
			return {
				...base,
				status:
					decision.kind === 'consensus'
						? 'consensus'
						: decision.kind === 'adjudication'
							? 'adjudicated'
							: 'qc-corrected',
				source: truth.source,
				by: await memberName(db, decision.membershipId),
				at: decision.decidedAt.toISOString(),
				reason: decision.reason
			};
		}
	);
	const count = (status: ReferenceStandardReport['cases'][number]['status']) =>
		cases.filter((row) => row.status === status).length;
	const submittedBy = async (membershipId: number) =>
		(
			await db
				.select({ id: annotations.id })
				.from(annotations)
				.innerJoin(annotationTasks, eq(annotations.taskId, annotationTasks.id))
				.where(eq(annotationTasks.membershipId, membershipId))
		).length;
	const assignedTo = async (membershipId: number) =>
		(
			await db
				.select({ id: annotationTasks.id })
				.from(annotationTasks)
				.where(eq(annotationTasks.membershipId, membershipId))
		).length;
	const qcAgreement = await annotatorQcAgreement(db, study.id, settings.kappa_threshold);
	const annotatorRows = await mapInOrder(
		await studyAnnotators(db, study.id),
		async (annotator, index) => {
			const qc = qcAgreement[index]!;
			return {
				name: annotator.name,
				email: annotator.email,
				assigned: await assignedTo(annotator.membershipId),
				submitted: await submittedBy(annotator.membershipId),
				disagreementRate: disagreement.get(annotator.membershipId) ?? null,
				qc: { cases: qc.cases, agreement: qc.agreement, kappa: qc.kappa, flagged: qc.flagged }
			};
		}
	);
	const override = await latestQcOverride(db, study.id);
	const corrected = (
		await filterInOrder(
			qcCases,
			async (row) =>
				(
					await db
						.select()
						.from(qcChecks)
						.where(and(eq(qcChecks.caseId, row.caseId), eq(qcChecks.outcome, 'corrected')))
				)[0] !== undefined
		)
	).length;
	return {
		study: { slug: study.slug, title: study.title },
		settings: {
			annotators: settings.annotators,
			minYears: settings.min_years,
			adjudicatorMinYears: settings.adjudicator_min_years,
			kappaThreshold: settings.kappa_threshold,
			iouThreshold: settings.iou_threshold,
			pointAcceptanceMm: settings.point_acceptance_mm,
			qcFraction: settings.qc_fraction
		},
		progress: {
			cases: all.length,
			annotationsIn: annotatorRows.reduce((sum, row) => sum + row.submitted, 0),
			annotationsAssigned: annotatorRows.reduce((sum, row) => sum + row.assigned, 0),
			waiting: count('waiting'),
			consensus: count('consensus'),
			awaitingAdjudication: count('awaiting-adjudication'),
			adjudicated: count('adjudicated') + count('qc-corrected'),
			imported: count('imported')
		},
		classification,
		lesions,
		annotators: annotatorRows,
		qc: {
			drawn: qcCases.length > 0,
			sampled: qcCases.length,
			checked: qcCases.filter((row) => row.checked).length,
			corrected,
			override: override
				? {
						by: override.overriddenBy,
						at: override.createdAt.toISOString(),
						reason: override.reason
					}
				: null
		},
		cases
	};
}

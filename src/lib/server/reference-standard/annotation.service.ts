// The annotator's side of the reference standard (issue 19): their worklist, one task at a time
// (their own work only: never another annotator's, the AI's output or imported truth), drafts
// autosaved, and the submit — final, idempotent by client id. When a case's last annotation is in,
// the case is resolved (case-resolution.ts): consensus truth, or the adjudicator's queue.
import { asc, eq } from 'drizzle-orm';
import { annotationDrafts, annotationTasks, annotations, studies } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { activeMemberships } from '../access/access';
import type { Principal } from '../access/principal';
import { recordAudit } from '../audit/audit.service';
import { Conflict, InputError, NotFound } from '../errors';
import { caseImageFiles } from '../reads/case-image-files';
import type { ImageKey } from '../images/image-store';
import {
	annotationDraftSchema,
	annotationInputSchema,
	type AnnotationDraft,
	type AnnotationLesion,
	type AnnotationView,
	type AnnotatorWorklist
} from '../../domain/annotation';
import { ownTask } from './task-access';
import { caseOutcome, resolveCase, type CaseOutcome } from './case-resolution';
import { referenceStandardOf } from './study-settings';
import { parseWith } from './input-parse';
import { mapInOrder } from '../db/in-order';
import { withTransaction } from '../db/transaction';

export const ANNOTATION_SHAPES: AnnotationView['shapes'] = ['point', 'box', 'contour'];

async function memberTasks(db: DbOrTx, membershipId: number) {
	return await db
		.select({
			id: annotationTasks.id,
			position: annotationTasks.position,
			submitted: annotations.id,
			draft: annotationDrafts.id
		})
		.from(annotationTasks)
		.leftJoin(annotations, eq(annotations.taskId, annotationTasks.id))
		.leftJoin(annotationDrafts, eq(annotationDrafts.taskId, annotationTasks.id))
		.where(eq(annotationTasks.membershipId, membershipId))
		.orderBy(asc(annotationTasks.position));
}

/** The annotator's next open task after `position` (wrapping round), or null when all are in. */
async function nextOpen(
	db: DbOrTx,
	membershipId: number,
	position: number
): Promise<number | null> {
	const open = (await memberTasks(db, membershipId)).filter((task) => task.submitted === null);
	return (open.find((task) => task.position > position) ?? open[0])?.id ?? null;
}

export async function annotatorWorklist(db: Db, principal: Principal): Promise<AnnotatorWorklist> {
	if (principal.kind !== 'user') return { studies: [] };
	const held = (await activeMemberships(db, principal.userId)).filter(
		(m) => m.role === 'annotator'
	);
	return {
		studies: await mapInOrder(held, async (membership) => {
			const study = (await db.select().from(studies).where(eq(studies.id, membership.studyId)))[0]!;
			const tasks = (await memberTasks(db, membership.id)).map((task) => ({
				task: task.id,
				index: task.position,
				status:
					task.submitted !== null
						? ('submitted' as const)
						: task.draft !== null
							? ('draft' as const)
							: ('open' as const)
			}));
			return {
				slug: study.slug,
				title: study.title,
				total: tasks.length,
				done: tasks.filter((task) => task.status === 'submitted').length,
				tasks
			};
		})
	};
}

/** The image URLs of a case, as the workstation fetches them. */
export async function imageUrls(db: DbOrTx, caseId: number, prefix: string) {
	return (await caseImageFiles(db, caseId)).map((_, index) => ({
		n: index + 1,
		url: `${prefix}/images/${index + 1}`
	}));
}

function submittedAsDraft(row: typeof annotations.$inferSelect): AnnotationDraft {
	return {
		classification: row.classification as 0 | 1,
		lesions: JSON.parse(row.lesionsJson) as AnnotationLesion[],
		...(row.note !== null && { note: row.note })
	};
}

export async function annotationView(
	db: Db,
	principal: Principal,
	taskId: number
): Promise<AnnotationView> {
	const { task, study } = await ownTask(db, principal, taskId, 'annotation.view');
	const settings = referenceStandardOf(study);
	const mine = await memberTasks(db, task.membershipId);
	const submitted = (await db.select().from(annotations).where(eq(annotations.taskId, task.id)))[0];
	const draft = (
		await db.select().from(annotationDrafts).where(eq(annotationDrafts.taskId, task.id))
	)[0];
	return {
		task: task.id,
		study: { slug: study.slug, title: study.title },
		position: {
			index: task.position,
			total: mine.length,
			done: mine.filter((row) => row.submitted !== null).length
		},
		images: await imageUrls(db, task.caseId, `/api/annotate/${task.id}`),
		shapes: ANNOTATION_SHAPES,
		lesionAttributes: settings.lesion_attributes,
		draft: submitted
			? submittedAsDraft(submitted)
			: draft
				? (JSON.parse(draft.stateJson) as AnnotationDraft)
				: null,
		submitted: submitted !== undefined,
		next: await nextOpen(db, task.membershipId, task.position)
	};
}

/** Lesions must lie on the case's images. */
async function checkImages(
	db: DbOrTx,
	caseId: number,
	lesions: AnnotationLesion[],
	prefix: string
) {
	const count = (await caseImageFiles(db, caseId)).length;
	lesions.forEach((lesion, index) => {
		if (lesion.lastImage > count)
			throw new InputError(
				`${prefix}lesions[${index}].lastImage: the case has ${count} image${count === 1 ? '' : 's'}, not ${lesion.lastImage}`,
				`lesions.${index}.lastImage`
			);
	});
}

export async function saveAnnotationDraft(
	db: Db,
	principal: Principal,
	taskId: number,
	draft: unknown,
	now = new Date()
): Promise<{ savedAt: Date }> {
	const parsed = parseWith(annotationDraftSchema, draft, 'draft');
	return await withTransaction(db, async (tx) => {
		const { task } = await ownTask(tx, principal, taskId, 'annotation.draft');
		if ((await tx.select().from(annotations).where(eq(annotations.taskId, task.id)))[0])
			throw new Conflict('This annotation is submitted: it can no longer change.');
		await checkImages(tx, task.caseId, parsed.lesions, 'draft: ');
		const values = { stateJson: JSON.stringify(parsed), updatedAt: now };
		await tx
			.insert(annotationDrafts)
			.values({ taskId: task.id, ...values })
			.onConflictDoUpdate({ target: annotationDrafts.taskId, set: values });
		await recordAudit(
			tx,
			principal,
			{
				action: 'annotation.draft_saved',
				entityType: 'annotation_task',
				entityId: task.id,
				studyId: task.studyId,
				after: { classification: parsed.classification, lesions: parsed.lesions.length }
			},
			now
		);
		return { savedAt: now };
	});
}

export interface SubmitResult {
	task: number;
	next: number | null;
	outcome: CaseOutcome;
}

export async function submitAnnotation(
	db: Db,
	principal: Principal,
	taskId: number,
	input: unknown,
	now = new Date()
): Promise<SubmitResult> {
	const parsed = parseWith(annotationInputSchema, input, 'annotation');
	return await withTransaction(db, async (tx) => {
		const { task, study } = await ownTask(tx, principal, taskId, 'annotation.submit');
		const settings = referenceStandardOf(study);
		const stored = (await tx.select().from(annotations).where(eq(annotations.taskId, task.id)))[0];
		if (stored) {
			if (stored.clientId !== parsed.clientId)
				throw new Conflict('This annotation is already submitted: it can no longer change.');
			return {
				task: task.id,
				next: await nextOpen(tx, task.membershipId, task.position),
				outcome: await caseOutcome(tx, task.caseId)
			};
		}
		await checkImages(tx, task.caseId, parsed.lesions, '');
		const id = (
			await tx
				.insert(annotations)
				.values({
					taskId: task.id,
					clientId: parsed.clientId,
					classification: parsed.classification,
					lesionsJson: JSON.stringify(parsed.lesions),
					note: parsed.note ?? null,
					submittedAt: now
				})
				.returning({ id: annotations.id })
		)[0]!.id;
		await tx.delete(annotationDrafts).where(eq(annotationDrafts.taskId, task.id));
		await recordAudit(
			tx,
			principal,
			{
				action: 'annotation.submitted',
				entityType: 'annotation',
				entityId: id,
				studyId: study.id,
				after: { task: task.id, lesions: parsed.lesions.length }
			},
			now
		);
		const outcome = await resolveCase(tx, principal, study, task.caseId, settings, now);
		return { task: task.id, next: await nextOpen(tx, task.membershipId, task.position), outcome };
	});
}

/** The store key of image n of the task's case, for the image route to stream. */
export async function annotationImageFile(
	db: Db,
	principal: Principal,
	taskId: number,
	n: number
): Promise<ImageKey> {
	const { task } = await ownTask(db, principal, taskId, 'annotation.image');
	const file =
		Number.isInteger(n) && n >= 1 ? (await caseImageFiles(db, task.caseId))[n - 1] : undefined;
	if (!file) throw new NotFound('No such image.');
	return file.key;
}

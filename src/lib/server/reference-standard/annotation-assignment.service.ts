// `tandem annotation assign`: each case of the study to `annotators` qualified annotators (seeded,
// balanced; design/reference-standard/annotation-assignment.ts). Idempotent: cases that already
// have their tasks keep them, new cases are added. Audited in the transaction that writes the tasks.
import { eq } from 'drizzle-orm';
import { annotationTasks, memberQualifications } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/audit.service';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, InputError } from '../errors';
import { assertDatasetOpen } from '../cases/dataset-freeze.service';
import { assignAnnotators } from '../../design/reference-standard/annotation-assignment';
import { protocolOf } from '../studies/study-protocol';
import { activeMembers, referenceStandardOf, studyCases } from './study-settings';
import { filterInOrder } from '../db/in-order';
import { withTransaction } from '../db/transaction';

export interface AssignmentResult {
	/** Tasks created now (0 when every case already had its annotators). */
	created: number;
	cases: number;
	annotators: number;
	seed: string;
}

export async function assignAnnotation(
	db: Db,
	principal: Principal,
	slug: string,
	options: { seed?: string } = {},
	now = new Date()
): Promise<AssignmentResult> {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['admin'], { action: 'annotation.assign' });
	const settings = referenceStandardOf(study);
	if (options.seed !== undefined && !/^\S{1,128}$/.test(options.seed))
		throw new InputError('seed: 1 to 128 characters without spaces', 'seed');
	const seed = options.seed ?? `${protocolOf(study).randomization.seed}:annotation`;
	return await withTransaction(db, async (tx) => {
		await assertDatasetOpen(tx, study.id, slug, 'assigning annotation tasks');
		const minimum = settings.min_years;
		const annotators = await filterInOrder(
			await activeMembers(tx, study.id, 'annotator'),
			async (member) => {
				const qualification = (
					await tx
						.select({ years: memberQualifications.yearsExperience })
						.from(memberQualifications)
						.where(eq(memberQualifications.membershipId, member.membershipId))
				)[0];
				return qualification !== undefined && qualification.years >= minimum;
			}
		);
		if (annotators.length < settings.annotators)
			throw new Conflict(
				`Study "${slug}" needs ${settings.annotators} qualified annotators per case (reference_standard.annotators, each with at least ${minimum} years) and has ${annotators.length}: add them with tandem user add --role annotator --years N first.`
			);
		const existing = await tx
			.select()
			.from(annotationTasks)
			.where(eq(annotationTasks.studyId, study.id));
		const assigned = new Set(existing.map((task) => task.caseId));
		const load = new Map<string, number>();
		for (const task of existing)
			load.set(String(task.membershipId), (load.get(String(task.membershipId)) ?? 0) + 1);
		const open = (await studyCases(tx, study.id)).filter((row) => !assigned.has(row.id));
		const caseIds = new Map(open.map((row) => [row.caseKey, row.id]));
		const plan = assignAnnotators(
			open.map((row) => row.caseKey),
			annotators.map((member) => String(member.membershipId)),
			settings.annotators,
			seed,
			load
		);
		const positions = new Map(load);
		for (const entry of plan)
			for (const member of entry.annotators) {
				const position = (positions.get(member) ?? 0) + 1;
				positions.set(member, position);
				await tx.insert(annotationTasks).values({
					studyId: study.id,
					caseId: caseIds.get(entry.caseKey)!,
					membershipId: Number(member),
					position,
					seed,
					createdAt: now
				});
			}
		const result = {
			created: plan.length * settings.annotators,
			cases: assigned.size + plan.length,
			annotators: annotators.length,
			seed
		};
		if (result.created > 0)
			await recordAudit(
				tx,
				principal,
				{
					action: 'annotation.assigned',
					entityType: 'study',
					entityId: study.id,
					studyId: study.id,
					after: { ...result, perCase: settings.annotators }
				},
				now
			);
		return result;
	});
}

// An annotator's own task: the only one they may see or change. Another annotator's task is
// NotFound, as a task that does not exist (and the refusal is audited), so that nobody learns what
// others were given.
import { eq } from 'drizzle-orm';
import { annotationTasks, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { NotFound, refuseAccess, requireStudyRole, type StudyAccess } from '../access/access';
import type { Principal } from '../access/principal';

export const NO_SUCH_TASK = 'No such annotation task.';

export async function ownTask(
	db: DbOrTx,
	principal: Principal,
	taskId: number,
	action: string
): Promise<{
	task: typeof annotationTasks.$inferSelect;
	study: typeof studies.$inferSelect;
	access: StudyAccess;
}> {
	const task = Number.isSafeInteger(taskId)
		? (await db.select().from(annotationTasks).where(eq(annotationTasks.id, taskId)))[0]
		: undefined;
	if (!task) throw new NotFound(NO_SUCH_TASK);
	const target = {
		action,
		targetType: 'annotation_task',
		targetId: taskId,
		missing: NO_SUCH_TASK
	};
	const access = await requireStudyRole(db, principal, task.studyId, ['annotator'], target);
	if (!access.trusted && access.membershipId !== task.membershipId)
		throw refuseAccess(access, new NotFound(NO_SUCH_TASK), target);
	const study = (await db.select().from(studies).where(eq(studies.id, task.studyId)))[0]!;
	return { task, study, access };
}

// Readers' schedules are drawn over the cases with truth (balanced on it): in a study whose truth
// is made in Tandem, no reader is enrolled before every case has its truth.
import { eq } from 'drizzle-orm';
import { referenceTruth, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { Conflict } from '../errors';
import { protocolOf } from '../studies/study-protocol';
import { studyCases } from './study-settings';
import { filterInOrder } from '../db/in-order';

export async function assertTruthCompleteForReaders(db: DbOrTx, studyId: number): Promise<void> {
	const study = (await db.select().from(studies).where(eq(studies.id, studyId)))[0];
	if (!study || !protocolOf(study).reference_standard) return;
	const missing = await filterInOrder(
		await studyCases(db, studyId),
		async (row) =>
			!(
				await db
					.select({ id: referenceTruth.id })
					.from(referenceTruth)
					.where(eq(referenceTruth.caseId, row.id))
			)[0]
	);
	if (missing.length > 0)
		throw new Conflict(
			`${missing.length} case(s) of "${study.slug}" have no truth yet (${missing
				.slice(0, 10)
				.map((row) => row.caseKey)
				.join(
					', '
				)}${missing.length > 10 ? ', …' : ''}): readers are scheduled over the cases' truth, so enrol readers once the reference standard is complete (tandem annotation status --study ${study.slug}).`
		);
}

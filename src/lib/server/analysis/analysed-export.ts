// What every analysis of a study stands on, and who may see it: the lock and the study's latest
// blind export (the in-app analysis, the report and `tandem analyze --study` all run on its coded
// data), seen by the statistician, the evaluator and the admin, and by the sponsor once the study
// is unblinded.
import { desc, eq } from 'drizzle-orm';
import { blindExports, type studies } from '../db/schema';
import type { Db } from '../db/client';
import { refuseAccess, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { AccessDenied, Conflict } from '../errors';
import { lockOf } from '../export/lock.service';

type Study = typeof studies.$inferSelect;

/** Refuses (and audits) anyone but an analyst, or the sponsor before unblinding. */
export async function requireAnalysisViewer(
	db: Db,
	principal: Principal,
	study: Study
): Promise<void> {
	// One check for all the roles (an analyst's role wins), so a refusal is recorded only once.
	const access = await requireStudyRole(db, principal, study.id, [
		'statistician',
		'evaluator',
		'admin',
		'sponsor'
	]);
	if (access.role === 'sponsor' && study.unblindedAt === null)
		throw refuseAccess(
			access,
			new AccessDenied('The analysis is shown to the sponsor once the study is unblinded.')
		);
}

/** The study's lock and latest blind export; a conflict naming what is missing. */
export async function analysedExport(db: Db, study: Study) {
	const lock = await lockOf(db, study.id);
	if (!lock)
		throw new Conflict(`${study.slug} is not locked: the analysis runs on the locked database.`);
	const latest = (
		await db
			.select()
			.from(blindExports)
			.where(eq(blindExports.studyId, study.id))
			.orderBy(desc(blindExports.id))
			.limit(1)
	)[0];
	if (!latest)
		throw new Conflict(
			`${study.slug} has no blind export yet: the analysis runs on the blind export's coded data.`
		);
	return { lock, latest };
}

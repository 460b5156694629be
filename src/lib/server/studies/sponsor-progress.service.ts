// The sponsor's study list figures: enrolment and read counts only. It reads no truth and no
// efficacy figure, so neither can leak to a sponsor from it (SEC-1).
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { countStudyReads } from '../reads/read-counts';
import { caseCount, siteStaffing } from './study-people';

/** Progress for the sponsor: enrolment and read counts only — no efficacy, no truth (SEC-1). */
export async function studyProgress(db: Db, principal: Principal, slug: string) {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['sponsor', 'admin']);
	const siteRows = await siteStaffing(db, study.id);
	const readers = siteRows.reduce((total, site) => total + site.readers, 0);
	const caseTotal = await caseCount(db, study.id);
	return {
		study: {
			slug: study.slug,
			title: study.title,
			design: study.design,
			protocolVersion: study.protocolVersion,
			isDemo: study.isDemo
		},
		sites: siteRows,
		cases: caseTotal,
		readsCompleted: await countStudyReads(db, study.id),
		// Every enrolled reader reads every case once per arm.
		readsPlanned: readers * caseTotal * 2
	};
}

// The analysts' first look at a study: the endpoints declared before the first read and how much
// data there is. Statistician, evaluator and admin only.
import type { Db } from '../db/client';
import { requireStudyBySlug, requireStudyRole } from '../access/access';
import type { Principal } from '../access/principal';
import { countStudyReads } from '../reads/read-counts';
import { protocolOf } from './study-protocol';
import { caseCount } from './study-people';

/** The endpoints declared before the first read and the state of the data, for analysts. */
export async function analysisOverview(db: Db, principal: Principal, slug: string) {
	const study = await requireStudyBySlug(db, slug);
	await requireStudyRole(db, principal, study.id, ['statistician', 'evaluator', 'admin']);
	const protocol = protocolOf(study);
	return {
		study: {
			slug: study.slug,
			title: study.title,
			protocolVersion: study.protocolVersion,
			sha256: study.protocolSha256
		},
		endpoints: protocol.endpoints,
		arms: protocol.arms,
		cases: await caseCount(db, study.id),
		reads: await countStudyReads(db, study.id)
	};
}

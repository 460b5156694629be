// The studies a caller belongs to, for every role's study list.
import { studies, type Role } from '../db/schema';
import type { Db } from '../db/client';
import { activeMemberships } from '../access/access';
import type { Principal } from '../access/principal';

export interface StudySummary {
	slug: string;
	title: string;
	design: string;
	isDemo: boolean;
	roles: Role[];
}

/** The studies the caller belongs to, with their roles in each; with `roles`, only those where they hold one of them. */
export async function listMyStudies(
	db: Db,
	principal: Principal,
	roles?: readonly Role[]
): Promise<StudySummary[]> {
	const all = await db.select().from(studies).orderBy(studies.slug);
	const held = principal.kind === 'user' ? await activeMemberships(db, principal.userId) : null;
	return all
		.map((study): StudySummary => ({
			...pick(study),
			roles: held
				? [...new Set(held.filter((m) => m.studyId === study.id).map((m) => m.role))]
				: ['admin']
		}))
		.filter(
			(study) =>
				study.roles.length > 0 && (!roles || study.roles.some((role) => roles.includes(role)))
		);
}

function pick(study: typeof studies.$inferSelect) {
	return { slug: study.slug, title: study.title, design: study.design, isDemo: study.isDemo };
}

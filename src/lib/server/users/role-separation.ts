// Who may hold which roles together in one study. A reader is blinded; whoever sees the
// allocation, the analysis or the key (sponsor, statistician, evaluator, admin) may not read in the
// same study, and a reader may not take one of those roles. Annotators and adjudicators make the
// truth: neither reads, and nobody is both in one study. Withdrawn memberships count: a
// withdrawn reader has read, a withdrawn statistician has seen what readers must not.
import { and, eq } from 'drizzle-orm';
import { memberships, ROLES, type Role } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { Conflict } from '../errors';

/** The roles a reader of the same study may never hold. */
export const NOT_WITH_READER: ReadonlySet<Role> = new Set([
	'sponsor',
	'statistician',
	'evaluator',
	'admin'
]);

/** The roles that make the reference standard: they see truth in the making, and never read. */
export const TRUTH_MAKERS: ReadonlySet<Role> = new Set(['annotator', 'adjudicator']);

const withArticle = (role: Role) => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;

/** Refuses `role` in the study to a user whose roles there do not go with it. */
export async function requireSeparateRoles(
	tx: DbOrTx,
	target: { userId: number; email: string },
	study: { id: number; slug: string },
	role: Role
): Promise<void> {
	if (role !== 'reader' && !NOT_WITH_READER.has(role) && !TRUTH_MAKERS.has(role)) return;
	const held = new Set(
		(
			await tx
				.select({ role: memberships.role })
				.from(memberships)
				.where(and(eq(memberships.userId, target.userId), eq(memberships.studyId, study.id)))
		).map((row) => row.role)
	);
	if (role === 'reader') {
		const conflict = ROLES.find(
			(other) => (NOT_WITH_READER.has(other) || TRUTH_MAKERS.has(other)) && held.has(other)
		);
		if (conflict)
			throw new Conflict(
				`${target.email} cannot be a reader in ${study.slug}: they are its ${conflict}, and a reader is blinded to what that role sees.`
			);
	} else if (held.has('reader')) {
		throw new Conflict(
			`${target.email} cannot be ${withArticle(role)} in ${study.slug}: they are one of its readers.`
		);
	}
	// An annotator is judged by the adjudicator: one person cannot be both in a study.
	const other = role === 'annotator' ? 'adjudicator' : role === 'adjudicator' ? 'annotator' : null;
	if (other && held.has(other))
		throw new Conflict(
			`${target.email} cannot be ${withArticle(role)} in ${study.slug}: they are its ${other}, and the adjudicator decides between the annotators.`
		);
}

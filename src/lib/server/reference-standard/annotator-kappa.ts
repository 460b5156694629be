// Each annotator against the adjudicator on the QC sample (issue 19): Cohen's kappa of their
// classifications of the checked sampled cases against the adjudicator's (a confirmed consensus,
// a correction, or the adjudicator's decision of a disagreement). Flagged when kappa is below the
// protocol's kappa_threshold. Kappa is undefined (null) when both used one class only — then they
// agree on every case, and nobody is flagged for it; with no checked case nothing is computed.
import { and, asc, eq } from 'drizzle-orm';
import { annotationTasks, annotations, memberships, users } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { cohenKappa } from '../../stats/agreement/cohen-kappa';
import { qcCasesOf } from './qc-state';
import { mapInOrder } from '../db/in-order';

export interface AnnotatorQcAgreement {
	email: string;
	name: string;
	/** Checked QC cases this annotator annotated. */
	cases: number;
	/** Share of those on which they gave the adjudicator's class. */
	agreement: number | null;
	kappa: number | null;
	flagged: boolean;
}

/** The study's annotators (everyone who was given a task), in the order they joined. */
export async function studyAnnotators(db: DbOrTx, studyId: number) {
	return await db
		.selectDistinct({ membershipId: memberships.id, email: users.email, name: users.name })
		.from(annotationTasks)
		.innerJoin(memberships, eq(annotationTasks.membershipId, memberships.id))
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(eq(annotationTasks.studyId, studyId))
		.orderBy(asc(memberships.id));
}

export function kappaOrNull(a: number[], b: number[]): number | null {
	if (a.length === 0) return null;
	try {
		return cohenKappa(a, b, { categories: ['0', '1'] }).kappa;
	} catch {
		return null;
	}
}

export async function annotatorQcAgreement(
	db: DbOrTx,
	studyId: number,
	threshold: number
): Promise<AnnotatorQcAgreement[]> {
	const checked = (await qcCasesOf(db, studyId)).filter((row) => row.adjudicatorClass !== null);
	return await mapInOrder(await studyAnnotators(db, studyId), async (annotator) => {
		const mine: number[] = [];
		const theirs: number[] = [];
		for (const row of checked) {
			const annotation = (
				await db
					.select({ classification: annotations.classification })
					.from(annotations)
					.innerJoin(annotationTasks, eq(annotations.taskId, annotationTasks.id))
					.where(
						and(
							eq(annotationTasks.caseId, row.caseId),
							eq(annotationTasks.membershipId, annotator.membershipId)
						)
					)
			)[0];
			if (!annotation) continue;
			mine.push(annotation.classification);
			theirs.push(row.adjudicatorClass!);
		}
		const kappa = kappaOrNull(mine, theirs);
		const agreement =
			mine.length === 0
				? null
				: mine.filter((value, i) => value === theirs[i]).length / mine.length;
		return {
			email: annotator.email,
			name: annotator.name,
			cases: mine.length,
			agreement,
			kappa,
			flagged: kappa !== null && kappa < threshold
		};
	});
}

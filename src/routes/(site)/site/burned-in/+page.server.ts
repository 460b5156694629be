import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import {
	REVIEW_DECISIONS,
	decideBurnedInReview,
	listBurnedInReviews
} from '$lib/server/cases/burned-in-review.service';
import { principalOf, serve } from '$lib/server/access/web';
import { formAction } from '$lib/server/access/form-action';
import { m } from '$lib/paraglide/messages';
import { mapInOrder } from '$lib/server/db/in-order';

const decideForm = z.object({
	study: z.string().min(1),
	review: z.coerce.number().int().positive(),
	decision: z.enum(REVIEW_DECISIONS, { error: () => m.burned_in_choose() }),
	note: z.string().trim().max(500).default('')
});

// Images flagged for burned-in identity (CAS-2), for the coordinator of each case's site and the
// admin; the service keeps a coordinator to their own site.
export const load: PageServerLoad = async (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const studies = await listMyStudies(db, principal, ['coordinator', 'admin']);
	return {
		studies: await mapInOrder(studies, async (study) => ({
			slug: study.slug,
			title: study.title,
			reviews: await serve(async () => await listBurnedInReviews(db, principal, study.slug))
		}))
	};
};

export const actions: Actions = {
	decide: formAction(decideForm, async ({ study, review, decision, note }, event) => {
		const row = await decideBurnedInReview(
			getDatabase(),
			principalOf(event),
			study,
			review,
			decision,
			note
		);
		return {
			done:
				decision === 'cleared'
					? m.burned_in_done_cleared({ id: row.id })
					: m.burned_in_done_withdrawn({ id: row.id, case: row.caseKey })
		};
	})
};

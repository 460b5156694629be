import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { dashboardSnapshot } from '$lib/server/monitor/dashboard.service';
import { listDeviations } from '$lib/server/monitor/deviations.service';
import { closeQuery, listQueries, raiseQuery } from '$lib/server/monitor/queries.service';
import { principalOf, serve } from '$lib/server/access/web';
import { attempt, formAction } from '$lib/server/access/form-action';
import { m } from '$lib/paraglide/messages';

// Progress, deviations and queries for the sponsor and admin; counts only, never efficacy.
export const load: PageServerLoad = async (event) =>
	await serve(async () => {
		const db = getDatabase();
		const principal = principalOf(event);
		const { slug } = event.params;
		return {
			snapshot: await dashboardSnapshot(db, principal, slug),
			deviations: await listDeviations(db, principal, slug),
			queries: await listQueries(db, principal, slug)
		};
	});

const closeForm = z.object({ query: z.coerce.number().int().positive() });
const done = { ok: true };

export const actions: Actions = {
	// The query service reads the raised query's fields itself (and names the one at fault).
	raise: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		return attempt(async () => {
			await raiseQuery(getDatabase(), principalOf(event), event.params.slug, form);
			return done;
		});
	},
	close: formAction(
		closeForm,
		async (form, event) => {
			await closeQuery(getDatabase(), principalOf(event), event.params.slug, form.query);
			return done;
		},
		{ invalid: () => m.site_which_query() }
	)
};

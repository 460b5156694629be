import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { dashboardSnapshot } from '$lib/server/monitor/dashboard.service';
import { listDeviations } from '$lib/server/monitor/deviations.service';
import { closeQuery, listQueries, raiseQuery } from '$lib/server/monitor/queries.service';
import { principalOf, serve } from '$lib/server/access/web';
import { ServiceError } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';

// Progress, deviations and queries for the sponsor and admin; counts only, never efficacy.
export const load: PageServerLoad = (event) =>
	serve(() => {
		const db = getDatabase();
		const principal = principalOf(event);
		const { slug } = event.params;
		return { snapshot: dashboardSnapshot(db, principal, slug), deviations: listDeviations(db, principal, slug), queries: listQueries(db, principal, slug) };
	});

async function attempt(action: () => unknown) {
	try {
		action();
		return { ok: true };
	} catch (error) {
		if (error instanceof ServiceError) return fail(error.status, { message: error.message });
		throw error;
	}
}

const closeForm = z.object({ query: z.coerce.number().int().positive() });

export const actions: Actions = {
	raise: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		return attempt(() => raiseQuery(getDatabase(), principalOf(event), event.params.slug, form));
	},
	close: async (event) => {
		const parsed = closeForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: m.site_which_query() });
		return attempt(() => closeQuery(getDatabase(), principalOf(event), event.params.slug, parsed.data.query));
	}
};

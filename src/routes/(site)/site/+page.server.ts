import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies, sitePeople } from '$lib/server/studies/study-overview.service';
import { siteNotifications, siteReaderProgress } from '$lib/server/schedule/site-progress.service';
import { withdrawReader } from '$lib/server/schedule/withdrawal.service';
import { answerQuery, listQueries } from '$lib/server/monitor/queries.service';
import { addUser } from '$lib/server/users/user.service';
import { pendingBurnedInCount } from '$lib/server/cases/burned-in-review.service';
import { principalOf, serve } from '$lib/server/access/web';
import { ServiceError } from '$lib/server/errors';
import { m } from '$lib/paraglide/messages';

const query = z.object({ site: z.string().max(64).optional() });
const optionalText = z.string().trim().max(200).transform((value) => (value === '' ? undefined : value));

// Messages as functions: worded in the request's interface language when shown. What the services
// say (ServiceError) stays English for now.
const enrolForm = z.object({
	study: z.string().min(1),
	site: z.string().min(1),
	email: z.string().trim().min(1, { error: () => m.site_email_required() }),
	name: z.string().trim().min(1, { error: () => m.site_name_required() }),
	password: optionalText,
	years: z
		.string()
		.trim()
		.transform((value) => (value === '' ? undefined : Number(value)))
		.pipe(z.int({ error: () => m.site_years_whole_number() }).min(0).max(70).optional()),
	specialty: optionalText,
	training: optionalText
});
const answerForm = z.object({ study: z.string().min(1), query: z.coerce.number().int().positive(), answer: z.string() });
const withdrawForm = z.object({ study: z.string().min(1), email: z.string().min(1), reason: z.string().trim().min(1, { error: () => m.site_give_reason() }) });

// A coordinator sees and enrols the people of their own site only; the services enforce it.
export const load: PageServerLoad = (event) => {
	const db = getDatabase();
	const principal = principalOf(event);
	const { site } = query.parse({ site: event.url.searchParams.get('site') ?? undefined });
	const studies = listMyStudies(db, principal).filter((study) => study.roles.includes('coordinator') || study.roles.includes('admin'));
	return {
		studies: studies.map((study) =>
			serve(() => {
				const people = sitePeople(db, principal, study.slug, site);
				const readers = people.site ? siteReaderProgress(db, principal, study.slug, people.site.code) : [];
				const burnedInPending = pendingBurnedInCount(db, principal, study.slug);
				return { ...people, readers, notifications: siteNotifications(readers), queries: listQueries(db, principal, study.slug), burnedInPending };
			})
		)
	};
};

async function attempt(action: () => Promise<unknown> | unknown, values: Record<string, unknown>) {
	try {
		await action();
		return null;
	} catch (error) {
		if (error instanceof ServiceError) return fail(error.status, { ...values, message: error.message });
		throw error;
	}
}

export const actions: Actions = {
	enrol: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const parsed = enrolForm.safeParse(form);
		const echo = { action: 'enrol', email: String(form.email ?? ''), name: String(form.name ?? '') };
		if (!parsed.success) return fail(400, { ...echo, message: parsed.error.issues[0]?.message ?? m.login_check_form() });
		const input = parsed.data;
		const failure = await attempt(
			() =>
				addUser(getDatabase(), principalOf(event), {
					email: input.email,
					name: input.name,
					role: 'reader',
					study: input.study,
					site: input.site,
					password: input.password,
					qualifications: { yearsExperience: input.years, specialty: input.specialty, trainingCompletedAt: input.training }
				}),
			echo
		);
		return failure ?? { action: 'enrol', email: '', name: '', done: m.site_enrolled({ email: input.email }) };
	},
	answer: async (event) => {
		const parsed = answerForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { action: 'answer', message: m.site_which_query() });
		const { study, query, answer } = parsed.data;
		const failure = await attempt(() => answerQuery(getDatabase(), principalOf(event), study, query, answer), { action: 'answer' });
		return failure ?? { action: 'answer', done: m.site_query_answered({ query }) };
	},
	withdraw: async (event) => {
		const parsed = withdrawForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { action: 'withdraw', message: parsed.error.issues[0]?.message ?? m.login_check_form() });
		const failure = await attempt(() => withdrawReader(getDatabase(), principalOf(event), parsed.data), { action: 'withdraw' });
		return failure ?? { action: 'withdraw', done: m.site_reader_withdrawn({ email: parsed.data.email }) };
	}
};

import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { siteOverview } from '$lib/server/studies/site-overview.service';
import { withdrawReader } from '$lib/server/schedule/withdrawal.service';
import { answerQuery } from '$lib/server/monitor/queries.service';
import { addUser } from '$lib/server/users/user.service';
import { invitationLink, mailInvitation } from '$lib/server/users/invitation-mail.service';
import { publicUrl } from '$lib/server/config';
import { mailSettings } from '$lib/server/config-combined';
import { principalOf, serve } from '$lib/server/access/web';
import { formAction } from '$lib/server/access/form-action';
import { m } from '$lib/paraglide/messages';
import { TEXT_MAX } from '$lib/domain/free-text';

const query = z.object({ site: z.string().max(TEXT_MAX.code).optional() });
const optionalText = z
	.string()
	.trim()
	.max(200)
	.transform((value) => (value === '' ? undefined : value));

// Messages as functions: worded in the request's interface language when shown. What the services
// say (ServiceError) stays English for now.
const enrolForm = z.object({
	study: z.string().min(1),
	site: z.string().min(1),
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.site_email_required() })
		.max(TEXT_MAX.email),
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.site_name_required() })
		.max(TEXT_MAX.name),
	years: z
		.string()
		.trim()
		.transform((value) => (value === '' ? undefined : Number(value)))
		.pipe(
			z
				.int({ error: () => m.site_years_whole_number() })
				.min(0)
				.max(70)
				.optional()
		),
	specialty: optionalText,
	training: optionalText
});
const answerForm = z.object({
	study: z.string().min(1),
	query: z.coerce.number().int().positive(),
	answer: z.string().max(TEXT_MAX.reason)
});
const withdrawForm = z.object({
	study: z.string().min(1),
	email: z.string().min(1),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.site_give_reason() })
		.max(TEXT_MAX.reason),
	// Withdrawal cannot be undone: the form carries an explicit confirmation.
	confirm: z.literal('yes', { error: () => m.site_withdraw_confirm_required() })
});

// A coordinator sees and enrols the people of their own site only; the services enforce it.
export const load: PageServerLoad = async (event) => {
	const parsed = query.safeParse({ site: event.url.searchParams.get('site') ?? undefined });
	if (!parsed.success) error(400, m.site_code_too_long());
	const { site } = parsed.data;
	return {
		studies: await serve(async () => await siteOverview(getDatabase(), principalOf(event), site))
	};
};

export const actions: Actions = {
	enrol: formAction(
		enrolForm,
		async (input, event) => {
			// The new reader is invited: a one-time link to set their own password, shown here once and
			// e-mailed to them when mail is configured.
			const db = getDatabase();
			const principal = principalOf(event);
			const added = await addUser(db, principal, {
				email: input.email,
				name: input.name,
				role: 'reader',
				study: input.study,
				site: input.site,
				qualifications: {
					yearsExperience: input.years,
					specialty: input.specialty,
					trainingCompletedAt: input.training
				}
			});
			const baseUrl = publicUrl() ?? event.url.origin;
			const mail =
				added.invitation &&
				(await mailInvitation(db, principal, added.invitation, { mail: mailSettings(), baseUrl }));
			return {
				action: 'enrol',
				email: '',
				name: '',
				done: m.site_enrolled({ email: input.email }),
				invitation: added.invitation && {
					email: added.email,
					url: invitationLink(added.invitation.token, baseUrl),
					expiresAt: added.invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
					mailed: mail?.status ?? 'off'
				}
			};
		},
		{
			echo: (form) => ({
				action: 'enrol',
				email: String(form.email ?? ''),
				name: String(form.name ?? '')
			})
		}
	),
	answer: formAction(
		answerForm,
		async ({ study, query, answer }, event) => {
			await answerQuery(getDatabase(), principalOf(event), study, query, answer);
			return { action: 'answer', done: m.site_query_answered({ query }) };
		},
		{ echo: { action: 'answer' }, invalid: () => m.site_which_query() }
	),
	withdraw: formAction(
		withdrawForm,
		async (input, event) => {
			await withdrawReader(getDatabase(), principalOf(event), {
				study: input.study,
				email: input.email,
				reason: input.reason
			});
			return { action: 'withdraw', done: m.site_reader_withdrawn({ email: input.email }) };
		},
		{ echo: { action: 'withdraw' } }
	)
};

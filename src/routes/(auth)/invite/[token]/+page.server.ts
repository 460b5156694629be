import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { acceptInvitation, openInvitation } from '$lib/server/users/invitation.service';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { attempt, parseForm } from '$lib/server/access/form-action';
import { m } from '$lib/paraglide/messages';

// The public page of an invitation link: its owner sets their own password, then signs in. A link
// that cannot be used (unknown, used, expired) gets one page that says nothing more.
const inviteForm = z
	.object({
		password: z
			.string()
			.min(MIN_PASSWORD_LENGTH, { error: () => m.invite_too_short({ min: MIN_PASSWORD_LENGTH }) })
			.max(200, { error: () => m.invite_too_long() }),
		repeat: z.string().max(200)
	})
	.refine((form) => form.password === form.repeat, {
		path: ['repeat'],
		error: () => m.invite_mismatch()
	});

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await openInvitation(getDatabase(), params.token);
	return {
		invitation: invitation && {
			email: invitation.email,
			name: invitation.name,
			expiresAt: invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')
		},
		minLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	default: async ({ request, params, getClientAddress }) => {
		const form = await parseForm(request, inviteForm);
		if (!form.ok) return form.failure;
		const result = await attempt(() =>
			acceptInvitation(getDatabase(), params.token, form.data.password, {
				ip: getClientAddress()
			})
		);
		if (!('ok' in result)) return result;
		if (!result.ok)
			return fail(result.reason === 'locked' ? 429 : 400, {
				message:
					result.reason === 'locked'
						? m.login_locked({ minutes: Math.ceil((result.retryAfterMs ?? 0) / 60000) })
						: m.invite_unusable_text()
			});
		redirect(303, '/login?invited=1');
	}
};

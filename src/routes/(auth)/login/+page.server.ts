import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { attemptLogin } from '$lib/server/auth/login.service';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeNextPath } from '$lib/server/auth/next-path';
import { activeMemberships, homeFor } from '$lib/server/access/access';
import { parseForm } from '$lib/server/access/form-action';
import { m } from '$lib/paraglide/messages';

// Messages as functions: they are worded in the request's interface language when shown.
const loginForm = z.object({
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.login_enter_email() })
		.max(320),
	password: z
		.string()
		.min(1, { error: () => m.login_enter_password() })
		.max(200)
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.roles));
	// Back from an invitation link: the password is set, now the first sign-in.
	return { invited: url.searchParams.has('invited') };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await parseForm(request, loginForm, {
			echo: (raw) => ({ email: typeof raw.email === 'string' ? raw.email : '' })
		});
		if (!form.ok) return form.failure;
		const { email } = form.echo;

		const db = getDatabase();
		const result = await attemptLogin(db, form.data.email, form.data.password, {
			ip: getClientAddress()
		});
		if (!result.ok) {
			const message =
				result.reason === 'locked'
					? m.login_locked({ minutes: Math.ceil((result.retryAfterMs ?? 0) / 60000) })
					: m.login_wrong_password();
			return fail(result.reason === 'locked' ? 429 : 400, { email, message });
		}
		setSessionCookie(cookies, result.token, result.session.expiresAt, url.protocol === 'https:');
		const roles = new Set(
			(await activeMemberships(db, result.user.userId)).map((membership) => membership.role)
		);
		redirect(303, safeNextPath(url.searchParams.get('next'), url.origin) ?? homeFor(roles));
	}
};

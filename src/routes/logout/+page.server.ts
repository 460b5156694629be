import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { logout } from '$lib/server/auth/login.service';
import { deleteSessionCookie } from '$lib/server/auth/cookies';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.user && locals.session) {
			await logout(
				getDatabase(),
				{ kind: 'user', userId: locals.user.id, email: locals.user.email, name: locals.user.name },
				locals.session.id
			);
		}
		deleteSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/login');
	}
};

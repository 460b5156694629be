import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { homeFor } from '$lib/server/access/access';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? homeFor(locals.roles) : '/login');
};

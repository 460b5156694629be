import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { nextAssignment } from '$lib/server/reads/reading.service';
import { principalOf } from '$lib/server/access/web';

const query = z.object({ study: z.string().min(1).max(64) });

// Resume: the first unread case of the reader's earliest open session, or back to the worklist.
export const load: PageServerLoad = async (event) => {
	const parsed = query.safeParse({ study: event.url.searchParams.get('study') });
	const next = parsed.success
		? await nextAssignment(getDatabase(), principalOf(event), parsed.data.study)
		: null;
	redirect(303, next ? `/read/${next}` : '/read');
};

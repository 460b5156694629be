import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { siteSubmittedReads } from '$lib/server/reads/submitted-reads.service';
import { principalOf, serve } from '$lib/server/access/web';
import { m } from '$lib/paraglide/messages';
import { TEXT_MAX } from '$lib/domain/free-text';

const query = z.object({ study: z.string().min(1).max(TEXT_MAX.code) });

// The submitted reads of the coordinator's own site's readers, to correct a data-entry error; the
// service scopes them to the coordinator's site.
export const load: PageServerLoad = async (event) => {
	const parsed = query.safeParse({ study: event.url.searchParams.get('study') ?? '' });
	if (!parsed.success) error(400, m.site_reads_which_study());
	return {
		reads: await serve(
			async () => await siteSubmittedReads(getDatabase(), principalOf(event), parsed.data.study)
		)
	};
};

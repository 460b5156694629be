import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { listMyStudies } from '$lib/server/studies/my-studies.service';
import { principalOf } from '$lib/server/access/web';

export const load: PageServerLoad = async (event) => ({
	studies: await listMyStudies(getDatabase(), principalOf(event), ['admin'])
});

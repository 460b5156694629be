import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { adminStudyOverview } from '$lib/server/studies/study-overview.service';
import { principalOf, serve } from '$lib/server/access/web';

export const load: PageServerLoad = (event) => serve(() => adminStudyOverview(getDatabase(), principalOf(event), event.params.slug));

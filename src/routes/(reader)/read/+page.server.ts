import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readerWorklist } from '$lib/server/reads/worklist.service';
import { principalOf } from '$lib/server/access/web';

// The reader's own sessions only. Nothing here can carry truth, AI output or others' reads.
export const load: PageServerLoad = (event) => ({
	worklist: readerWorklist(getDatabase(), principalOf(event))
});

import type { PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { readerWorklist } from '$lib/server/reads/worklist.service';
import { readerSubmittedReads } from '$lib/server/reads/submitted-reads.service';
import { principalOf } from '$lib/server/access/web';

// The reader's own sessions and submitted reads only. Nothing here can carry truth, AI output or
// others' reads.
export const load: PageServerLoad = async (event) => {
	const principal = principalOf(event);
	return {
		worklist: await readerWorklist(getDatabase(), principal),
		submitted: await readerSubmittedReads(getDatabase(), principal)
	};
};

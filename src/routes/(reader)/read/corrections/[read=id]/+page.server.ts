import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { correctionForm } from '$lib/server/reads/correction.service';
import { correctionAction } from '$lib/server/reads/correction-form';
import { principalOf, serve } from '$lib/server/access/web';

// The reader's correction of their own read: the service decides whose read it is (another's is
// "not found") and shows its values only — no images, no AI output, no truth.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		correction: await correctionForm(getDatabase(), principalOf(event), Number(event.params.read))
	}));

export const actions: Actions = {
	correct: correctionAction((_form, result) => `/read?corrected=${result.readId}`)
};

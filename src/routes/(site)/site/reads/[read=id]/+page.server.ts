import type { Actions, PageServerLoad } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { correctionForm } from '$lib/server/reads/correction.service';
import { correctionAction } from '$lib/server/reads/correction-form';
import { principalOf, serve } from '$lib/server/access/web';

// A coordinator's correction of a data-entry error in a read of their own site's reader; any other
// read is "not found" (the service decides). The read's values only: no images, AI output or truth.
export const load: PageServerLoad = async (event) =>
	await serve(async () => ({
		correction: await correctionForm(getDatabase(), principalOf(event), Number(event.params.read))
	}));

export const actions: Actions = {
	correct: correctionAction(
		(form, result) =>
			`/site/reads?study=${encodeURIComponent(form.study ?? '')}&corrected=${result.readId}`
	)
};

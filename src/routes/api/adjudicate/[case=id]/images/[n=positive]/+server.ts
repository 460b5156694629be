import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { adjudicationImageFile } from '$lib/server/reference-standard/adjudication.service';
import { principalOf, serve } from '$lib/server/access/web';
import { imageResponse } from '$lib/server/images/image-response';
import { imageStore } from '$lib/server/images/image-stores';

// The DICOM file exactly as stored, only for a case in the adjudicator's queue or QC sample.
export const GET: RequestHandler = async (event) => {
	const key = await serve(
		async () =>
			await adjudicationImageFile(
				getDatabase(),
				principalOf(event),
				Number(event.params.case),
				Number(event.params.n)
			)
	);
	return imageResponse(imageStore(), key, event.request);
};

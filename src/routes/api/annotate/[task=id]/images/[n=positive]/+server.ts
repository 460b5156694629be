import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { annotationImageFile } from '$lib/server/reference-standard/annotation.service';
import { principalOf, serve } from '$lib/server/access/web';
import { imageResponse } from '$lib/server/images/image-response';
import { imageStore } from '$lib/server/images/image-stores';

// The DICOM file exactly as stored, only for one of the caller's own annotation tasks.
export const GET: RequestHandler = async (event) => {
	const key = await serve(
		async () =>
			await annotationImageFile(
				getDatabase(),
				principalOf(event),
				Number(event.params.task),
				Number(event.params.n)
			)
	);
	return imageResponse(imageStore(), key, event.request);
};

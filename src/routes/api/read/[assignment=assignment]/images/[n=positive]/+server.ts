import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { imageForReading } from '$lib/server/reads/reading.service';
import { principalOf, serve } from '$lib/server/access/web';
import { imageResponse } from '$lib/server/images/image-response';
import { imageStore } from '$lib/server/images/image-stores';

// The DICOM file exactly as stored (no transcoding, no lossy compression: READ-5), only for the
// caller's own open, unread assignment.
export const GET: RequestHandler = async (event) => {
	const key = await serve(
		async () =>
			await imageForReading(
				getDatabase(),
				principalOf(event),
				event.params.assignment,
				Number(event.params.n)
			)
	);
	return imageResponse(imageStore(), key, event.request);
};

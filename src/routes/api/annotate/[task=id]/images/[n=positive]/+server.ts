import { readFile } from 'node:fs/promises';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { annotationImageFile } from '$lib/server/reference-standard/annotation.service';
import { principalOf, serve } from '$lib/server/access/web';

// The DICOM file exactly as stored, only for one of the caller's own annotation tasks.
export const GET: RequestHandler = async (event) => {
	const path = serve(() =>
		annotationImageFile(
			getDatabase(),
			principalOf(event),
			Number(event.params.task),
			Number(event.params.n)
		)
	);
	const bytes = await readFile(path);
	return new Response(bytes, {
		headers: {
			'Content-Type': 'application/dicom',
			'Content-Length': String(bytes.length),
			'Cache-Control': 'private, max-age=3600'
		}
	});
};

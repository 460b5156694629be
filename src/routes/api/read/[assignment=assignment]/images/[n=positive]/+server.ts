import { readFile } from 'node:fs/promises';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { imageForReading } from '$lib/server/reads/reading.service';
import { principalOf, serve } from '$lib/server/access/web';

// The DICOM file exactly as stored (no transcoding, no lossy compression: READ-5), only for the
// caller's own open, unread assignment.
export const GET: RequestHandler = async (event) => {
	const path = serve(() =>
		imageForReading(
			getDatabase(),
			principalOf(event),
			event.params.assignment,
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

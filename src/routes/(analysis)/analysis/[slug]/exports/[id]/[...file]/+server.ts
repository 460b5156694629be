import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { principalOf, serve } from '$lib/server/access/web';
import { exportFile } from '$lib/server/analysis/analysis-pipeline.service';

// One file of a blind export made in the app, for the statistician, evaluator and admin.
export const GET: RequestHandler = async (event) => {
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id < 1) error(404, 'No such export.');
	const file = await serve(
		async () =>
			await exportFile(getDatabase(), principalOf(event), event.params.slug, id, event.params.file)
	);
	const base = file.name.split('/').at(-1) ?? 'file';
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename="export-${id}-${base}"`,
			'cache-control': 'no-store'
		}
	});
};

import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { principalOf, serve } from '$lib/server/access/web';
import { renderReport } from '$lib/server/verification-report/report.service';

// The verification report as HTML or PDF, rendered on request from the analysis of the blind export.
export const GET: RequestHandler = async (event) => {
	const format = event.params.format;
	if (format !== 'html' && format !== 'pdf')
		error(404, 'The report is available as report.html or report.pdf.');
	const report = await serve(() =>
		renderReport(getDatabase(), principalOf(event), event.params.slug, format)
	);
	return new Response(typeof report.body === 'string' ? report.body : new Uint8Array(report.body), {
		headers: {
			'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'application/pdf',
			'content-disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${report.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};

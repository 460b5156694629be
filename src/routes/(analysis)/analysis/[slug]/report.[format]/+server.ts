import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db/client';
import { principalOf, serve } from '$lib/server/access/web';
import { renderReport } from '$lib/server/verification-report/report.service';
import { getLocale } from '$lib/paraglide/runtime';
import {
	REPORT_LANGUAGES,
	reportLanguageOf,
	type ReportLanguage
} from '$lib/verification-report/report-language';

// The verification report as HTML or PDF, rendered on request from the analysis of the blind export,
// in the interface's language unless ?lang=en|zh asks for the other.
export const GET: RequestHandler = async (event) => {
	const format = event.params.format;
	if (format !== 'html' && format !== 'pdf')
		error(404, 'The report is available as report.html or report.pdf.');
	const asked = event.url.searchParams.get('lang');
	if (asked !== null && !(REPORT_LANGUAGES as readonly string[]).includes(asked))
		error(400, `lang: the report is written in ${REPORT_LANGUAGES.join(' or ')}, not "${asked}".`);
	const lang = (asked as ReportLanguage | null) ?? reportLanguageOf(getLocale());
	const report = await serve(() =>
		renderReport(getDatabase(), principalOf(event), event.params.slug, format, new Date(), lang)
	);
	return new Response(typeof report.body === 'string' ? report.body : new Uint8Array(report.body), {
		headers: {
			'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'application/pdf',
			'content-disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${report.fileName}"`,
			'content-language': lang === 'zh' ? 'zh-CN' : 'en',
			'cache-control': 'no-store',
			vary: 'Accept-Language, Cookie'
		}
	});
};

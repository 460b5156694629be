// HTML → PDF with the machine's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH), driven
// headless by playwright-core: the report is printed exactly as a browser would print it, with
// page numbers in the footer.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ServiceError } from '../errors';
import { chromiumPath } from '../config';
import { inLanguage, type ReportLanguage } from '../../verification-report/report-language';
import { notoSansScFaces } from './report-fonts';

/** The footer's page counter in each report language (Chromium fills in the two numbers). */
const PAGE_OF = {
	en: 'page <span class="pageNumber"></span> of <span class="totalPages"></span>',
	zh: '第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页'
};

export class PdfUnavailable extends ServiceError {
	constructor(message: string) {
		super(message, 503);
	}
}

/** The HTML printed to an A4 PDF, with `footerText` and the page counter in `lang` at each page's foot. */
export async function htmlToPdf(
	html: string,
	footerText: string,
	lang: ReportLanguage = 'en'
): Promise<Buffer> {
	const executablePath = chromiumPath();
	if (!existsSync(executablePath))
		throw new PdfUnavailable(
			`Chromium is not installed at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH): the PDF cannot be printed.`
		);
	let browser: Awaited<ReturnType<typeof chromium.launch>>;
	try {
		browser = await chromium.launch({
			executablePath,
			args: ['--no-sandbox', '--disable-dev-shm-usage']
		});
	} catch (error) {
		throw new PdfUnavailable(
			`Chromium at ${executablePath} could not be started (${(error as Error).message.split('\n')[0]}): the PDF cannot be printed.`
		);
	}
	try {
		// The footer is a page of its own: a Chinese one carries the font's faces it needs.
		const footer = `<span>${footerText.replace(/[<>&"]/g, '')}</span><span>${inLanguage(lang, PAGE_OF)}</span>`;
		const fonts = lang === 'zh' ? `<style>${notoSansScFaces(`${footer}0123456789`)}</style>` : '';
		const page = await browser.newPage();
		await page.setContent(html, { waitUntil: 'load' });
		return await page.pdf({
			format: 'A4',
			printBackground: true,
			preferCSSPageSize: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate: `${fonts}<div style="font-size:8px;font-family:'Noto Sans SC',sans-serif;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#555">${footer}</div>`
		});
	} finally {
		await browser.close();
	}
}

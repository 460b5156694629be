// HTML → PDF with the machine's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH), driven
// headless by playwright-core: the report is printed exactly as a browser would print it, with
// page numbers in the footer.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ServiceError } from '../errors';
import { chromiumPath } from '../config';

export class PdfUnavailable extends ServiceError {
	constructor(message: string) {
		super(message, 503);
	}
}

export async function htmlToPdf(html: string, footerText: string): Promise<Buffer> {
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
		const page = await browser.newPage();
		await page.setContent(html, { waitUntil: 'load' });
		return await page.pdf({
			format: 'A4',
			printBackground: true,
			preferCSSPageSize: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate: `<div style="font-size:8px;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#555"><span>${footerText.replace(/[<>&"]/g, '')}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
		});
	} finally {
		await browser.close();
	}
}

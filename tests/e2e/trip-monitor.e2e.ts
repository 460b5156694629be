// The sponsor's monitor as a sponsor meets it: with no read yet, with every read on one day, with
// reads over many days; its figures' labels whole in English and in Chinese; a reader in period 1
// reading, not "in washout"; no projected end without a reading rate.
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV } from './database.fixture';
import { DEMO, signIn } from './session.fixture';

const READER_PASSWORD = 'reader password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

/** A 12-case study under its own slug, two readers (site-a, site-b), the demo sponsor as its sponsor. */
function studyWithReaders(slug: string): string[] {
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`);
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	const emails = [`${slug}.r1@x.org`, `${slug}.r2@x.org`];
	for (const [index, email] of emails.entries())
		cli(
			[
				'reader',
				'enrol',
				'--study',
				slug,
				'--site',
				index === 0 ? 'site-a' : 'site-b',
				'--email',
				email,
				'--name',
				`Reader ${index + 1}`,
				'--password-stdin'
			],
			READER_PASSWORD
		);
	cli([
		'user',
		'add',
		'--study',
		slug,
		'--email',
		DEMO.sponsor,
		'--name',
		'x',
		'--role',
		'sponsor'
	]);
	return emails;
}

/** Texts of the monitor's figures that reach outside their figure's drawing area. */
async function clippedFigureTexts(page: Page): Promise<string[]> {
	return page.locator('section.panel svg').evaluateAll((figures) =>
		figures.flatMap((figure) => {
			const svg = figure as SVGSVGElement;
			const box = svg.viewBox.baseVal;
			return [...svg.querySelectorAll('text')]
				.filter((text) => {
					const bbox = text.getBBox();
					return bbox.x < box.x - 0.5 || bbox.x + bbox.width > box.x + box.width + 0.5;
				})
				.map((text) => text.textContent ?? '');
		})
	);
}

test('the demo monitor shows every figure label whole, in English and in Chinese', async ({
	page
}) => {
	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/demo-crossover');
	const bars = page.getByRole('img', { name: 'Reads by period and arm' });
	await expect(bars.locator('text.label')).toContainText([
		'P1 Reader with AI',
		'P1 Reader alone',
		'P2 Reader with AI',
		'P2 Reader alone'
	]);
	expect(await clippedFigureTexts(page)).toEqual([]);

	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.reload();
	await expect(page.locator('text.label').filter({ hasText: '周期1 Reader with AI' })).toHaveCount(
		1
	);
	expect(await clippedFigureTexts(page)).toEqual([]);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('with no read yet: no line, no projected end, readers not started', async ({ page }) => {
	test.setTimeout(90_000);
	studyWithReaders('trip-none');
	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/trip-none');
	await expect(page.getByText('No read yet.')).toBeVisible();
	const projection = page.getByTestId('projection');
	await expect(projection).toContainText('no projected end: no read in the last 7 days');
	await expect(projection).not.toContainText('projected end 20');
	await expect(projection).not.toContainText(/\d{4}-\d\d-\d\d/);
	const readers = page.getByTestId('monitor-readers');
	await expect(readers.locator('tbody tr')).toHaveCount(2);
	await expect(readers).toContainText('not started');
	await expect(readers).not.toContainText('washout');
});

test('with every read on one day: a rising line, the reader reading period 1, a projected end at a real rate', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const [reader] = studyWithReaders('trip-oneday');
	const readerContext = await browser.newContext();
	const readerPage = await readerContext.newPage();
	await signIn(readerPage, reader!, READER_PASSWORD);
	for (const [index, assignment] of (
		await readerAssignmentIds(E2E_STORE, reader!, {
			period: 1,
			unread: true,
			limit: 4
		})
	).entries()) {
		const response = await readerPage.request.post('/api/reads', {
			data: {
				assignment,
				clientId: `trip-oneday-${index}`,
				decision: index % 2,
				confidence: 40 + index,
				readingTimeMs: 30_000
			}
		});
		expect(response.status()).toBe(201);
	}
	await readerContext.close();

	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/trip-oneday');
	const line = page.getByTestId('cumulative-line');
	const box = await line.evaluate((path) => {
		const { width, height } = (path as SVGPathElement).getBBox();
		return { width, height };
	});
	// A rise over the one day (narrow beside a projected end weeks away, but drawn).
	expect(box.width).toBeGreaterThan(2);
	expect(box.height).toBeGreaterThan(10);
	const readers = page.getByTestId('monitor-readers');
	await expect(readers.locator('tbody tr').first()).toContainText('reading');
	await expect(readers).not.toContainText('washout');
	const projection = page.getByTestId('projection');
	await expect(projection).toContainText(/\d{4}-\d\d-\d\d\s*projected end/);
	await expect(projection).toContainText('0.6 reads per day over the last 7 days');
	expect(await clippedFigureTexts(page)).toEqual([]);
});

test('with reads over many days and every read done: the line climbs to the plan, reading complete', async ({
	page
}) => {
	test.setTimeout(120_000);
	studyWithReaders('trip-manydays');
	cli(['demo', 'simulate-reads', '--study', 'trip-manydays', '--seed', '3']);
	await signIn(page, DEMO.sponsor);
	await page.goto('/monitor/trip-manydays');
	await expect(page.getByTestId('reads-done')).toHaveText('48');
	const path = (await page.getByTestId('cumulative-line').getAttribute('d'))!;
	expect(path.match(/L/g)!.length).toBeGreaterThanOrEqual(2);
	const projection = page.getByTestId('projection');
	await expect(projection).toContainText('every planned read done');
	await expect(projection).not.toContainText('projected end');
	await expect(page.getByTestId('monitor-readers')).toContainText('all read');
	expect(await clippedFigureTexts(page)).toEqual([]);
});

test('the browser finds a favicon.ico (no 404 in the server log), linked from every page', async ({
	page
}) => {
	const icon = await page.request.get('/favicon.ico');
	expect(icon.status()).toBe(200);
	expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
	await page.goto('/login');
	await expect(page.locator('link[rel="icon"][href$="favicon.ico"]')).toHaveCount(1);
});

// What a reader, a coordinator and a sponsor can fetch — pages and the JSON behind them.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, DEMO_CT, signIn } from './session.fixture';

/** Words only reference truth carries: truth.csv's column names and the table's name. */
function truthMarkers(): string[] {
	const [header] = readFileSync('studies/demo-crossover/truth.csv', 'utf8').split('\n');
	const columns = header!.split(',').filter((column) => column !== 'case_id');
	return [...columns, 'reference_truth', 'truth'];
}

async function fetchText(page: Page, path: string): Promise<{ status: number; body: string }> {
	return page.evaluate(async (url) => {
		const response = await fetch(url, { redirect: 'manual' });
		return { status: response.status, body: await response.text() };
	}, path);
}

test('a reader gets no truth in any page or JSON, and no other role’s area', async ({ page }) => {
	await signIn(page, DEMO.readerA1);
	const markers = truthMarkers();
	for (const path of ['/read', '/read/__data.json', '/__data.json']) {
		const { status, body } = await fetchText(page, path);
		expect(status, path).toBeLessThan(400);
		for (const marker of markers)
			expect(body.toLowerCase(), `${path} contains ${marker}`).not.toContain(marker.toLowerCase());
		expect(body).not.toMatch(/C\d{3}/); // no case ids either
	}
	for (const path of [
		'/admin/studies',
		'/admin/studies/demo-crossover',
		'/admin/studies/demo-crossover/__data.json',
		'/monitor',
		'/monitor/__data.json',
		'/site',
		'/site/__data.json',
		'/analysis',
		'/analysis/__data.json'
	]) {
		const { status, body } = await fetchText(page, path);
		expect(status, path).toBe(403);
		for (const marker of markers)
			expect(body.toLowerCase(), `${path} contains ${marker}`).not.toContain(marker.toLowerCase());
	}
});

test('a coordinator sees their own site’s people and never another site’s', async ({ page }) => {
	await signIn(page, DEMO.coordinatorA);
	const ctStudy = page
		.locator('section')
		.filter({ has: page.getByRole('heading', { level: 2, name: DEMO_CT.title }) });
	await expect(ctStudy.getByRole('cell', { name: 'reader.a1@demo.example.org' })).toBeVisible();
	for (const path of [
		'/site',
		'/site?site=site-b',
		'/site/__data.json',
		'/site/__data.json?site=site-b'
	]) {
		const { status, body } = await fetchText(page, path);
		expect(status, path).toBe(200);
		expect(body, path).not.toContain('reader.b1@demo.example.org');
		expect(body, path).not.toContain('coordinator.b@demo.example.org');
		expect(body, path).not.toContain('site-b');
	}
	expect((await fetchText(page, '/admin/studies/demo-crossover')).status).toBe(403);
});

test('the sponsor sees progress counts and nothing of the truth', async ({ page }) => {
	await signIn(page, DEMO.sponsor);
	await expect(page.getByText(/0 of 1440 reads/)).toBeVisible();
	const { body } = await fetchText(page, '/monitor/__data.json');
	for (const marker of truthMarkers())
		expect(body.toLowerCase()).not.toContain(marker.toLowerCase());
	expect((await fetchText(page, '/analysis')).status).toBe(403);
});

test('signed out, every area sends to the login page', async ({ page, request }) => {
	for (const path of ['/read', '/admin/studies', '/monitor', '/site', '/analysis']) {
		await page.goto(path);
		await expect(page).toHaveURL(`/login?next=${encodeURIComponent(path)}`);
		// SvelteKit answers a data request's redirect as JSON for its client router.
		const data = await request.get(`${path}/__data.json`, { maxRedirects: 0 });
		expect(await data.json(), path).toEqual({
			type: 'redirect',
			location: `/login?next=${encodeURIComponent(path)}`
		});
	}
});

// Malformed input is answered with a clean 400, never a server error.
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './session.fixture';

test('an over-long site code is a 400 page, not a server error', async ({ page }) => {
	await signIn(page, DEMO.coordinatorA);
	const site = 'x'.repeat(65);
	const response = await page.goto(`/site?site=${site}`);
	expect(response?.status()).toBe(400);
	await expect(
		page.getByText('This address is not valid: the site code is too long.')
	).toBeVisible();
	const data = await page.request.get(`/site/__data.json?site=${site}`);
	expect(await data.text()).toContain('"status":400');
	expect((await page.request.get('/site?site=site-a')).status()).toBe(200);
});

// The reference-standard demo as a newcomer finds it after `npm start`: each demo annotator has
// four of sixteen cases left (twelve were annotated by the simulated annotators), the adjudicator
// has the two planted disagreements to decide, and the admin follows it on the report page.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from './session.fixture';

const SLUG = 'demo-reference-standard';

async function as(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

test('the demo annotators land on their worklist with four cases left, the adjudicator on two disagreements', async ({
	browser
}) => {
	for (const email of [DEMO.annotator1, DEMO.annotator2]) {
		const page = await as(browser, email);
		await expect(page).toHaveURL('/annotate');
		const study = page.locator(`[data-testid="annotation-study"][data-study="${SLUG}"]`);
		await expect(study.getByTestId('annotation-progress')).toHaveText('12 of 16');
		await expect(study.locator('[data-status="submitted"]')).toHaveCount(12);
		await expect(study.locator('[data-status="open"]')).toHaveCount(4);
	}
	const adjudicator = await as(browser, DEMO.adjudicator);
	await expect(adjudicator).toHaveURL('/adjudicate');
	const queue = adjudicator.locator(`[data-testid="adjudication-study"][data-study="${SLUG}"]`);
	await expect(
		queue.locator('[data-testid="adjudication-case"][data-mode="adjudication"]')
	).toHaveCount(2);

	const admin = await as(browser, DEMO.admin);
	await admin.goto(`/analysis/${SLUG}/reference-standard`);
	const progress = admin.getByTestId('rs-progress');
	await expect(progress).toContainText('24 of 32');
	await expect(progress.locator('dt', { hasText: 'consensus' }).locator('+ dd')).toHaveText('10');
});

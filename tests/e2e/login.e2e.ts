import { expect, test } from '@playwright/test';
import { DEMO, DEMO_CT, signIn } from './session.fixture';

const homes = [
	{ email: DEMO.admin, path: '/admin/studies', heading: 'Studies you administer' },
	{ email: DEMO.sponsor, path: '/monitor', heading: 'Trial progress' },
	{ email: DEMO.coordinatorA, path: '/site', heading: /Site A/ },
	{ email: DEMO.readerA1, path: '/read', heading: 'Your reading worklist' },
	{ email: DEMO.statistician, path: '/analysis', heading: 'Analysis' },
	{ email: DEMO.evaluator, path: '/analysis', heading: 'Analysis' }
];

for (const home of homes) {
	test(`${home.email} lands on ${home.path}`, async ({ page }) => {
		await signIn(page, home.email);
		await expect(page).toHaveURL(home.path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.heading);
	});
}

test('the admin sees the demo protocol, its sites and its audit trail', async ({ page }) => {
	await signIn(page, DEMO.admin);
	await page.getByRole('link', { name: DEMO_CT.title }).click();
	await expect(page).toHaveURL(`/admin/studies/${DEMO_CT.slug}`);
	await expect(page.getByRole('heading', { name: 'Endpoints' })).toBeVisible();
	await expect(
		page.getByText('AUC: non-inferiority, margin δ = 0.05, one-sided α = 0.025')
	).toBeVisible();
	await expect(page.getByRole('cell', { name: 'site-c' }).first()).toBeVisible();
	// The demo setup freezes the synthetic case set (reading starts only on a frozen set), signed.
	await expect(page.getByTestId('dataset-state')).toContainText(
		/^Dataset version 1 frozen on \d{4}-\d\d-\d\d by user:\d+ <admin@demo\.example\.org>/
	);
	// The trail's latest rows: the study load, enrolments, AI scoring… — whichever came last.
	await expect(page.getByRole('heading', { name: 'Audit trail (latest 50)' })).toBeVisible();
	await expect(page.getByRole('cell', { name: /^(system|cli|user):/ }).first()).toBeVisible();
});

test('a wrong password is refused with a message, and signing out ends the session', async ({
	page
}) => {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(DEMO.evaluator);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-mail or password is not right.');

	await signIn(page, DEMO.evaluator);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/analysis');
	await expect(page).toHaveURL(/\/login\?next=%2Fanalysis/);
});

test('the session cookie is httpOnly and SameSite=Lax', async ({ page, context }) => {
	await signIn(page, DEMO.sponsor);
	const cookie = (await context.cookies()).find((candidate) => candidate.name === 'tandem_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

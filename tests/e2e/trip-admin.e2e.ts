// Issue 16, the admin and the coordinator: the admin reaches a study's analysis from the study
// page and the top bar, and confirms the lock and the key release (which cannot be undone), warned
// when the case set is not frozen; a coordinator invites a new reader (a one-time link with which
// the reader sets their own password) instead of choosing their password; the coordinator's page
// says what is not recorded, keeps withdrawal behind a confirmation, shows their own site's
// deviation flags and nobody else's; a reader's completed session reads "Completed".
import { expect, test, type Browser, type Page } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV, query } from './database.fixture';
import { DEMO, signIn } from './session.fixture';

const SLUG = 'admin-trip';
const TITLE = 'Admin trip study';
const READER_PASSWORD = 'reader password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

async function as(browser: Browser, email: string, password?: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email, password);
	return page;
}

/** This study's panel on the coordinator's page (they coordinate the demo too). */
const studyPanel = (page: Page) => page.locator('section.panel', { hasText: TITLE });

// Not serial, so that each check reports on its own; the study is set up once (a worker that
// restarts after a failure finds it there).
test.beforeAll(async () => {
	if ((await query('SELECT id FROM studies WHERE slug = ?', SLUG)).length > 0) return;
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${SLUG}`).replace(
		'title: Mini study for tests',
		`title: ${TITLE}`
	);
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	for (const [email, role, site] of [
		[DEMO.admin, 'admin'],
		[DEMO.coordinatorA, 'coordinator', 'site-a'],
		[DEMO.coordinatorB, 'coordinator', 'site-b']
	] as const) {
		cli([
			...['user', 'add', '--study', SLUG, '--email', email, '--name', role, '--role', role],
			...(site ? ['--site', site] : [])
		]);
	}
	cli(
		[
			...['reader', 'enrol', '--study', SLUG, '--site', 'site-a', '--email', 'trip.sim@x.org'],
			...['--name', 'Dr. Simulated', '--years', '9', '--password-stdin']
		],
		READER_PASSWORD
	);
	cli(['demo', 'simulate-reads', '--study', SLUG, '--seed', '3']);
});

test('the admin reaches the analysis from the study page and the top bar', async ({ browser }) => {
	const page = await as(browser, DEMO.admin);
	await page.goto(`/admin/studies/${SLUG}`);
	await page.getByRole('link', { name: 'Analysis and lock' }).click();
	await expect(page).toHaveURL(`/analysis/${SLUG}`);
	await page.goto(`/admin/studies/${SLUG}`);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Analysis' })
		.click();
	await expect(page).toHaveURL('/analysis');
	await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
});

test('the lock names the study and its consequence, is refused unconfirmed, and warns of an unfrozen case set', async ({
	browser
}) => {
	const page = await as(browser, DEMO.admin);
	await page.goto(`/analysis/${SLUG}`);
	await expect(page.getByTestId('lock-not-frozen')).toContainText(
		`The case set of ${TITLE} is not frozen`
	);
	const confirm = page.getByLabel(`I confirm: lock ${TITLE}`);
	await expect(confirm).toBeVisible();
	await expect(page.getByTestId('signature-lock')).toContainText('cannot be undone');
	// Posted without the confirmation (as a script could), the lock is refused and nothing locked.
	const response = await page.request.post(`/analysis/${SLUG}?/lock`, {
		form: { reason: 'done', meaning: 'responsible', password: 'demo-e2e-password' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(await response.text()).toContain('confirm: confirm that the lock cannot be undone');
	expect(
		(
			await query<{ n: number }>(
				'SELECT count(*) AS n FROM study_locks l JOIN studies s ON s.id = l.study_id WHERE s.slug = ?',
				SLUG
			)
		)[0]!.n
	).toBe(0);
});

test('a form the coordinator opens and types into before the page has hydrated stays open and keeps the text', async ({
	browser
}) => {
	const page = await as(browser, DEMO.coordinatorA);
	// Hold the app's scripts back, so the click lands on the server-rendered page.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/site', { waitUntil: 'domcontentloaded' });
	const panel = studyPanel(page);
	for (const summary of ['Enrol a reader at site-a', 'Withdraw a reader']) {
		await panel.getByText(summary).click();
	}
	await panel.getByLabel('E-mail').fill('typed.early@x.org');
	release();
	await page.waitForLoadState('networkidle');
	// Let the scripts load and the page hydrate.
	await page.waitForFunction(() => document.readyState === 'complete');
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)))
	);
	await expect(panel.locator('details.enrol')).toHaveJSProperty('open', true);
	await expect(panel.locator('details.withdraw')).toHaveJSProperty('open', true);
	await expect(panel.getByLabel('E-mail')).toHaveValue('typed.early@x.org');
});

test('a coordinator invites a new reader (a one-time link to copy); the reader sets their own password', async ({
	browser
}) => {
	const page = await as(browser, DEMO.coordinatorA);
	const panel = studyPanel(page);
	await panel.getByText('Enrol a reader at site-a').click();
	await expect(panel.getByLabel(/password/i)).toHaveCount(0);
	await panel.getByLabel('E-mail').fill('trip.invited@x.org');
	await panel.getByLabel('Full name').fill('Dr. Invited Reader');
	await panel.getByRole('button', { name: 'Enrol and invite' }).click();
	const link = panel.getByLabel('Invitation link');
	await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
	await expect(panel.getByText(/valid until \d{4}-\d\d-\d\d/)).toBeVisible();
	const invitation = new URL(await link.inputValue()).pathname;
	// Only the token's hash is stored.
	const stored = await query<{ hash: string }>('SELECT token_hash AS hash FROM invitations');
	expect(stored.map((row) => row.hash)).not.toContain(invitation.split('/').pop());
	await expect(
		studyPanel(page).getByRole('cell', { name: 'Dr. Invited Reader' }).first()
	).toBeVisible();

	// The invited reader sets their own password once, then signs in; a used or unknown link tells nothing.
	await page.context().clearCookies();
	await page.goto(invitation);
	await expect(page.getByText('trip.invited@x.org')).toBeVisible();
	await page.getByLabel('New password', { exact: true }).fill('short');
	await page.getByLabel('Repeat the new password').fill('short');
	await page.getByRole('button', { name: 'Set my password' }).click();
	await expect(page.getByRole('alert')).toContainText('at least 10 characters');
	await page.getByLabel('New password', { exact: true }).fill(READER_PASSWORD);
	await page.getByLabel('Repeat the new password').fill('something else entirely');
	await page.getByRole('button', { name: 'Set my password' }).click();
	await expect(page.getByRole('alert')).toContainText('do not match');
	await page.getByLabel('New password', { exact: true }).fill(READER_PASSWORD);
	await page.getByLabel('Repeat the new password').fill(READER_PASSWORD);
	await page.getByRole('button', { name: 'Set my password' }).click();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('status')).toContainText('Your password is set');
	await signIn(page, 'trip.invited@x.org', READER_PASSWORD);
	await expect(page).toHaveURL('/read');

	await page.context().clearCookies();
	for (const path of [invitation, `/invite/${'x'.repeat(43)}`]) {
		await page.goto(path);
		await expect(
			page.getByRole('heading', { name: 'This invitation link cannot be used' })
		).toBeVisible();
		await expect(page.getByText('trip.invited@x.org')).toHaveCount(0);
		await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
	}
	const actions = (
		await query<{ action: string }>(
			"SELECT action FROM audit_events WHERE action LIKE 'invitation.%' ORDER BY seq"
		)
	).map((row) => row.action);
	expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted']));
});

test('the coordinator page: experience not recorded, withdrawal behind a confirmation, own site’s deviations only', async ({
	browser
}) => {
	// A read attempted before the washout is a deviation flag of the reader's site.
	const reader = await as(browser, 'trip.invited@x.org', READER_PASSWORD);
	const [assignment] = await readerAssignmentIds(E2E_STORE, 'trip.invited@x.org', {
		period: 2,
		limit: 1
	});
	const refused = await reader.request.post('/api/reads', {
		data: { assignment: assignment!, clientId: 'trip-admin-0001', decision: 1, confidence: 70 }
	});
	expect(refused.status()).toBe(409);
	const code = (
		await query<{ code: string }>(
			"SELECT e.reader_code AS code FROM reader_enrolments e JOIN memberships m ON m.id = e.membership_id JOIN users u ON u.id = m.user_id WHERE u.email = 'trip.invited@x.org'"
		)
	)[0]!.code;

	const page = await as(browser, DEMO.coordinatorA);
	const panel = studyPanel(page);
	const readers = panel.getByRole('table').first();
	const row = readers.getByRole('row', { name: /Dr\. Invited Reader/ });
	await expect(row).toContainText('not recorded');
	await expect(readers).not.toContainText('— y');
	await expect(readers.getByRole('row', { name: /Dr\. Simulated/ })).toContainText('9 y');
	// No withdraw control on the rows: one form below, with a confirmation.
	await expect(readers.getByText('Withdraw')).toHaveCount(0);
	const withdraw = panel.getByTestId('withdraw-reader');
	await panel.getByText('Withdraw a reader').click();
	await expect(withdraw.getByRole('combobox', { name: /^Reader/ })).toBeVisible();
	await expect(withdraw.getByRole('option', { name: /Dr\. Invited Reader/ })).toHaveCount(1);
	await expect(withdraw.getByLabel(/cannot be undone/)).toBeVisible();
	// The enrol form ends before the next heading starts.
	const enrol = panel.locator('details.enrol');
	await enrol.locator('summary').click();
	const enrolBox = (await enrol.boundingBox())!;
	const nextHeading = (await panel
		.getByRole('heading', { name: 'Monitoring queries' })
		.boundingBox())!;
	expect(enrolBox.y + enrolBox.height).toBeLessThan(nextHeading.y - 8);
	// The site's deviation flags, its own only.
	const flags = panel.getByTestId('site-deviations');
	await expect(flags).toContainText(code);
	await expect(flags).toContainText('outside session rules');

	const other = await as(browser, DEMO.coordinatorB);
	await expect(studyPanel(other).getByTestId('site-deviations')).not.toContainText(code);
});

test('a reader’s completed session reads "Completed", not "Opens: now"', async ({ browser }) => {
	const page = await as(browser, 'trip.sim@x.org', READER_PASSWORD);
	const panel = page.locator('section.panel', { hasText: TITLE });
	const completed = panel.getByRole('row', { name: /completed/i }).first();
	await expect(completed).toBeVisible();
	await expect(completed.getByRole('cell').last()).toHaveText('Completed');
	await expect(panel.getByRole('cell', { name: 'now', exact: true })).toHaveCount(0);
});

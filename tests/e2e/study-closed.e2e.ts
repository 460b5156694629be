// After the lock, a reader sees the study closed: the worklist says so and offers no reading, a
// case's page says so instead of opening the workstation, and images, drafts and reads are refused.
import { expect, test } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV } from './database.fixture';
import { DEMO, DEMO_PASSWORD, signIn } from './session.fixture';

const READER = 'closed.r1@x.org';
const PASSWORD = 'reader password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

test('a reader of a locked study sees it closed and can open nothing in it', async ({ page }) => {
	test.setTimeout(90_000);
	const yaml = FIXTURE_YAML.replace('slug: mini-study', 'slug: closed-study').replace(
		'title: Mini study for tests',
		'title: Closed study'
	);
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	cli(
		[
			...['reader', 'enrol', '--study', 'closed-study', '--site', 'site-a'],
			...['--email', READER, '--name', 'Closed Reader', '--password-stdin']
		],
		PASSWORD
	);
	const [first, second] = await readerAssignmentIds(E2E_STORE, READER, { period: 1, limit: 2 });

	// Open, for contrast: the worklist offers reading.
	await signIn(page, READER, PASSWORD);
	await page.goto('/read');
	await expect(page.getByRole('link', { name: 'Start reading' })).toBeVisible();

	// The lock is signed by the study's admin (their password, from the environment here).
	cli([
		'user',
		'add',
		'--study',
		'closed-study',
		'--email',
		DEMO.admin,
		'--name',
		'Admin',
		'--role',
		'admin'
	]);
	const locked = runCli(
		[
			...['study', 'lock', '--study', 'closed-study', '--reason', 'closed for the test'],
			...['--as', DEMO.admin, '--meaning', 'approved']
		],
		{ ...ENV, TANDEM_SIGNATURE_PASSWORD: DEMO_PASSWORD }
	);
	expect(locked.status, locked.stderr).toBe(0);
	await page.goto('/read');
	await expect(
		page.getByText(
			'This study is closed: its database has been locked, nothing more is read in it.'
		)
	).toBeVisible();
	await expect(page.getByRole('link', { name: /Start reading|Resume reading/ })).toHaveCount(0);

	await page.goto(`/read/${first}`);
	await expect(page.getByRole('heading', { name: 'This study is closed' })).toBeVisible();
	await expect(page.getByTestId('viewport')).toHaveCount(0);
	await page.getByTestId('study-closed').getByRole('link', { name: 'Worklist' }).click();
	await expect(page).toHaveURL(/\/read$/);

	await page.goto('/read/next?study=closed-study');
	await expect(page).toHaveURL(/\/read$/);
	expect((await page.request.get(`/api/read/${first}/images/1`)).status()).toBe(409);
	const draft = await page.request.put(`/api/read/${second}/draft`, { data: { confidence: 40 } });
	expect(draft.status()).toBe(409);
	expect((await draft.json()).message).toBe(
		'The study database is locked: reading is no longer possible.'
	);
	const read = await page.request.post('/api/reads', {
		data: { assignment: second, clientId: 'closed-0001', decision: 1, confidence: 50 }
	});
	expect(read.status()).toBe(409);
	const data = await (await page.request.get(`/read/${first}/__data.json`)).text();
	expect(data).not.toContain('/images/');
});

// Reading starts with the frozen case set: before the freeze the worklist says reading has not
// started and offers none, a case's page says so instead of opening the workstation, and its
// images are refused; once the case set is frozen the same case opens.
import { expect, test } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, READ_BEFORE_FREEZE, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV } from './database.fixture';
import { signIn } from './session.fixture';
import { cliSigner } from '$fixtures/signer.fixture';

const STUDY = 'unfrozen-study';
const READER = 'unfrozen.r1@x.org';
const PASSWORD = 'reader password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

test('a reader opens no case before the case set is frozen', async ({ page }) => {
	test.setTimeout(90_000);
	const yaml = FIXTURE_YAML.replace(READ_BEFORE_FREEZE, '')
		.replace('slug: mini-study', `slug: ${STUDY}`)
		.replace('title: Mini study for tests', 'title: Unfrozen study');
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	cli(
		[
			...['reader', 'enrol', '--study', STUDY, '--site', 'site-a'],
			...['--email', READER, '--name', 'Unfrozen Reader', '--password-stdin']
		],
		PASSWORD
	);
	const [first] = await readerAssignmentIds(E2E_STORE, READER, { period: 1, limit: 1 });

	await signIn(page, READER, PASSWORD);
	await page.goto('/read');
	await expect(page.getByTestId('reading-not-started')).toHaveText(
		"Reading has not started: the study's case set is still being prepared. Your coordinator will let you know when it opens."
	);
	await expect(page.getByRole('link', { name: /Start reading|Resume reading/ })).toHaveCount(0);

	await page.goto(`/read/${first}`);
	await expect(page.getByRole('heading', { name: 'Reading has not started' })).toBeVisible();
	await expect(page.getByTestId('viewport')).toHaveCount(0);
	await page.goto(`/read/next?study=${STUDY}`);
	await expect(page).toHaveURL(/\/read$/);
	const image = await page.request.get(`/api/read/${first}/images/1`);
	expect(image.status()).toBe(409);
	expect((await image.json()).message).toBe(
		'Reading has not started in this study: its case set is not frozen yet.'
	);
	const data = await (await page.request.get(`/read/${first}/__data.json`)).text();
	expect(data).not.toContain('/images/');

	const signing = cliSigner(ENV, STUDY);
	const frozen = runCli(
		['cases', 'freeze', '--study', STUDY, '--accept-warnings', ...signing.flags],
		signing.env
	);
	expect(frozen.status, frozen.stderr).toBe(0);
	await page.goto('/read');
	await expect(page.getByTestId('reading-not-started')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Start reading' })).toBeVisible();
	expect((await page.request.get(`/api/read/${first}/images/1`)).status()).toBe(200);
});

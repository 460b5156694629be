// A reader corrects their own submitted read in the browser (READ-4): from the worklist's list of
// submitted reads to a form with the read's values and a reason; the original stays, the
// correction is a new version with the original's reading time, and the old version can no longer
// be corrected.
import { expect, test } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV, query } from './database.fixture';
import { signIn } from './session.fixture';

const READER = 'correcting.r1@x.org';
const PASSWORD = 'reader password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

interface ReadRow {
	id: number;
	decision: number;
	confidence: number;
	supersedes: number | null;
	reason: string | null;
	by: string | null;
	time: number | null;
}

test('a reader corrects their own read from the worklist, with a reason', async ({ page }) => {
	test.setTimeout(90_000);
	const yaml = FIXTURE_YAML.replace('slug: mini-study', 'slug: correction-study').replace(
		'title: Mini study for tests',
		'title: Correction study'
	);
	cli(['study', 'load', makeStudyFolder(twelveCaseOptions(yaml))]);
	cli(
		[
			...['reader', 'enrol', '--study', 'correction-study', '--site', 'site-a'],
			...['--email', READER, '--name', 'Correcting Reader', '--password-stdin']
		],
		PASSWORD
	);
	const [assignment] = await readerAssignmentIds(E2E_STORE, READER, { period: 1, limit: 1 });

	await signIn(page, READER, PASSWORD);
	const submitted = await page.request.post('/api/reads', {
		data: {
			assignment,
			clientId: 'correction-e2e-1',
			decision: 0,
			confidence: 30,
			readingTimeMs: 15_000
		}
	});
	expect(submitted.status()).toBe(201);
	const { readId } = (await submitted.json()) as { readId: number };

	await page.goto('/read');
	const section = page.locator('section', { hasText: 'Correction study' });
	const list = section.getByTestId('submitted-reads');
	await expect(list.getByRole('row')).toHaveCount(2);
	await expect(list.getByRole('row').nth(1)).toContainText('Absent');
	await list.getByRole('link', { name: 'Correct this read' }).click();

	await expect(page).toHaveURL(new RegExp(`/read/corrections/${readId}$`));
	await expect(page.getByRole('heading', { name: 'Correct a read' })).toBeVisible();
	await expect(page.getByLabel('Absent')).toBeChecked();
	await expect(page.getByLabel('Confidence (0–100)')).toHaveValue('30');
	// The read's values only: no viewer, no images, no AI output.
	await expect(page.getByTestId('viewport')).toHaveCount(0);
	await expect(page.locator('img, canvas')).toHaveCount(0);
	await expect(page.getByText(/\bAI\b/)).toHaveCount(0);

	await page.getByLabel('Present').check();
	await page.getByLabel('Confidence (0–100)').fill('85');
	await page.getByLabel('Reason for the correction').fill('I pressed absent by mistake.');
	await page.getByRole('button', { name: 'File the correction' }).click();

	await expect(page).toHaveURL(/\/read\?corrected=\d+$/);
	await expect(
		page.getByText('Your correction was recorded. The read as first submitted is kept.')
	).toBeVisible();
	const row = section.getByTestId('submitted-reads').getByRole('row').nth(1);
	await expect(row).toContainText('Present');
	await expect(row).toContainText('85');

	const reads = await query<ReadRow>(
		`SELECT r.id, r.decision, r.confidence, r.supersedes_read_id AS supersedes,
			r.correction_reason AS reason, r.corrected_by_role AS by, r.reading_time_ms AS time
		 FROM reads r JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ? ORDER BY r.id`,
		assignment
	);
	expect(reads).toEqual([
		{
			id: readId,
			decision: 0,
			confidence: 30,
			supersedes: null,
			reason: null,
			by: null,
			time: 15_000
		},
		{
			id: expect.any(Number),
			decision: 1,
			confidence: 85,
			supersedes: readId,
			reason: 'I pressed absent by mistake.',
			by: 'reader',
			time: 15_000
		}
	]);
	// The version it replaced can no longer be corrected.
	expect((await page.goto(`/read/corrections/${readId}`))?.status()).toBe(409);
});

// Issue 16 #11, #12, #14: the rating form for a full day at the workstation. The confidence has a
// keyboard path (C, type the number, Enter) and an unmistakable unset state; Submit says what it
// still needs and stays in view at 1366 × 768 with three marks; a submitted read is confirmed as
// saved; and a protocol with `rating: { confirm_submit: true }` shows the answer before it is sent
// and lets the reader go back. Each study is a small copy of the demo protocol with its own reader.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '$fixtures/run-cli.fixture';
import { demoSequentialFolder } from '$fixtures/sequential-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV, query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const PASSWORD = 'reader form password 123';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

/**
 * A copy of the demo protocol (four cases, each read without then with the AI) and one reader;
 * once per run (a failed test's next worker runs beforeAll again).
 */
async function studyWithReader(
	slug: string,
	reader: string,
	confirmSubmit: boolean
): Promise<void> {
	if ((await query('SELECT id FROM studies WHERE slug = ?', slug)).length > 0) return;
	const folder = demoSequentialFolder(slug);
	const yamlPath = join(folder, 'study.yaml');
	const yaml = readFileSync(yamlPath, 'utf8');
	expect(yaml).toContain('confirm_submit: false');
	writeFileSync(
		yamlPath,
		yaml.replace('confirm_submit: false', `confirm_submit: ${confirmSubmit}`)
	);
	cli(['study', 'load', folder]);
	cli(
		[
			...['reader', 'enrol', '--study', slug, '--site', 'site-a'],
			...['--email', reader, '--name', 'Form Reader', '--password-stdin']
		],
		PASSWORD
	);
}

async function readOf(assignment: string) {
	return await query<{ decision: number; confidence: number }>(
		`SELECT r.decision, r.confidence FROM reads r JOIN assignments a ON a.id = r.assignment_id
		 WHERE a.public_id = ?`,
		assignment
	);
}

async function openFirstCase(page: Page, slug: string, reader: string): Promise<Workstation> {
	await signInReader(page, reader, PASSWORD);
	await page.goto(`/read/next?study=${slug}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading();
	return workstation;
}

const FORM_STUDY = 'reader-form-study';
const FORM_READER = 'reader.form@x.org';
const CONFIRM_STUDY = 'reader-confirm-study';
const CONFIRM_READER = 'reader.confirm@x.org';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	await studyWithReader(FORM_STUDY, FORM_READER, false);
	await studyWithReader(CONFIRM_STUDY, CONFIRM_READER, true);
});

test('the confidence is unmistakably unset, set by a click anywhere on the scale or by C and typing; Submit says what it lacks', async ({
	page
}) => {
	test.setTimeout(90_000);
	const [first] = await readerAssignments(E2E_STORE, FORM_READER, { limit: 1 });
	const workstation = await openFirstCase(page, FORM_STUDY, FORM_READER);
	expect(await workstation.assignment()).toBe(first!.id);
	const typed = page.getByRole('spinbutton', { name: /Confidence value/ });
	const missing = page.getByTestId('submit-missing');

	// Unset: no value pretended anywhere, and Submit says what it needs.
	await expect(workstation.confidence).toHaveAttribute('aria-valuetext', 'Not set');
	await expect(typed).toHaveValue('');
	await expect(workstation.submitButton).toBeDisabled();
	await expect(missing).toHaveText(
		'To submit: choose present or absent (P / N) and set a confidence (C).'
	);
	await expect(workstation.submitButton).toHaveAttribute('aria-describedby', 'submit-missing');

	// A click on the middle of the scale sets 50 (the value an unset slider's thumb used to show).
	await workstation.confidence.click();
	await expect(typed).toHaveValue('50');
	await expect(workstation.confidence).not.toHaveAttribute('aria-valuetext', 'Not set');
	await expect(missing).toHaveText('To submit: choose present or absent (P / N).');

	// The keyboard path: P, then C and the number; Enter in the field submits.
	await page.keyboard.press('p');
	await expect(missing).toHaveCount(0);
	await page.keyboard.press('c');
	await expect(typed).toBeFocused();
	await page.keyboard.press('Control+a');
	await page.keyboard.type('85');
	await expect(workstation.confidence).toHaveValue('85');
	await expect(workstation.submitButton).toBeEnabled();

	// Submitted: the reader is told the read is saved, and the next case's keys are the viewer's.
	const saved = page.getByRole('status').filter({ hasText: 'Read saved' });
	await page.keyboard.press('Enter');
	await expect(saved).toBeVisible();
	await expect(workstation.root).not.toHaveAttribute('data-assignment', first!.id);
	await workstation.waitUntilReading();
	expect(await readOf(first!.id)).toEqual([{ decision: 1, confidence: 85 }]);
	await expect(typed).not.toBeFocused();

	// The help names the confidence key.
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard and mouse' });
	await expect(help.getByRole('row', { name: /^C\b/ })).toContainText('confidence');
	await page.keyboard.press('Escape');
});

test('at 1366 × 768 with three marks the mark rows fit the side column and Submit stays in view', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1366, height: 768 });
	// The second step of the first case: the AI panel and the unaided answer above the form.
	const [unaided, aided] = await readerAssignments(E2E_STORE, FORM_READER, { limit: 2 });
	await signInReader(page, FORM_READER, PASSWORD);
	const workstation = new Workstation(page);
	if ((await readOf(unaided!.id)).length === 0) {
		await page.goto(`/read/${unaided!.id}`);
		await workstation.waitUntilReading(unaided!.id);
		await workstation.rate('present', 40);
		await workstation.submitButton.click();
		await expect(workstation.root).not.toHaveAttribute('data-assignment', unaided!.id);
	}
	await page.goto(`/read/${aided!.id}`);
	await workstation.waitUntilReading(aided!.id);
	await expect(page.getByTestId('unaided-answer')).toBeVisible();
	for (const [dx, dy] of [
		[-60, -40],
		[40, -30],
		[10, 50]
	] as const)
		await workstation.placeMark(dx, dy);
	await expect(workstation.marks).toHaveCount(3);

	// Straight after the third mark, nothing scrolled: Submit is on the screen, whole.
	await expect(workstation.submitButton).toBeInViewport({ ratio: 1 });
	await expect(workstation.submitButton).toBeEnabled();
	const form = page.getByRole('region', { name: 'Your read' });
	const formBox = (await form.boundingBox())!;
	const rows = page.locator('ol.marks li');
	await expect(rows).toHaveCount(3);
	for (let index = 0; index < 3; index += 1) {
		const row = rows.nth(index);
		const fits = await row.evaluate((element) => element.scrollWidth <= element.clientWidth);
		expect(fits, `mark row ${index + 1} overflows`).toBe(true);
		const box = (await row.boundingBox())!;
		expect(box.x + box.width, `mark row ${index + 1} runs past the form`).toBeLessThanOrEqual(
			formBox.x + formBox.width + 0.5
		);
	}
	const side = page.locator('aside.side');
	expect(await side.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

	// A comment typed, the column scrolled back to its top: Submit is still there.
	await page.getByRole('textbox', { name: /Comment/ }).fill('Three marks, one of them faint.');
	await side.evaluate((element) => element.scrollTo(0, 0));
	await expect(workstation.submitButton).toBeInViewport({ ratio: 1 });
	await workstation.submitButton.click();
	await expect(page.getByRole('status').filter({ hasText: 'Read saved' })).toBeVisible();
});

test('a protocol that asks for it shows the answer before it is sent, and the reader can go back', async ({
	page
}) => {
	test.setTimeout(90_000);
	const [first] = await readerAssignments(E2E_STORE, CONFIRM_READER, { limit: 1 });
	const workstation = await openFirstCase(page, CONFIRM_STUDY, CONFIRM_READER);
	await page.keyboard.press('p');
	await page.keyboard.press('c');
	await page.keyboard.type('60');
	await page.keyboard.press('Enter');

	const confirm = page.getByRole('alertdialog', { name: 'Confirm the read' });
	await expect(confirm).toBeVisible();
	await expect(confirm).toContainText('Lesion: Present');
	await expect(confirm).toContainText('Confidence: 60');
	await expect(confirm.getByRole('button', { name: /Submit/ })).toBeInViewport();
	await confirm.getByRole('button', { name: /Back/ }).click();
	await expect(confirm).toHaveCount(0);
	expect(await readOf(first!.id)).toEqual([]);

	// Changed their mind: absent. Enter asks again, showing the new answer; Enter sends it.
	await page.keyboard.press('n');
	await page.keyboard.press('Enter');
	await expect(confirm).toContainText('Lesion: Absent');
	await expect(confirm).toContainText('Confidence: 60');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Read saved' })).toBeVisible();
	await expect(workstation.root).not.toHaveAttribute('data-assignment', first!.id);
	expect(await readOf(first!.id)).toEqual([{ decision: 0, confidence: 60 }]);
});

// The reading workstation in a FROC study (issue 18, part 3): a reader answers with marks only —
// each rated on the protocol's five-point scale, re-rated and deleted from the keyboard — or with
// an explicit "no lesion"; the draft keeps the marks and their ratings across a reload; the server
// stores the marks with decision = any mark and confidence = the highest rating. An LROC study
// asks for a case rating and keeps exactly one mark, rated with it.
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '$fixtures/run-cli.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { E2E_STORE, ENV } from './database.fixture';
import { storedReads } from './stored-read.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';
import { lesionStudyFolder, type TruthLesion } from './froc-study.fixture';

const PASSWORD = 'lesion reader password 1';

function cli(args: string[], input?: string): string {
	const run = runCli(args, ENV, input);
	expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
	return run.stdout;
}

/** Loads the study and enrols one reader at site-a; their period-1 assignments in reading order. */
async function loadStudy(
	slug: string,
	task: 'froc' | 'lroc',
	confidence: 'percent' | 'five-point'
) {
	const { dir, lesions } = lesionStudyFolder({ slug, task, confidence });
	cli(['study', 'load', dir]);
	const reader = `${slug}.r1@x.org`;
	cli(
		[
			...['reader', 'enrol', '--study', slug, '--site', 'site-a'],
			...['--email', reader, '--name', 'Lesion Reader', '--password-stdin']
		],
		PASSWORD
	);
	const assignments = await readerAssignments(E2E_STORE, reader, { study: slug, period: 1 });
	return { reader, lesions, assignments };
}

/** Mark mode, a click on the image at pixel (x, y) of the 512 × 512 demo image as fitted, mark mode off. */
async function markAt(page: Page, workstation: Workstation, x: number, y: number) {
	const box = (await workstation.viewport.boundingBox())!;
	const scale = Math.min(box.width, box.height) / 512;
	await page.keyboard.press('m');
	await page.mouse.click(
		box.x + box.width / 2 + (x - 256) * scale,
		box.y + box.height / 2 + (y - 256) * scale
	);
	await page.keyboard.press('Escape');
}

const ratings = (page: Page) => page.getByTestId('mark-rating').allTextContents();

test('a FROC reader marks lesions with their own ratings, re-rates, deletes, and answers "no lesion"', async ({
	page
}) => {
	test.setTimeout(120_000);
	const { reader, lesions, assignments } = await loadStudy('froc-reading', 'froc', 'five-point');
	const target = assignments.find((assignment) =>
		lesions.some((lesion) => lesion.caseKey === assignment.caseKey)
	)!;
	const lesion = lesions.find((item) => item.caseKey === target.caseKey) as TruthLesion;
	await signInReader(page, reader, PASSWORD);
	await page.goto(`/read/${target.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(target.id);

	// Marks only: no case decision or confidence is asked; the read lacks a mark or "no lesion".
	await expect(page.getByRole('button', { name: /^Present/ })).toHaveCount(0);
	await expect(page.getByText('Confidence that a lesion is present')).toHaveCount(0);
	await expect(page.getByTestId('submit-missing')).toHaveText(
		'To submit: mark each lesion (M, then the image) or answer “No lesion” (N).'
	);
	await expect(workstation.submitButton).toBeDisabled();

	// Two marks, one at the lesion, rated 5 and 1 from the keyboard (] selects, digits and ↓ rate).
	await markAt(page, workstation, lesion.x, lesion.y);
	await markAt(page, workstation, 100, 400);
	await expect(workstation.marks).toHaveCount(2);
	expect(await ratings(page)).toEqual(['3', '3']);
	await page.keyboard.press(']');
	await page.keyboard.press('5');
	await page.keyboard.press(']');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect.poll(() => ratings(page)).toEqual(['5', '1']);
	// Re-rated: up one.
	await page.keyboard.press('ArrowUp');
	await expect.poll(() => ratings(page)).toEqual(['5', '2']);
	await expect(page.getByRole('button', { name: /^No lesion/ })).toBeDisabled();
	await expect(workstation.submitButton).toBeEnabled();

	// The draft keeps the marks and their ratings across a reload.
	await page.waitForTimeout(1_500);
	await page.reload();
	await workstation.waitUntilReading(target.id);
	await expect.poll(() => ratings(page)).toEqual(['5', '2']);

	// The second mark deleted (Delete) and placed again elsewhere, rated 4.
	await page.keyboard.press(']');
	await page.keyboard.press(']');
	await page.keyboard.press('Delete');
	await expect(workstation.marks).toHaveCount(1);
	await markAt(page, workstation, 420, 120);
	await page.keyboard.press('[');
	await page.keyboard.press('4');
	await expect.poll(() => ratings(page)).toEqual(['5', '4']);

	const next = await workstation.submitAndWaitForNext();
	const [stored] = await storedReads(target.id);
	expect(stored).toMatchObject({ decision: 1, confidence: 5 });
	expect(stored!.marks.map((mark) => mark.confidence)).toEqual([5, 4]);
	const atLesion = stored!.marks[0]!;
	expect(Math.hypot(atLesion.x - lesion.x, atLesion.y - lesion.y)).toBeLessThan(4);
	expect(stored!.marks[1]).toMatchObject({ image: 1 });
	expect(Math.hypot(stored!.marks[1]!.x - 420, stored!.marks[1]!.y - 120)).toBeLessThan(4);

	// The next case: "no lesion" from the keyboard (N), then submitted.
	await page.keyboard.press('n');
	await expect(page.getByRole('button', { name: /^No lesion/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await workstation.submitAndWaitForNext();
	expect(await storedReads(next)).toEqual([{ decision: 0, confidence: 1, marks: [] }]);
});

test('an LROC reader gives a case rating and one mark, rated with it', async ({ page }) => {
	test.setTimeout(120_000);
	const { reader, assignments } = await loadStudy('lroc-reading', 'lroc', 'percent');
	const first = assignments[0]!;
	await signInReader(page, reader, PASSWORD);
	await page.goto(`/read/${first.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(first.id);
	await workstation.rate('present', 80);
	await expect(page.getByTestId('submit-missing')).toHaveText(
		'To submit: mark the most suspicious place (M, then the image).'
	);
	await markAt(page, workstation, 200, 200);
	await markAt(page, workstation, 300, 260);
	await expect(workstation.marks).toHaveCount(1);
	expect(await ratings(page)).toEqual(['80']);
	await workstation.submitAndWaitForNext();
	const [stored] = await storedReads(first.id);
	expect(stored).toMatchObject({ decision: 1, confidence: 80 });
	expect(stored!.marks).toHaveLength(1);
	expect(stored!.marks[0]).toMatchObject({ image: 1, confidence: 80 });
	expect(Math.hypot(stored!.marks[0]!.x - 300, stored!.marks[0]!.y - 260)).toBeLessThan(4);
});

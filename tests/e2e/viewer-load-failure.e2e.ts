// An image the viewer cannot load (the server answers 500 for it, or it cannot be decoded) is
// named to the reader in the workstation's alert instead of leaving its viewport black without a
// word; the case's other images are still shown and read. Two small four-image mammography
// studies of their own: one hung in four viewports, one read as a single stack.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { makeStudyFolder, FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import {
	MAMMOGRAPHY_HANGING_YAML,
	fourViews,
	writeMammograms
} from '$fixtures/mammography-dicom.fixture';
import { E2E_STORE, query } from './database.fixture';
import { e2eCli } from './trial-study.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const PASSWORD = 'load failure password 123';

/** A study of four-view cases (images 1–4: L-CC, L-MLO, R-CC, R-MLO), hung or not; its reader. */
async function loadStudy(slug: string, hung: boolean): Promise<string> {
	const reader = `${slug}.r1@x.org`;
	if ((await query('SELECT id FROM studies WHERE slug = ?', slug)).length > 0) return reader;
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`).replace(
		'endpoints:\n',
		`${hung ? MAMMOGRAPHY_HANGING_YAML : ''}endpoints:\n`
	);
	const options = twelveCaseOptions(yaml);
	options.writeImages = (dir) => {
		for (const folder of options.imageFolders ?? [])
			writeMammograms(join(dir, 'images', folder), fourViews(`case-${folder}`, '20240106'));
	};
	e2eCli(['study', 'load', makeStudyFolder(options)]);
	e2eCli(
		[
			...['reader', 'enrol', '--study', slug, '--site', 'site-a'],
			...['--email', reader, '--name', 'Load Failure Reader', '--password-stdin']
		],
		PASSWORD
	);
	return reader;
}

/** The server fails this image (1-based) of the assignment, every frame of it. */
async function failImage(page: Page, assignment: string, image: number): Promise<void> {
	await page.route(new RegExp(`/api/read/${assignment}/images/${image}(\\?.*)?$`), (route) =>
		route.fulfill({ status: 500, body: 'broken' })
	);
}

/** Pixels of a viewport's canvas that are not black. */
function litPixels(viewport: Locator): Promise<number> {
	return viewport.evaluate((element) => {
		const canvas = element.querySelector('canvas');
		if (!canvas || canvas.width === 0) return 0;
		const data = canvas
			.getContext('2d', { willReadFrequently: true })!
			.getImageData(0, 0, canvas.width, canvas.height).data;
		let lit = 0;
		for (let index = 0; index < data.length; index += 4) if (data[index]! > 0) lit += 1;
		return lit;
	});
}

test('a hung case whose first viewport cannot load its image: the reader is told which, the other viewports are drawn and read', async ({
	page
}) => {
	test.setTimeout(90_000);
	const reader = await loadStudy('load-failure-hung', true);
	const [first] = await readerAssignments(E2E_STORE, reader, { limit: 1 });
	await signInReader(page, reader, PASSWORD);
	// Image 3 is R-CC, hung in viewport 1: the one the others wait for.
	await failImage(page, first!.id, 3);
	await page.goto(`/read/${first!.id}`);
	const workstation = new Workstation(page);

	const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
	await expect(alert).toBeVisible({ timeout: 15_000 });
	await expect(alert).toContainText('Image 3');
	await expect(alert).toContainText('viewport 1 (R CC)');
	const viewport = (slot: number) =>
		page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);
	for (const slot of [1, 2, 3])
		await expect.poll(() => litPixels(viewport(slot)), { timeout: 15_000 }).toBeGreaterThan(1000);
	expect(await litPixels(viewport(0))).toBe(0);
	// The reader reads the views there are: the clock runs from the first image drawn.
	await workstation.waitUntilReading(first!.id);
});

test('a stack image that cannot be loaded is named when the reader scrolls to it; the others are read', async ({
	page
}) => {
	test.setTimeout(90_000);
	const reader = await loadStudy('load-failure-stack', false);
	const [first] = await readerAssignments(E2E_STORE, reader, { limit: 1 });
	await signInReader(page, reader, PASSWORD);
	await failImage(page, first!.id, 2);
	await page.goto(`/read/${first!.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(first!.id);
	await expect(page.getByRole('alert')).toHaveCount(0);

	await workstation.viewport.hover();
	await page.keyboard.press('ArrowDown');
	const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
	await expect(alert).toBeVisible({ timeout: 15_000 });
	await expect(alert).toContainText('Image 2');
	await expect(alert).not.toContainText('viewport');
	// Image 3 is shown on the next step down; the clock has run all along.
	await page.keyboard.press('ArrowDown');
	await expect(page.getByTestId('slice')).toHaveText('3 / 4');
	await expect(workstation.root).toHaveAttribute('data-clock', 'running');
});

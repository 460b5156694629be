// Hanging protocols in the browser (issue 17 #3): a four-view mammography case is read in four
// viewports in the declared order, right views mirrored (the camera's flip: the bright square in
// each stored image's top-left corner shows up on the chest-wall side), pinned to the chest wall,
// window/level synchronised, and a mark placed on the L-MLO view is stored with that image's
// position in the case and its pixel coordinates.
import { expect, test, type Locator } from '@playwright/test';
import { join } from 'node:path';
import { makeStudyFolder, FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import {
	MAMMOGRAPHY_HANGING_YAML,
	MG_COLUMNS,
	MG_ROWS,
	fourViews,
	writeMammograms
} from '$fixtures/mammography-dicom.fixture';
import { E2E_STORE, query } from './database.fixture';
import { e2eCli } from './trial-study.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';

const SLUG = 'hanging-mammography';
const READER = 'hanging.r1@x.org';
const PASSWORD = 'hanging password 123';

async function loadStudy(): Promise<void> {
	if ((await query('SELECT id FROM studies WHERE slug = ?', SLUG)).length > 0) return;
	const yaml = FIXTURE_YAML.replace('slug: mini-study', `slug: ${SLUG}`)
		.replace('  confidence: percent\n', '  confidence: percent\n  lesion_marks: true\n')
		.replace('endpoints:\n', `${MAMMOGRAPHY_HANGING_YAML}endpoints:\n`);
	const options = twelveCaseOptions(yaml);
	// Every case: L-CC, L-MLO, R-CC, R-MLO in file order (images 1–4), chest wall on the left.
	options.writeImages = (dir) => {
		for (const folder of options.imageFolders ?? [])
			writeMammograms(join(dir, 'images', folder), fourViews(`case-${folder}`, '20240105'));
	};
	e2eCli(['study', 'load', makeStudyFolder(options)]);
	e2eCli(
		[
			...['reader', 'enrol', '--study', SLUG, '--site', 'site-a'],
			...['--email', READER, '--name', 'Hanging Reader', '--password-stdin']
		],
		PASSWORD
	);
}

interface Lit {
	/** Canvas size in device pixels and per CSS pixel. */
	width: number;
	height: number;
	scale: number;
	/** Columns and rows holding image pixels (not black). */
	left: number;
	right: number;
	top: number;
	bottom: number;
	/** Where the bright marker (stored top-left corner) is, as a fraction of the canvas width. */
	markerX: number;
	/** Mean grey of the image's background (a pixel well inside, away from the marker). */
	background: number;
}

/** What a viewport's canvas shows. */
function litOf(viewport: Locator): Promise<Lit | null> {
	return viewport.evaluate((element) => {
		const canvas = element.querySelector('canvas');
		if (!canvas || canvas.width === 0) return null;
		const { width, height } = canvas;
		const data = canvas
			.getContext('2d', { willReadFrequently: true })!
			.getImageData(0, 0, width, height).data;
		let left = width;
		let right = -1;
		let top = height;
		let bottom = -1;
		let markerSum = 0;
		let markerCount = 0;
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const value = data[(y * width + x) * 4]!;
				if (value === 0) continue;
				left = Math.min(left, x);
				right = Math.max(right, x);
				top = Math.min(top, y);
				bottom = Math.max(bottom, y);
				if (value > 200) {
					markerSum += x;
					markerCount += 1;
				}
			}
		if (right < 0 || markerCount === 0) return null;
		const cx = Math.round((left + right) / 2);
		const cy = Math.round((top + bottom) / 2);
		return {
			width,
			height,
			scale: width / element.clientWidth,
			left,
			right,
			top,
			bottom,
			markerX: markerSum / markerCount / width,
			background: data[(cy * width + cx) * 4]!
		};
	});
}

test('a four-view mammography case hangs per the protocol: order, labels, mirror, chest wall, synchronised W/L, a mark on L-MLO', async ({
	page
}) => {
	test.setTimeout(120_000);
	await loadStudy();
	const [first] = await readerAssignments(E2E_STORE, READER, { limit: 1 });
	await signInReader(page, READER, PASSWORD);
	await page.goto(`/read/${first!.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(first!.id);

	const viewports = page.locator('[data-testid=viewport]');
	await expect(viewports).toHaveCount(4);
	await expect(page.getByTestId('pane-label')).toHaveText(['R CC', 'L CC', 'R MLO', 'L MLO']);
	const viewport = (slot: number) =>
		page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);

	// Every viewport drew its image: the right views mirrored and pinned right, the left views as
	// stored and pinned left (chest walls meet in the middle).
	const shown: Lit[] = [];
	for (const slot of [0, 1, 2, 3]) {
		await expect.poll(() => litOf(viewport(slot)), { timeout: 15_000 }).not.toBeNull();
		shown.push((await litOf(viewport(slot)))!);
	}
	for (const slot of [0, 2]) {
		expect(shown[slot]!.markerX, `viewport ${slot} marker`).toBeGreaterThan(0.5);
		expect(shown[slot]!.right, `viewport ${slot} right edge`).toBeGreaterThanOrEqual(
			shown[slot]!.width - 3
		);
	}
	for (const slot of [1, 3]) {
		expect(shown[slot]!.markerX, `viewport ${slot} marker`).toBeLessThan(0.5);
		expect(shown[slot]!.left, `viewport ${slot} left edge`).toBeLessThanOrEqual(2);
	}
	// Each view is its own image: the background levels differ (R-CC 800, L-CC 400, R-MLO 1000, L-MLO 600).
	expect(shown[0]!.background).toBeGreaterThan(shown[1]!.background);
	expect(shown[2]!.background).toBeGreaterThan(shown[3]!.background);

	// Window/level dragged on R-CC changes L-MLO's grey too.
	const box0 = (await viewport(0).boundingBox())!;
	await page.mouse.move(box0.x + box0.width / 2, box0.y + box0.height / 2);
	await page.mouse.down();
	await page.mouse.move(box0.x + box0.width / 2 + 60, box0.y + box0.height / 2 + 80, {
		steps: 10
	});
	await page.mouse.up();
	await expect
		.poll(async () => (await litOf(viewport(3)))?.background, { timeout: 5_000 })
		.not.toBe(shown[3]!.background);

	// A mark on L-MLO at stored pixel (100, 150): L-MLO is case image 2.
	const target = { x: 100, y: 150 };
	const lmlo = (await litOf(viewport(3)))!;
	const box3 = (await viewport(3).boundingBox())!;
	const perPixel = (lmlo.right - lmlo.left + 1) / MG_COLUMNS / lmlo.scale;
	expect((lmlo.bottom - lmlo.top + 1) / MG_ROWS / lmlo.scale).toBeCloseTo(perPixel, 1);
	const screenX = box3.x + lmlo.left / lmlo.scale + (target.x + 0.5) * perPixel;
	const screenY = box3.y + lmlo.top / lmlo.scale + (target.y + 0.5) * perPixel;
	await page.keyboard.press('m');
	await page.mouse.click(screenX, screenY);
	await page.keyboard.press('Escape');
	await expect(viewport(3).locator('..').getByTestId('mark')).toHaveCount(1);
	await expect(viewport(1).locator('..').getByTestId('mark')).toHaveCount(0);

	// The active viewport moves with V; the toolbar acts on it.
	await page.keyboard.press('v');
	await expect(viewport(0).locator('..')).toHaveClass(/active/);

	await workstation.rate('present', 70);
	await page.keyboard.press('Enter');
	await expect
		.poll(
			async () =>
				(
					await query<{ marks: string; events: string }>(
						`SELECT r.marks_json AS marks, r.client_events_json AS events FROM reads r
					 JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?`,
						first!.id
					)
				).length,
			{ timeout: 15_000 }
		)
		.toBe(1);
	const [read] = await query<{ marks: string; events: string }>(
		`SELECT r.marks_json AS marks, r.client_events_json AS events FROM reads r
		 JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?`,
		first!.id
	);
	const marks = JSON.parse(read!.marks) as Array<{ image: number; x: number; y: number }>;
	expect(marks).toHaveLength(1);
	expect(marks[0]!.image).toBe(2);
	expect(Math.abs(marks[0]!.x - target.x)).toBeLessThanOrEqual(1.5);
	expect(Math.abs(marks[0]!.y - target.y)).toBeLessThanOrEqual(1.5);
	const events = JSON.parse(read!.events) as Array<{
		type: string;
		detail?: Record<string, unknown>;
	}>;
	expect(events.find((event) => event.type === 'wl')?.detail).toMatchObject({
		viewport: 1,
		image: 3
	});
	expect(events.find((event) => event.type === 'mark.add')?.detail).toMatchObject({ image: 2 });
});

// The workstation's viewing tools, checked on what the page shows: cine plays a stack through its
// images at the chosen frame rate (K, and the rate selector) and stopping holds the image; the
// magnifier (Z) shows the image under the pointer enlarged while the button is held, and neither
// changes window/level nor measures; in an aided read of a hung mammography case the AI's heatmap
// and boxes of an image are drawn only in the viewport showing that image, and an unaided read
// draws none. Cine and magnifier run on this file's own study (demo CT images, one case a stack);
// the AI checks on the mammography demo as the server scores it in the background, read (never
// submitted) by reader c1, whom no other browser test sends to demo-mammography.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import {
	draftEvents,
	loadToolsStudy,
	openToolsCase,
	type ToolsStudy
} from '$fixtures/viewer-tools-study.fixture';
import { E2E_STORE, query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';
import {
	countsDuring,
	greyOf,
	imageCanvas,
	litPixels,
	magnifyAt,
	type Magnified
} from '$fixtures/viewer-canvas.fixture';

const FLAT: ToolsStudy = 'viewer-tools-e2e';
const HUNG: ToolsStudy = 'viewer-tools-hung-e2e';

/** The 1-based image of each counter text, checking that each follows the one before (looping). */
function expectConsecutive(shown: string[], total: number): void {
	const images = shown.map((text) => Number(text.split(' / ')[0]));
	for (let index = 1; index < images.length; index++)
		expect(images[index], `image after ${images[index - 1]} (${shown.join(', ')})`).toBe(
			(images[index - 1]! % total) + 1
		);
}

test('cine plays a stack through its images at the chosen frame rate, and stopping holds the image', async ({
	page
}) => {
	test.setTimeout(120_000);
	const total = await loadToolsStudy(FLAT);
	expect(total).toBeGreaterThanOrEqual(8);
	const assignment = await openToolsCase(page, FLAT, 'K1');
	const counter = page.getByTestId('slice');
	const play = page.getByRole('button', { name: /^K (Play|Stop)$/ });
	const rate = page.getByLabel('Frames per second');
	await expect(counter).toHaveText(`1 / ${total}`);
	await expect(play).toHaveAttribute('aria-pressed', 'false');
	await expect(rate).toHaveValue('10');

	// Every slice loaded once, so that cine's pace is its own and not the loader's.
	for (let image = 2; image <= total; image++) {
		await page.keyboard.press('ArrowDown');
		await expect(counter).toHaveText(`${image} / ${total}`);
	}

	// K plays at the default 10 images a second, each image after the one before.
	await page.keyboard.press('k');
	await expect(play).toHaveAttribute('aria-pressed', 'true');
	await expect(play).toHaveText(/Stop$/);
	const fast = await countsDuring(page, 3_000);
	expectConsecutive(fast, total);

	// 2 a second, still playing.
	await rate.selectOption('2');
	await expect(play).toHaveAttribute('aria-pressed', 'true');
	await page.waitForTimeout(600);
	const slow = await countsDuring(page, 3_000);
	expectConsecutive(slow, total);
	expect(slow.length, `at 2 fps for 3 s: ${slow.join(', ')}`).toBeGreaterThanOrEqual(4);
	expect(slow.length, `at 2 fps for 3 s: ${slow.join(', ')}`).toBeLessThanOrEqual(8);
	expect(fast.length, `at 10 fps for 3 s: ${fast.join(', ')}`).toBeGreaterThanOrEqual(15);
	expect(fast.length).toBeGreaterThanOrEqual(2.5 * slow.length);

	// K again stops: the image shown stays.
	await page.keyboard.press('k');
	await expect(play).toHaveAttribute('aria-pressed', 'false');
	await expect(play).toHaveText(/Play$/);
	const held = await counter.textContent();
	expect(await countsDuring(page, 1_500)).toEqual([]);
	await expect(counter).toHaveText(held!);

	// The read's event log: cine started at each rate, and the images it showed, half a second
	// apart at 2 fps.
	await expect
		.poll(
			async () => (await draftEvents(assignment)).filter((event) => event.type === 'cine').length,
			{
				timeout: 10_000
			}
		)
		.toBeGreaterThanOrEqual(2);
	const events = await draftEvents(assignment);
	const cine = events.filter((event) => event.type === 'cine');
	expect(cine.slice(0, 2).map((event) => event.detail)).toEqual([
		{ playing: true, fps: 10 },
		{ playing: true, fps: 2 }
	]);
	const slowScrolls = events.filter((event) => event.type === 'scroll' && event.at > cine[1]!.at);
	expect(slowScrolls.length).toBeGreaterThanOrEqual(4);
	const gaps = slowScrolls.slice(1).map((event, index) => event.at - slowScrolls[index]!.at);
	const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
	expect(median, `gaps at 2 fps: ${gaps.join(', ')}`).toBeGreaterThan(400);
	expect(median, `gaps at 2 fps: ${gaps.join(', ')}`).toBeLessThan(650);
});

// The stop is recorded too (a defect: only starts were; the reset on a new case is not, its clock
// not running yet).
test("stopping cine is recorded in the read's event log", async ({ page }) => {
	test.setTimeout(90_000);
	const total = await loadToolsStudy(FLAT);
	const assignment = await openToolsCase(page, FLAT, 'K1');
	const counter = page.getByTestId('slice');
	await page.keyboard.press('k');
	await expect(counter).not.toHaveText(`1 / ${total}`);
	await page.keyboard.press('k');
	await expect(page.getByRole('button', { name: 'K Play' })).toBeVisible();
	await expect
		.poll(
			async () =>
				(await draftEvents(assignment)).filter((event) => event.type === 'cine').at(-1)?.detail,
			{ timeout: 10_000 }
		)
		.toEqual({ playing: false, fps: 10 });
});

// Cine plays in the viewport that was active when it started; turning to another viewport stops
// it (a defect: it played on, and K then acted on the other viewport, with no way left to stop it).
test('cine in a hung case: once the toolbar says stopped after the reader turns to another viewport, no stack plays', async ({
	page
}) => {
	test.setTimeout(120_000);
	const total = await loadToolsStudy(HUNG);
	await openToolsCase(page, HUNG, 'K1');
	const viewport = (slot: number) =>
		page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);
	const [left, right] = [Math.ceil(total / 2), Math.floor(total / 2)];
	const counter = page.getByTestId('slice');
	const play = page.getByRole('button', { name: /^K (Play|Stop)$/ });
	await expect(page.getByTestId('viewport')).toHaveCount(2);
	await expect(counter).toHaveText(`1 / ${left}`);

	const turnTo = async (slot: number) => {
		const box = (await viewport(slot).boundingBox())!;
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	};
	const scrollThrough = async (images: number) => {
		for (let image = 2; image <= images; image++) {
			await page.keyboard.press('ArrowDown');
			await expect(counter).toHaveText(`${image} / ${images}`);
		}
	};
	// Every slice of both stacks loaded once, so that nothing but cine moves them.
	await turnTo(1);
	await expect(counter).toHaveText(`1 / ${right}`);
	await scrollThrough(right);
	await turnTo(0);
	await expect(counter).toHaveText(`1 / ${left}`);
	await scrollThrough(left);

	// Cine plays the first stack; the reader turns to the other one, the toolbar shows it.
	await page.keyboard.press('k');
	const playing = await countsDuring(page, 1_000);
	expect(playing.length, `the first stack plays: ${playing.join(', ')}`).toBeGreaterThanOrEqual(4);
	await turnTo(1);
	await expect(counter).toHaveText(`${right} / ${right}`);
	if ((await play.getAttribute('aria-pressed')) === 'true') await page.keyboard.press('k');
	await expect(play).toHaveAttribute('aria-pressed', 'false');

	// Neither viewport's image changes any more.
	const shown = () => Promise.all([0, 1].map((slot) => greyOf(imageCanvas(viewport(slot)))));
	const before = await shown();
	await page.waitForTimeout(2_000);
	const after = await shown();
	for (const slot of [0, 1]) {
		const changed = after[slot]!.values.filter(
			(value, index) => value !== before[slot]!.values[index]
		).length;
		expect(changed, `pixels changed in viewport ${slot + 1} with cine stopped`).toBe(0);
	}
});

/**
 * The lens is the image around the pointer, enlarged: the best-matching enlargement is well above
 * 1, the lens matches the image there far better than the patch right under it, and the image
 * itself is the same before, while and after the lens is shown.
 */
function expectMagnified(magnified: Magnified, label: string): void {
	const { scale, difference, unmagnified } = magnified;
	const said = `${label}: best ${scale.toFixed(2)}× (difference ${difference.toFixed(1)}), unmagnified ${unmagnified.toFixed(1)}`;
	expect(scale, said).toBeGreaterThan(2);
	expect(difference, said).toBeLessThan(12);
	expect(unmagnified, said).toBeGreaterThan(2 * difference);
	const changed = (a: number[], b: number[]) => a.filter((value, index) => value !== b[index]);
	expect(changed(magnified.during.values, magnified.before.values).length, label).toBe(0);
	expect(changed(magnified.after.values, magnified.before.values).length, label).toBe(0);
}

test('the magnifier shows the image under the pointer enlarged while pressed, and neither changes window/level nor measures', async ({
	page
}) => {
	test.setTimeout(90_000);
	await loadToolsStudy(FLAT);
	const assignment = await openToolsCase(page, FLAT, 'K2');
	const workstation = new Workstation(page);
	const windowShown = page.getByTestId('window');
	await expect(windowShown).toBeVisible();
	const before = await windowShown.textContent();

	await page.keyboard.press('z');
	await expect(page.locator('[data-tool="magnify"]')).toHaveAttribute('aria-pressed', 'true');
	const box = (await workstation.viewport.boundingBox())!;
	const pointer = { x: Math.round(box.width / 2 + 30), y: Math.round(box.height / 2 + 20) };
	expectMagnified(await magnifyAt(page, workstation.viewport, pointer), 'CT');

	await expect(windowShown).toHaveText(before!);
	await expect(page.getByTestId('measurement')).toHaveCount(0);
	await expect(page.getByTestId('measurement-shape')).toHaveCount(0);
	// Nothing in the read's log says the window changed or something was measured.
	await expect
		.poll(async () => (await draftEvents(assignment)).length, { timeout: 10_000 })
		.toBeGreaterThan(0);
	const types = (await draftEvents(assignment)).map((event) => event.type);
	expect(types).not.toContain('wl');
	expect(types).not.toContain('measure.add');
});

const MAMMOGRAPHY = 'demo-mammography';
const MAMMOGRAPHY_READER = 'reader.c1@demo.example.org';

interface AiOutput {
	heatmap: { data: number[]; image: number };
	boxes: Array<{ image: number; score: number }>;
}

interface ScoredCase {
	assignment: string;
	output: AiOutput;
	/** The boxes a reader is shown (at or above the model's threshold). */
	reported: AiOutput['boxes'];
	/** Case image (1-based) of each view, by the view's name ("R-CC", …). */
	images: Map<string, number>;
}

const THRESHOLD = (
	JSON.parse(readFileSync('studies/demo-mammography/model/model.json', 'utf8')) as {
		threshold: number;
	}
).threshold;

/** Reader c1's period-1 assignments in the arm whose case the AI has scored, with its output. */
async function scoredCases(arm: string): Promise<ScoredCase[]> {
	const assignments = await readerAssignments(E2E_STORE, MAMMOGRAPHY_READER, {
		study: MAMMOGRAPHY,
		period: 1,
		arm,
		scored: true
	});
	const cases: ScoredCase[] = [];
	for (const { id } of assignments) {
		const rows = await query<{ output: string; ordinal: number; path: string }>(
			`SELECT r.output_json AS output, i.ordinal, i.path FROM assignments a
			 JOIN ai_results r ON r.case_id = a.case_id AND r.status = 'done'
			 JOIN images i ON i.case_id = a.case_id WHERE a.public_id = ?`,
			id
		);
		const output = JSON.parse(rows[0]!.output) as AiOutput;
		cases.push({
			assignment: id,
			output,
			reported: output.boxes.filter((box) => box.score >= THRESHOLD),
			images: new Map(rows.map((row) => [/([LR]-(CC|MLO))\.dcm$/.exec(row.path)![1]!, row.ordinal]))
		});
	}
	return cases;
}

/**
 * A case of each arm whose output shows (a visible heatmap, a reported box), once scored; in the
 * aided arm the one with reported boxes on most images.
 */
async function scoredPair(): Promise<{ aided: ScoredCase; unaided: ScoredCase }> {
	const shows = (scored: ScoredCase) =>
		scored.reported.length > 0 && Math.max(...scored.output.heatmap.data) >= 0.3;
	const boxedImages = (scored: ScoredCase) => new Set(scored.reported.map((box) => box.image)).size;
	for (let waited = 0; ; waited += 2_000) {
		const aided = (await scoredCases('aided'))
			.filter(shows)
			.sort((a, b) => boxedImages(b) - boxedImages(a))[0];
		const unaided = (await scoredCases('unaided')).find(shows);
		if (aided && unaided) return { aided, unaided };
		if (waited > 300_000)
			throw new Error(`no scored ${MAMMOGRAPHY} case with AI findings in each arm after 300 s`);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
}

test.describe('the hung mammography views', () => {
	test.use({ viewport: { width: 1400, height: 1000 } });
	const labels = ['R CC', 'L CC', 'R MLO', 'L MLO'];
	const viewport = (page: Page, slot: number) =>
		page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);
	/** A viewport with what the page draws over it (the AI layer, marks). */
	const stage = (page: Page, slot: number) => viewport(page, slot).locator('..');
	const imagePixels = (page: Page, slot: number) =>
		litPixels(stage(page, slot), '.viewport-element > canvas', 'red');
	const heatmapPixels = (page: Page, slot: number) =>
		litPixels(stage(page, slot), '[data-testid=ai-heatmap]', 'alpha');

	/** Opens a case and waits until all four views are drawn. */
	async function openHung(page: Page, assignment: string): Promise<void> {
		await page.goto(`/read/${assignment}`);
		await new Workstation(page).waitUntilReading(assignment);
		await expect(page.getByTestId('pane-label')).toHaveText(labels);
		for (const slot of [0, 1, 2, 3])
			await expect.poll(() => imagePixels(page, slot), { timeout: 30_000 }).toBeGreaterThan(1000);
	}

	test('the AI overlay is drawn only in the viewport showing its image in an aided read, and nowhere in an unaided one', async ({
		page
	}) => {
		test.setTimeout(480_000);
		const { aided, unaided } = await scoredPair();
		await signInReader(page, MAMMOGRAPHY_READER);
		const workstation = new Workstation(page);

		await openHung(page, aided.assignment);
		await expect(workstation.aiPanel).toBeVisible();
		const imageOf = (slot: number) => aided.images.get(labels[slot]!.replace(' ', '-'))!;
		const heatmapSlot = [0, 1, 2, 3].find((slot) => imageOf(slot) === aided.output.heatmap.image);
		expect(heatmapSlot, 'the viewport of the heatmap image').toBeDefined();
		await expect
			.poll(() => heatmapPixels(page, heatmapSlot!), { timeout: 30_000 })
			.toBeGreaterThan(20);
		for (const slot of [0, 1, 2, 3]) {
			const boxes = aided.reported.filter((box) => box.image === imageOf(slot)).length;
			await expect(
				stage(page, slot).getByTestId('ai-box'),
				`AI boxes in ${labels[slot]}`
			).toHaveCount(boxes);
			if (slot !== heatmapSlot)
				expect(await heatmapPixels(page, slot), `heatmap in ${labels[slot]}`).toBe(0);
		}
		await expect(page.getByTestId('ai-box')).toHaveCount(aided.reported.length);

		await openHung(page, unaided.assignment);
		await expect(workstation.aiPanel).toHaveCount(0);
		await expect(page.getByTestId('ai-heatmap')).toHaveCount(0);
		await expect(page.getByTestId('ai-box')).toHaveCount(0);
	});

	test('the magnifier on a mirrored view shows it as displayed, enlarged', async ({ page }) => {
		test.setTimeout(90_000);
		const [assignment] = await readerAssignments(E2E_STORE, MAMMOGRAPHY_READER, {
			study: MAMMOGRAPHY,
			period: 1,
			arm: 'unaided',
			limit: 1
		});
		await signInReader(page, MAMMOGRAPHY_READER);
		await openHung(page, assignment!.id);
		await page.keyboard.press('z');
		await expect(page.locator('[data-tool="magnify"]')).toHaveAttribute('aria-pressed', 'true');
		// R CC, mirrored: its chest wall on the viewport's right edge; the pointer on the breast there.
		const box = (await viewport(page, 0).boundingBox())!;
		const pointer = { x: Math.round(box.width * 0.85), y: Math.round(box.height / 2) };
		const magnified = await magnifyAt(page, viewport(page, 0), pointer);
		const { before } = magnified;
		expect(
			before.values[pointer.y * before.width + pointer.x],
			'tissue under the pointer'
		).toBeGreaterThan(25);
		expectMagnified(magnified, 'R CC (mirrored)');
		await expect(page.getByTestId('measurement')).toHaveCount(0);
	});
});

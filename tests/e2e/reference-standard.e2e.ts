// Issue 19, the reference standard made in Tandem, as its people do it: two annotators outline
// the same lesion on one case (the boxes overlap fully) and disagree on another (diseased or
// not); the first becomes truth by consensus with no adjudication, the second waits in the
// adjudicator's queue, who takes one annotator's lesion and decides with a reason; the report
// shows the final truth and where it came from. A draft survives a reload; neither annotator can
// open the other's task, its images or its draft, nor sees the other's work; a reader is refused
// all of it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { query } from './database.fixture';
import { DEMO, signIn } from './session.fixture';
import {
	caseRefOf,
	referenceStandardE2eStudy,
	taskOf,
	TRUTH_MAKER_PASSWORD,
	type ReferenceStandardE2eStudy
} from './reference-standard-study.fixture';

const SLUG = 'rs-e2e';
const NOTE = 'faint rim near the hilum';
let study: ReferenceStandardE2eStudy;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(180_000);
	study = await referenceStandardE2eStudy(SLUG);
});

async function as(browser: Browser, email: string, password?: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(20_000);
	await signIn(page, email, password);
	return page;
}

async function openTask(page: Page, task: number): Promise<void> {
	await page.goto(`/annotate/${task}`);
	await expect(page.getByTestId('annotation-workstation')).toHaveAttribute(
		'data-task',
		String(task)
	);
	await expect(page.getByTestId('annotation-viewer')).toHaveAttribute('data-rendered', 'true');
}

/** A box dragged with the box tool between two points given as fractions of the viewport. */
async function drawBox(page: Page, from: [number, number], to: [number, number]): Promise<void> {
	await page.keyboard.press('b');
	await expect(page.getByTestId('draw-layer')).toHaveAttribute('data-shape', 'box');
	const area = (await page.getByTestId('viewport').boundingBox())!;
	const at = ([x, y]: [number, number]) => [area.x + x * area.width, area.y + y * area.height];
	const [x0, y0] = at(from);
	const [x1, y1] = at(to);
	await page.mouse.move(x0!, y0!);
	await page.mouse.down();
	await page.mouse.move(x1!, y1!, { steps: 8 });
	await page.mouse.up();
	await page.keyboard.press('Escape');
}

async function submit(page: Page): Promise<void> {
	const answer = page.waitForResponse((response) => response.url().endsWith('/submit'));
	await page.getByRole('button', { name: /^Submit annotation/ }).click();
	expect((await answer).status()).toBe(200);
}

/**
 * What a page's data request answers: its HTTP status, or (SvelteKit answers a load's error inside
 * a 200 JSON) the status of the error it carries.
 */
async function dataStatus(page: Page, path: string): Promise<number> {
	const response = await page.request.get(`${path}/__data.json`);
	if (response.status() !== 200) return response.status();
	const body = (await response.json()) as { type?: string; status?: number; nodes?: unknown[] };
	const failed = [body, ...(body.nodes ?? [])].find(
		(node): node is { type: 'error'; status?: number } =>
			typeof node === 'object' && node !== null && (node as { type?: string }).type === 'error'
	);
	return failed ? (failed.status ?? 500) : 200;
}

const outlines = (page: Page) => page.getByTestId('outline');
const BOX: [[number, number], [number, number]] = [
	[0.55, 0.4],
	[0.7, 0.55]
];

test('annotator 1 outlines a lesion on two cases; the draft survives a reload', async ({
	browser
}) => {
	const page = await as(browser, study.annotators[0], TRUTH_MAKER_PASSWORD);
	await expect(page).toHaveURL('/annotate');
	await expect(page.getByTestId('annotation-task')).toHaveCount(4);

	const agreed = await taskOf(SLUG, study.annotators[0], 'C002');
	await openTask(page, agreed);
	await page.keyboard.press('d');
	const saved = page.waitForResponse(
		(response) => response.url().endsWith(`/api/annotate/${agreed}/draft`) && response.ok()
	);
	await drawBox(page, ...BOX);
	await expect(outlines(page)).toHaveCount(1);
	await page.getByTestId('lesion-list').getByRole('button', { name: /^L1/ }).click();
	await page.getByLabel('type').fill('nodule');
	await page.getByLabel('type').blur();
	await saved;
	await expect
		.poll(
			async () => (await query('SELECT id FROM annotation_drafts WHERE task_id = ?', agreed)).length
		)
		.toBe(1);
	await expect
		.poll(
			async () =>
				(
					await query<{ s: string }>(
						'SELECT state_json AS s FROM annotation_drafts WHERE task_id = ?',
						agreed
					)
				)[0]?.s ?? ''
		)
		.toContain('nodule');

	await page.reload();
	await expect(page.getByTestId('annotation-viewer')).toHaveAttribute('data-rendered', 'true');
	await expect(outlines(page)).toHaveCount(1);
	await expect(page.getByLabel(/Diseased/)).toBeChecked();
	await submit(page);

	const disputed = await taskOf(SLUG, study.annotators[0], 'C004');
	await openTask(page, disputed);
	await page.keyboard.press('d');
	await drawBox(page, [0.2, 0.4], [0.4, 0.55]);
	await page.getByLabel(/Note for the adjudicator/).fill(NOTE);
	await page.getByLabel(/Note for the adjudicator/).blur();
	await submit(page);
	await page.goto('/annotate');
	await expect(
		page.getByTestId('annotation-task').and(page.locator('[data-status=submitted]'))
	).toHaveCount(2);
	await page.context().close();
});

test('annotator 2 sees none of it, cannot open it, outlines the same lesion and disagrees on the other case', async ({
	browser
}) => {
	const page = await as(browser, study.annotators[1], TRUTH_MAKER_PASSWORD);
	const theirs = [
		await taskOf(SLUG, study.annotators[0], 'C002'),
		await taskOf(SLUG, study.annotators[0], 'C004')
	];
	for (const task of theirs) {
		// The workstation is drawn in the browser (ssr off): its data request is the one refused.
		expect(await dataStatus(page, `/annotate/${task}`)).toBe(404);
		await page.goto(`/annotate/${task}`);
		await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
		await expect(page.getByTestId('annotation-workstation')).toHaveCount(0);
		expect((await page.request.get(`/api/annotate/${task}/images/1`)).status()).toBe(404);
		const put = await page.request.put(`/api/annotate/${task}/draft`, {
			data: { classification: 0, lesions: [] }
		});
		expect(put.status()).toBe(404);
	}

	const agreed = await taskOf(SLUG, study.annotators[1], 'C002');
	await openTask(page, agreed);
	await expect(outlines(page)).toHaveCount(0);
	await expect(page.getByLabel(/Diseased/)).not.toBeChecked();
	await page.keyboard.press('d');
	await drawBox(page, ...BOX);
	await expect(outlines(page)).toHaveCount(1);
	await submit(page);

	const disputed = await taskOf(SLUG, study.annotators[1], 'C004');
	await openTask(page, disputed);
	await expect(outlines(page)).toHaveCount(0);
	await expect(page.locator('body')).not.toContainText(NOTE);
	await page.keyboard.press('n');
	await submit(page);
	await page.context().close();

	const truth = async (key: string) =>
		await query<{ truth: number; origin: string }>(
			`SELECT t.truth, t.origin FROM reference_truth t JOIN cases c ON c.id = t.case_id
			 JOIN studies s ON s.id = c.study_id WHERE s.slug = ? AND c.case_key = ?`,
			SLUG,
			key
		);
	expect(await truth('C002')).toEqual([{ truth: 1, origin: 'consensus' }]);
	expect(await truth('C004')).toEqual([]);
});

test('a reader is refused the workstations, their images and the report', async ({ browser }) => {
	const page = await as(browser, DEMO.readerA1);
	const task = await taskOf(SLUG, study.annotators[0], 'C002');
	const caseRef = await caseRefOf(SLUG, 'C004');
	for (const url of [
		'/annotate',
		`/annotate/${task}`,
		`/api/annotate/${task}/images/1`,
		'/adjudicate',
		`/adjudicate/${caseRef}`,
		`/api/adjudicate/${caseRef}/images/1`,
		`/analysis/${SLUG}/reference-standard`
	]) {
		const status = (await page.request.get(url, { maxRedirects: 0 })).status();
		expect([403, 404], `${url} → ${status}`).toContain(status);
	}
	const put = await page.request.put(`/api/annotate/${task}/draft`, {
		data: { classification: 1, lesions: [] }
	});
	expect([403, 404]).toContain(put.status());
	await page.context().close();
});

test('the disagreement waits for the adjudicator, who decides it with a reason', async ({
	browser
}) => {
	const page = await as(browser, study.adjudicator, TRUTH_MAKER_PASSWORD);
	await expect(page).toHaveURL('/adjudicate');
	const disputed = await caseRefOf(SLUG, 'C004');
	const rows = page.getByTestId('adjudication-case');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toHaveAttribute('data-case', String(disputed));
	await expect(rows.first()).toHaveAttribute('data-decided', 'false');
	const agreed = await caseRefOf(SLUG, 'C002');
	expect(await dataStatus(page, `/adjudicate/${agreed}`)).toBe(404);

	await rows.first().getByRole('link').click();
	await expect(page.getByTestId('annotation-viewer')).toHaveAttribute('data-rendered', 'true');
	const legend = page.getByTestId('annotator-legend');
	await expect(legend.locator('[data-annotator]')).toHaveCount(2);
	await expect(legend).toContainText('Diseased');
	await expect(legend).toContainText('Non-diseased');
	await expect(legend).toContainText(NOTE);
	await expect(page.getByTestId('adjudication-reasons').locator('li')).not.toHaveCount(0);
	await expect(outlines(page)).toHaveCount(1);
	await expect(page.locator('body')).not.toContainText(study.annotators[0]);

	await page.getByTestId('take-lesion').first().click();
	await expect(page.getByTestId('lesion-list').locator('li')).toHaveCount(1);
	await expect(outlines(page)).toHaveCount(2);
	await page.getByRole('button', { name: 'Decide' }).click();
	await expect(page.getByRole('alert')).toContainText('reason');
	await page.getByLabel('Reason (recorded)').fill('the rim is a lesion on the soft-tissue window');
	await page.getByRole('button', { name: 'Decide' }).click();
	await expect(page).toHaveURL('/adjudicate');
	await expect(page.getByTestId('adjudication-case').first()).toHaveAttribute(
		'data-decided',
		'true'
	);
	await page.context().close();
});

test("the report shows each case's final truth and where it came from", async ({ browser }) => {
	const page = await as(browser, DEMO.statistician);
	await page.goto(`/analysis/${SLUG}`);
	await page.getByRole('link', { name: 'Reference standard' }).click();
	await expect(page).toHaveURL(`/analysis/${SLUG}/reference-standard`);
	const row = (key: string) => page.locator(`[data-testid=provenance-row][data-case="${key}"]`);
	await expect(row('C002')).toHaveAttribute('data-status', 'consensus');
	await expect(row('C004')).toHaveAttribute('data-status', 'adjudicated');
	await expect(row('C004')).toContainText(study.adjudicator.split('@')[0]!);
	await expect(row('C004')).toContainText('the rim is a lesion on the soft-tissue window');
	await expect(row('C001')).toHaveAttribute('data-status', 'waiting');
	await expect(page.getByTestId('rs-progress')).toContainText('4 of 8');
	await page.context().close();
});

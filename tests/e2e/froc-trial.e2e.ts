// Issue 18's "Done means" in the browser: a reader marks lesions in the FROC demo study through
// the UI, the marks are matched, and the analysis shows wAFROC for both arms. On a copy of eight
// of studies/demo-mammography's cases under its own slug (fully crossed, see
// froc-demo-copy.fixture.ts): the reader marks both lesions of a two-lesion case at their truth
// positions (one on a mirrored right view, one on a left view), rates them on the five-point
// scale, adds a false mark elsewhere, and answers "no lesion" on a normal case; the other reads
// are simulated; the study is locked and exported, whose marks.csv has the reader's marks as LLs
// of the right lesions and an NL; once unblinded, the analysis page shows wAFROC for "Reader
// alone" and "Reader with AI".
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { litPixels } from '$fixtures/viewer-canvas.fixture';
import { E2E_STORE, query } from './database.fixture';
import { storedReads, type StoredMark } from './stored-read.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';
import { DEMO, signIn } from './session.fixture';
import { e2eCli, releaseKey } from './trial-study.fixture';
import { FROC_READER_PASSWORD, loadFrocTrial, lockAndExport } from './froc-demo-copy.fixture';

const SLUG = 'froc-trial-e2e';
const COLUMNS = 3328;
const ROWS = 4096;
/** The two-lesion case: lesion 1 (a mass) on the right views, lesion 2 (calcifications) on the left. */
const TWO_LESIONS = 'M006';

test.use({ viewport: { width: 1600, height: 1200 } });

const viewport = (page: Page, slot: number) =>
	page.locator(`[data-testid=viewport][data-viewport="${slot}"]`);

/**
 * Stored pixel (x, y) of the image in a slot → page point. The slots hang R CC, L CC, R MLO,
 * L MLO (slot = image − 1); each view is fitted, centred vertically and pinned to its chest-wall
 * edge: the left views as stored against the viewport's left edge, the right views mirrored
 * against its right edge.
 */
async function toPage(page: Page, slot: number, x: number, y: number) {
	const box = (await viewport(page, slot).boundingBox())!;
	const scale = Math.min(box.width / COLUMNS, box.height / ROWS);
	const top = box.y + (box.height - ROWS * scale) / 2 + (y + 0.5) * scale;
	const mirrored = slot % 2 === 0;
	const left = mirrored ? box.x + box.width - (x + 0.5) * scale : box.x + (x + 0.5) * scale;
	return { x: left, y: top, tolerance: 1.5 / scale };
}

/** Mark mode, a click at stored pixel (x, y) of the image in the slot, mark mode off. */
async function markAt(page: Page, slot: number, x: number, y: number): Promise<number> {
	const point = await toPage(page, slot, x, y);
	await page.keyboard.press('m');
	await page.mouse.click(point.x, point.y);
	await page.keyboard.press('Escape');
	return point.tolerance;
}

async function waitUntilDrawn(page: Page): Promise<void> {
	for (const slot of [0, 1, 2, 3])
		await expect
			.poll(
				() => litPixels(viewport(page, slot).locator('..'), '.viewport-element > canvas', 'red'),
				{
					timeout: 30_000
				}
			)
			.toBeGreaterThan(1000);
}

/** marks.csv rows of the export as records. */
function csvRows(file: string): Array<Record<string, string>> {
	const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
	const columns = header!.split(',');
	return rows.map((row) => {
		const cells = row.split(',');
		return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
	});
}

test('a reader marks lesions in the FROC demo through the UI; the marks are matched; the analysis shows wAFROC for both arms', async ({
	page
}) => {
	test.setTimeout(900_000);
	const { readers, lesions } = loadFrocTrial(SLUG);
	const reader = readers[0]!;
	const assignments = await readerAssignments(E2E_STORE, reader, { study: SLUG, period: 1 });
	const diseased = assignments.find((item) => item.caseKey === TWO_LESIONS)!;
	const normal = assignments.find(
		(item) => !lesions.some((lesion) => lesion.caseKey === item.caseKey)
	)!;
	expect(diseased, `${TWO_LESIONS} in the reader's first period`).toBeDefined();
	// The truth regions marked: lesion 1 on R-CC (image 1, mirrored), lesion 2 on L-MLO (image 4).
	const region = (lesion: string, image: number) =>
		lesions.find(
			(row) => row.caseKey === TWO_LESIONS && row.lesion === lesion && row.image === image
		)!;
	const mass = region('1', 1);
	const calcifications = region('2', 4);
	expect([mass, calcifications].every(Boolean), 'the regions of lesions.csv').toBe(true);

	await signInReader(page, reader, FROC_READER_PASSWORD);
	await page.goto(`/read/${diseased.id}`);
	const workstation = new Workstation(page);
	await workstation.waitUntilReading(diseased.id);
	await expect(page.getByTestId('pane-label')).toHaveText(['R CC', 'L CC', 'R MLO', 'L MLO']);
	await waitUntilDrawn(page);

	// Three marks: on each lesion, and a false one on L-CC far from lesion 2's region there.
	const tolerance = await markAt(page, 3, calcifications.x, calcifications.y);
	await markAt(page, 0, mass.x, mass.y);
	const falseMark = { x: 500, y: 3300 };
	await markAt(page, 1, falseMark.x, falseMark.y);
	await expect(workstation.marks).toHaveCount(3);
	// Rated 5, 4 and 2 from the keyboard: ] selects the next mark, a digit rates it.
	for (const digit of ['5', '4', '2']) {
		await page.keyboard.press(']');
		await page.keyboard.press(digit);
	}
	await expect
		.poll(() => page.getByTestId('mark-rating').allTextContents())
		.toEqual(['5', '4', '2']);
	await workstation.submitAndWaitForNext();

	const [stored] = await storedReads(diseased.id);
	expect(stored!.decision).toBe(1);
	const near = (mark: StoredMark, image: number, x: number, y: number) =>
		mark.image === image && Math.abs(mark.x - x) <= tolerance && Math.abs(mark.y - y) <= tolerance;
	expect(stored!.marks.map((mark) => mark.confidence)).toEqual([5, 4, 2]);
	expect(near(stored!.marks[0]!, 4, calcifications.x, calcifications.y), 'L-MLO mark').toBe(true);
	expect(near(stored!.marks[1]!, 1, mass.x, mass.y), 'R-CC mark').toBe(true);
	expect(near(stored!.marks[2]!, 2, falseMark.x, falseMark.y), 'L-CC mark').toBe(true);

	// A normal case: "no lesion" (N), submitted.
	await page.goto(`/read/${normal.id}`);
	await workstation.waitUntilReading(normal.id);
	await page.keyboard.press('n');
	await expect(page.getByRole('button', { name: /^No lesion/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await workstation.submitAndWaitForNext();
	expect(await storedReads(normal.id)).toEqual([{ decision: 0, confidence: 1, marks: [] }]);

	// Every other read simulated: nothing is left unread.
	e2eCli(['demo', 'simulate-reads', '--study', SLUG, '--seed', '18']);
	const [{ unread }] = (await query<{ unread: number }>(
		`SELECT COUNT(*) AS unread FROM assignments a
		 JOIN reading_sessions s ON s.id = a.session_id JOIN studies st ON st.id = s.study_id
		 WHERE st.slug = ? AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.assignment_id = a.id)`,
		SLUG
	)) as [{ unread: number }];
	expect(unread).toBe(0);

	// Locked and exported: the export's marks.csv, decoded with the code key, has the reader's
	// marks matched — the L-MLO mark an LL of lesion 2, the R-CC mark an LL of lesion 1, the L-CC
	// mark an NL (lesion 0) — with their ratings; the normal case has no mark of the reader.
	// The lock needs every case scored by the AI, which scores in the background (on PostgreSQL a
	// worker beside the app, in its own time): wait for it rather than race it. On a loaded machine
	// the worker takes ~10 s a mammography case, and the demo's 24 are in the queue before these 8.
	await expect
		.poll(
			async () =>
				(
					await query<{ n: number }>(
						`SELECT COUNT(*) AS n FROM cases c JOIN studies st ON st.id = c.study_id
						 WHERE st.slug = ? AND NOT EXISTS
						   (SELECT 1 FROM ai_results r WHERE r.case_id = c.id AND r.status = 'done')`,
						SLUG
					)
				)[0]!.n,
			{ timeout: 480_000, intervals: [1_000] }
		)
		.toBe(0);
	const { exportId, dir } = lockAndExport(SLUG);
	const [{ key }] = (await query<{ key: string }>(
		'SELECT code_key_json AS key FROM blind_exports WHERE id = ?',
		Number(exportId)
	)) as [{ key: string }];
	const codes = JSON.parse(key) as Record<'readers' | 'cases' | 'arms', Record<string, string>>;
	const codeOf = (map: Record<string, string>, value: string) =>
		Object.entries(map).find(([, item]) => item === value)![0];
	const [{ readerCode }] = (await query<{ readerCode: string }>(
		`SELECT e.reader_code AS "readerCode" FROM reader_enrolments e
		 JOIN memberships m ON m.id = e.membership_id JOIN users u ON u.id = m.user_id
		 JOIN studies st ON st.id = e.study_id WHERE st.slug = ? AND u.email = ?`,
		SLUG,
		reader
	)) as [{ readerCode: string }];
	const marks = csvRows(join(dir, 'marks.csv'));
	const ofRead = (caseKey: string, arm: string) =>
		marks
			.filter(
				(row) =>
					row.reader === codeOf(codes.readers, readerCode) &&
					row.modality === codeOf(codes.arms, arm) &&
					row.case === codeOf(codes.cases, caseKey) &&
					row.superseded === '0'
			)
			.sort((a, b) => Number(a.mark) - Number(b.mark));
	const matched = ofRead(TWO_LESIONS, diseased.arm).map((row) => ({
		image: row.image,
		lesion: row.lesion,
		rating: row.rating
	}));
	expect(matched).toEqual([
		{ image: '4', lesion: '2', rating: '5' },
		{ image: '1', lesion: '1', rating: '4' },
		{ image: '2', lesion: '0', rating: '2' }
	]);
	expect(ofRead(normal.caseKey, normal.arm)).toEqual([]);

	// Unblinded: the analysis page shows the wAFROC endpoint with a value in each arm.
	releaseKey(SLUG, exportId);
	await page.context().clearCookies();
	await signIn(page, DEMO.statistician);
	await page.goto(`/analysis/${SLUG}`);
	const table = page.getByTestId('endpoint-table');
	await expect(table.locator('thead th').nth(1)).toHaveText('Reader alone');
	await expect(table.locator('thead th').nth(2)).toHaveText('Reader with AI');
	const wafroc = table.locator('tbody tr', { hasText: 'wAFROC' });
	await expect(wafroc).toHaveCount(1);
	await expect(wafroc.locator('td').first()).toContainText('(Primary; superiority)');
	const value = /^(0\.\d{3}|1\.000) \(/;
	await expect(wafroc.locator('td').nth(1)).toHaveText(value);
	await expect(wafroc.locator('td').nth(2)).toHaveText(value);
	await expect(page.getByTestId('difference-wafroc')).toHaveText(/^[−-]?\d\.\d{4} \(/);
	// …and each arm's FROC and wAFROC curves, readers and their average, under the arms' labels.
	const figures = page.getByTestId('lesion-figures');
	await expect(figures.locator('svg')).toHaveCount(2);
	await expect(figures.locator('svg').nth(0)).toContainText('FROC curves by arm');
	await expect(figures.locator('svg').nth(1)).toContainText('wAFROC curves by arm');
	await expect(figures.locator('svg').nth(1)).toContainText('Reader with AI');
});

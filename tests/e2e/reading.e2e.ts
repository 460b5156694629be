// The reading workstation in a browser: a reader reads a whole session of demo cases; the clock
// excludes a pause; a draft survives closing the page; a doubled submit stores one read.
// Readers c1 (the session) and a2 (the rest) are used so the other e2e files' readers stay unread.
import { expect, test, type Page } from '@playwright/test';
import { query } from './database.fixture';
import { signInReader, Workstation } from './pages/workstation.fixture';
import { DEMO_CT } from './session.fixture';

const SESSION_READER = 'reader.c1@demo.example.org';
const READER = 'reader.a2@demo.example.org';

async function armOf(assignment: string): Promise<string> {
	return (
		await query<{ arm: string }>('SELECT arm FROM assignments WHERE public_id = ?', assignment)
	)[0]!.arm;
}

async function readOf(assignment: string) {
	return await query<{
		decision: number;
		confidence: number;
		marks: string;
		comment: string | null;
		readingTimeMs: number;
		pausedMs: number;
		events: string;
	}>(
		`SELECT r.decision, r.confidence, r.marks_json AS marks, r.comment, r.reading_time_ms AS "readingTimeMs", r.paused_ms AS "pausedMs", r.client_events_json AS events
		 FROM reads r JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?`,
		assignment
	);
}

async function draftOf(assignment: string): Promise<Record<string, unknown> | null> {
	const [row] = await query<{ state: string }>(
		'SELECT d.state_json AS state FROM read_drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.public_id = ?',
		assignment
	);
	return row ? (JSON.parse(row.state) as Record<string, unknown>) : null;
}

async function openNextCase(page: Page): Promise<Workstation> {
	await page.goto('/read/next?study=demo-crossover');
	const workstation = new Workstation(page);
	await workstation.waitUntilReading();
	return workstation;
}

test('a reader reads a whole session: images render, W/L and zoom change them, AI only in the aided arm, progress advances', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signInReader(page, SESSION_READER);
	const ctStudy = page.locator('section').filter({ hasText: DEMO_CT.title });
	const sessionRow = ctStudy.locator('tbody tr').first(); // period 1, session 1
	await expect(sessionRow).toContainText('0 of 60');
	await ctStudy.getByRole('link', { name: 'Start reading' }).click();
	const workstation = new Workstation(page);
	let assignment = await workstation.waitUntilReading();
	const arms = new Map<string, string>();
	let stackChecked = false;
	const helpChecked = new Set<string>();

	for (let index = 0; index < 60; index += 1) {
		await expect(page.getByTestId('progress')).toHaveText(`Case ${index + 1} of 60`);
		const shown = await workstation.canvasStats();
		expect(shown.lit, `case ${index + 1} is not blank`).toBeGreaterThan(50_000);
		const arm = await armOf(assignment);
		arms.set(assignment, arm);
		if (arm === 'aided') await expect(workstation.aiPanel).toBeVisible();
		else await expect(workstation.aiPanel).toHaveCount(0);
		if (index === 0) await checkViewing(workstation, shown);
		if (!helpChecked.has(arm)) {
			helpChecked.add(arm);
			await checkHelp(workstation, arm === 'aided');
		}
		const slices = Number((await page.getByTestId('slice').textContent())!.split('/')[1]);
		if (!stackChecked && slices > 1) {
			stackChecked = true;
			await page.keyboard.press('ArrowDown');
			await expect(page.getByTestId('slice')).toHaveText(`2 / ${slices}`);
		}
		await workstation.rate(index % 2 === 0 ? 'present' : 'absent', (index * 37) % 101);
		assignment = await workstation.submitAndWaitForNext();
	}

	expect(stackChecked).toBe(true);
	expect(new Set(arms.values())).toEqual(new Set(['aided', 'unaided']));
	const [first] = arms.keys();
	const [read] = await readOf(first!);
	expect(read).toMatchObject({ decision: 1, confidence: 0 });
	expect(JSON.parse(read!.marks)).toEqual([expect.objectContaining({ image: 1, confidence: 50 })]);
	const eventTypes = new Set(
		(JSON.parse(read!.events) as Array<{ type: string }>).map((event) => event.type)
	);
	for (const type of ['rendered', 'wl', 'zoom', 'mark.add', 'submit'])
		expect(eventTypes, type).toContain(type);
	const stored = await query<{ n: number }>(
		`SELECT count(*) AS n FROM reads r JOIN assignments a ON a.id = r.assignment_id JOIN reading_sessions s ON s.id = a.session_id
		 JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id WHERE u.email = ? AND s.session_index = 1`,
		SESSION_READER
	);
	expect(stored[0]!.n).toBe(60);

	await page.goto('/read');
	await expect(sessionRow).toContainText('60 of 60');
	await expect(sessionRow).toContainText('completed');
});

/** On the first case: a W/L drag and a zoom change the pixels on the screen; a mark is placed. */
async function checkViewing(workstation: Workstation, before: { mean: number }): Promise<void> {
	const { page } = workstation;
	await expect(page.getByTestId('window')).toHaveText('W 400 L 40');
	await workstation.drag('left', 120, 60);
	await expect(page.getByTestId('window')).not.toHaveText('W 400 L 40');
	const windowed = await workstation.canvasStats();
	expect(Math.abs(windowed.mean - before.mean)).toBeGreaterThan(1);
	await page.keyboard.press('1'); // back to the soft-tissue preset
	await expect(page.getByTestId('window')).toHaveText('W 400 L 40');
	const preset = await workstation.canvasStats();
	await workstation.drag('right', 0, -80);
	await expect(page.getByTestId('readout')).not.toContainText('100 %');
	const zoomed = await workstation.canvasStats();
	expect(zoomed.lit).not.toBe(preset.lit);
	await workstation.placeMark(30, 20);
	await expect(workstation.marks).toHaveCount(1);
	// Move it: its pixel position follows the drag; add a second and delete it with the Delete key.
	const placed = await workstation.markPosition(0);
	await workstation.dragMark(0, 24, 12);
	const moved = await workstation.markPosition(0);
	expect(moved.x).toBeGreaterThan(placed.x + 5);
	expect(moved.y).toBeGreaterThan(placed.y + 2);
	await workstation.placeMark(-60, -30);
	await expect(workstation.marks).toHaveCount(2);
	// Esc left mark mode and cleared the selection (arrows scroll again): [ selects the last mark.
	await page.keyboard.press('[');
	await page.keyboard.press('Delete');
	await expect(workstation.marks).toHaveCount(1);
	expect(await workstation.markPosition(0)).toEqual(moved);
}

/** The keyboard help of an aided read names the AI overlay's key; an unaided read's says nothing about the AI. */
async function checkHelp(workstation: Workstation, aided: boolean): Promise<void> {
	const help = workstation.page.getByRole('dialog', { name: 'Keyboard and mouse' });
	await workstation.page.keyboard.press('?');
	await expect(help).toBeVisible();
	if (aided) await expect(help).toContainText('AI overlay');
	else await expect(help).not.toContainText('AI');
	await workstation.page.keyboard.press('Escape');
	await expect(help).toHaveCount(0);
}

test('the reading time runs from the first image to the submit and leaves out a pause', async ({
	page
}) => {
	await page.addInitScript(() => {
		const keys: Array<{ key: string; at: number }> = [];
		Object.assign(window, { __keys: keys });
		window.addEventListener('keydown', (event) => keys.push({ key: event.key, at: Date.now() }), {
			capture: true
		});
	});
	await signInReader(page, READER);
	await page.goto('/read/next?study=demo-crossover');
	const workstation = new Workstation(page);
	// When the image reaches the screen, seen by the test itself (polled every frame).
	const firstPixel = await page.waitForFunction(
		() => {
			const canvas = document.querySelector(
				'[data-testid=viewport] canvas'
			) as HTMLCanvasElement | null;
			if (!canvas || canvas.width === 0) return false;
			const pixels = canvas
				.getContext('2d', { willReadFrequently: true })!
				.getImageData(0, 0, canvas.width, canvas.height).data;
			for (let index = 0; index < pixels.length; index += 4096)
				if (pixels[index]! > 0) return Date.now();
			return false;
		},
		undefined,
		{ polling: 'raf', timeout: 15_000 }
	);
	const firstPixelAt = (await firstPixel.jsonValue()) as number;
	const assignment = await workstation.waitUntilReading();
	await workstation.rate('present', 65);
	await page.waitForTimeout(1200);
	await page.keyboard.press(' ');
	await expect(page.getByTestId('paused')).toBeVisible();
	await page.waitForTimeout(1000);
	await page.keyboard.press(' ');
	await expect(page.getByTestId('paused')).toHaveCount(0);
	await page.waitForTimeout(500);
	await workstation.submitAndWaitForNext();

	const keys = (await page.evaluate(
		() => (window as unknown as { __keys: Array<{ key: string; at: number }> }).__keys
	)) as Array<{ key: string; at: number }>;
	const [pausedAt, resumedAt] = keys.filter((key) => key.key === ' ').map((key) => key.at);
	const submittedAt = keys.find((key) => key.key === 'Enter')!.at;
	const expectedPaused = resumedAt! - pausedAt!;
	const expectedReading = submittedAt - firstPixelAt - expectedPaused;
	expect(expectedReading).toBeGreaterThan(1700);
	const [read] = await readOf(assignment);
	expect(
		Math.abs(read!.readingTimeMs - expectedReading),
		`stored ${read!.readingTimeMs} ms, expected ${expectedReading} ms`
	).toBeLessThanOrEqual(50);
	expect(
		Math.abs(read!.pausedMs - expectedPaused),
		`stored ${read!.pausedMs} ms paused, expected ${expectedPaused} ms`
	).toBeLessThanOrEqual(50);
	const events = JSON.parse(read!.events) as Array<{ type: string; detail?: { reason?: string } }>;
	expect(
		events
			.filter((event) => event.type === 'pause' || event.type === 'resume')
			.map((event) => [event.type, event.detail?.reason])
	).toEqual([
		['pause', 'user'],
		['resume', 'user']
	]);
});

test('closing the page mid-case and opening it again restores the draft and the clock', async ({
	page,
	context
}) => {
	await signInReader(page, READER);
	const workstation = await openNextCase(page);
	const assignment = await workstation.assignment();
	await workstation.placeMark(-40, 25);
	await workstation.rate('present', 83);
	await page.getByLabel('Comment').fill('round focus, left');
	await expect
		.poll(async () => (await draftOf(assignment))?.comment, { timeout: 5_000 })
		.toBe('round focus, left');
	const saved = (await draftOf(assignment))!;
	expect(saved).toMatchObject({
		decision: 1,
		confidence: 83,
		marks: [expect.objectContaining({ image: 1 })]
	});
	await page.close();

	const again = await context.newPage();
	await again.goto(`/read/${assignment}`);
	const reopened = new Workstation(again);
	await reopened.waitUntilReading(assignment);
	await expect(again.getByRole('button', { name: /^Present/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(reopened.confidence).toHaveValue('83');
	await expect(again.getByLabel('Comment')).toHaveValue('round focus, left');
	await expect(reopened.marks).toHaveCount(1);
	await again.keyboard.press('Enter');
	await expect(reopened.root).not.toHaveAttribute('data-assignment', assignment);
	await reopened.readsSent(assignment);
	const [read] = await readOf(assignment);
	expect(read).toMatchObject({ decision: 1, confidence: 83, comment: 'round focus, left' });
	expect(JSON.parse(read!.marks)).toEqual(saved.marks);
	// The clock went on from where the draft left it.
	expect(read!.readingTimeMs).toBeGreaterThanOrEqual(saved.elapsedMs as number);
	expect(
		(JSON.parse(read!.events) as Array<{ type: string }>).map((event) => event.type)
	).toContain('reopen');
});

test('a doubled click on submit, and a replayed POST, store one read', async ({ page }) => {
	await signInReader(page, READER);
	const workstation = await openNextCase(page);
	const assignment = await workstation.assignment();
	await workstation.rate('absent', 12);
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/reads')
			posts.push(request.postData() ?? '');
	});
	await workstation.submitButton.evaluate((button: HTMLButtonElement) => {
		button.click();
		button.click();
	});
	await expect(workstation.root).not.toHaveAttribute('data-assignment', assignment);
	await workstation.readsSent(assignment);
	expect(posts).toHaveLength(1);
	const replay = await page.request.post('/api/reads', { data: JSON.parse(posts[0]!) });
	expect(replay.status()).toBe(200);
	expect(await readOf(assignment)).toHaveLength(1);
	// The case cannot be opened again once read.
	await page.goto(`/read/${assignment}`);
	await expect(page.getByText('This case has been read.')).toBeVisible();
});

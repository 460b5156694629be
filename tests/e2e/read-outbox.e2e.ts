// The reader's outbox in a browser: the next case is shown at once on submit, while the read is
// sent in the background; a read submitted while the server is down waits, visibly, and is stored
// exactly once when the server is back; a reload with reads waiting loses none. The shared server
// cannot be stopped, so this file starts its own (a private port and database), kills it outright
// (SIGKILL: a crash, not a polite shutdown) and starts it again on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signInReader, Workstation } from './pages/workstation.fixture';
import { onPostgres } from './database.fixture';
import { DEMO_PASSWORD } from './session.fixture';

/** The submit route, with or without the case shown sent along (`?shown=`). */
const submits = (url: URL) => url.pathname === '/api/reads';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 50;
const BASE = `http://localhost:${PORT}`;
const DATABASE = 'test-results/e2e-outbox/tandem.db';
const READER = 'reader.a1@demo.example.org';

test.use({ baseURL: BASE });
test.describe.configure({ mode: 'serial' });
// Its own server on a SQLite file of its own; the PostgreSQL run's restarts under load are in
// postgres-crash.e2e.ts.
test.skip(onPostgres, 'runs its own server on a SQLite file of its own');

let server: ChildProcess | null = null;

/** Starts the app on the private port: `fresh` on a new database (serve.mjs), else on the same one. */
async function startServer(fresh: boolean): Promise<void> {
	server = spawn(process.execPath, [fresh ? 'tests/e2e/serve.mjs' : 'scripts/start.mjs'], {
		env: {
			...process.env,
			PORT: String(PORT),
			TANDEM_DB: DATABASE,
			TANDEM_DEMO_PASSWORD: DEMO_PASSWORD,
			TANDEM_SCORING: 'off'
		},
		stdio: ['ignore', 'ignore', 'inherit'],
		// Its own process group: start.mjs runs the app as a child, and both are killed together.
		detached: true
	});
	const started = server;
	await expect
		.poll(
			async () => {
				if (started.exitCode !== null) throw new Error(`the server stopped (${started.exitCode})`);
				return fetch(`${BASE}/login`).then(
					(response) => response.ok,
					() => false
				);
			},
			{ timeout: 240_000, intervals: [250] }
		)
		.toBe(true);
}

async function killServer(): Promise<void> {
	const running = server;
	server = null;
	if (!running || running.exitCode !== null) return;
	const exited = new Promise((resolve) => running.once('exit', resolve));
	process.kill(-running.pid!, 'SIGKILL');
	await exited;
	// The app itself (the group's other process) is gone once its port no longer answers.
	await expect
		.poll(() =>
			fetch(`${BASE}/login`).then(
				() => 'up',
				() => 'down'
			)
		)
		.toBe('down');
}

/** How often the database stores a read of this assignment (by its row and by its client id). */
function storedCount(assignment: string): { reads: number; byClientId: number } {
	const db = new Database(DATABASE, { readonly: true });
	try {
		const count = (sql: string, value: string) => (db.prepare(sql).get(value) as { n: number }).n;
		return {
			reads: count(
				'SELECT count(*) AS n FROM reads r JOIN assignments a ON a.id = r.assignment_id WHERE a.public_id = ?',
				assignment
			),
			byClientId: count('SELECT count(*) AS n FROM reads WHERE client_id = ?', `read-${assignment}`)
		};
	} finally {
		db.close();
	}
}

function servedAt(assignment: string): number | null {
	const db = new Database(DATABASE, { readonly: true });
	try {
		const row = db
			.prepare(
				`SELECT coalesce(r.served_at, d.first_served_at) AS at FROM assignments a
				 LEFT JOIN reads r ON r.assignment_id = a.id LEFT JOIN read_drafts d ON d.assignment_id = a.id
				 WHERE a.public_id = ?`
			)
			.get(assignment) as { at: number | null };
		return row.at;
	} finally {
		db.close();
	}
}

/**
 * Waits until the next case has been fetched ahead, as the workstation does once the case on the
 * screen is drawn: its view, and — `withImages`, for the server to be stopped — every one of its
 * images (that view's URLs, among the page's resources); the next case's id.
 */
async function nextFetchedAhead(page: Page, withImages = false): Promise<string> {
	const root = page.locator('.workstation');
	await expect(root).toHaveAttribute('data-ahead', /.+/, { timeout: 15_000 });
	const next = (await root.getAttribute('data-ahead'))!;
	if (!withImages) return next;
	const view = (await page.evaluate(
		(id) => fetch(`/api/read/${id}/view`).then((response) => response.json()),
		next
	)) as { images: string[] };
	await expect
		.poll(
			() =>
				page.evaluate(
					(images) =>
						images.every((url) =>
							performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(url))
						),
					view.images
				),
			{ timeout: 15_000 }
		)
		.toBe(true);
	return next;
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	await startServer(true);
});

test.afterAll(async () => {
	await killServer();
});

test('a read submitted while the server is down waits, visibly; the next case is shown at once; the read is stored once when the server is back', async ({
	page
}) => {
	test.setTimeout(300_000);
	await signInReader(page, READER);
	const workstation = new Workstation(page, DATABASE);
	// Each case shown goes with the read handed over as it was shown: no request of its own.
	const shownAlone: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && request.url().endsWith('/shown'))
			shownAlone.push(request.url());
	});
	await page.goto('/read/next?study=demo-crossover');
	const first = await workstation.waitUntilReading();
	const second = await nextFetchedAhead(page, true);
	expect(servedAt(second)).toBeNull();

	await killServer();
	await workstation.rate('present', 70);
	// The viewer's canvas, tagged: the next case is drawn in the same one (the viewer is not rebuilt).
	const canvas = workstation.viewport.locator('canvas').first();
	await canvas.evaluate((element) => element.setAttribute('data-kept', 'yes'));
	await page.keyboard.press('Enter');

	// The next case at once, drawn from what was fetched ahead; the read waits, and says so.
	await workstation.waitUntilReading(second);
	await expect(canvas).toHaveAttribute('data-kept', 'yes');
	await expect(page).toHaveURL(`${BASE}/read/${second}`);
	const status = page.getByTestId('outbox-status');
	await expect(status).toHaveText(/1 read waiting to be sent\./);
	await expect(status).toHaveAttribute('role', 'status');
	await expect(status).toContainText('tried again by itself');
	expect(storedCount(first)).toEqual({ reads: 0, byClientId: 0 });

	// The server is back: the outbox sends the read on its own, once; the second case's first
	// serve is stamped as it was shown.
	await startServer(false);
	await expect(status).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
	await expect(page.getByRole('status').filter({ hasText: 'Read saved' })).toBeVisible();
	expect(storedCount(first)).toEqual({ reads: 1, byClientId: 1 });
	// That the second case was shown went with the read (POST /api/reads?shown=…), stamped after it.
	await expect.poll(() => servedAt(second), { timeout: 10_000 }).not.toBeNull();

	// Reading on with the server up: the next read is stored once too.
	await workstation.rate('absent', 20);
	// Fetching the third case ahead failed while the server was down; it is tried again.
	await nextFetchedAhead(page);
	await workstation.submitAndWaitForNext();
	await expect(status).toHaveAttribute('data-pending', '0');
	expect(storedCount(second)).toEqual({ reads: 1, byClientId: 1 });
	expect(storedCount(first)).toEqual({ reads: 1, byClientId: 1 });
	expect(shownAlone).toEqual([]);
});

test('reads waiting to be sent survive a reload, and are each stored once when the network is back', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signInReader(page, READER);
	const workstation = new Workstation(page, DATABASE);
	// The network fails for submitted reads (the server is up: the next case's view still comes).
	await page.route(submits, (route) => route.abort('internetdisconnected'));
	await page.goto('/read/next?study=demo-crossover');
	const submitted: string[] = [];
	for (let index = 0; index < 2; index++) {
		submitted.push(await workstation.waitUntilReading());
		await workstation.rate('present', 60 + index);
		await nextFetchedAhead(page);
		await workstation.submitAndWaitForNext({ stored: false });
	}
	const status = page.getByTestId('outbox-status');
	await expect(status).toHaveText(/2 reads waiting to be sent\./);

	// A reload (or a crash of the tab): both are still waiting, neither is stored.
	await page.reload();
	await workstation.waitUntilReading();
	await expect(status).toHaveText(/2 reads waiting to be sent\./);
	for (const assignment of submitted)
		expect(storedCount(assignment)).toEqual({ reads: 0, byClientId: 0 });

	// The first of them opened again (the server has not got its read): not offered to be read
	// again, but shown as being sent.
	await page.goto(`/read/${submitted[0]}`);
	await expect(page.getByTestId('case-sending')).toBeVisible();
	await expect(status).toHaveText(/2 reads waiting to be sent\./);

	// The network is back: both are sent, in order, each stored once, and the next unread case opens.
	await page.unroute(submits);
	await expect(status).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
	await expect(workstation.root).not.toHaveAttribute('data-assignment', submitted[0]!, {
		timeout: 30_000
	});
	const after = await workstation.waitUntilReading();
	expect(submitted).not.toContain(after);
	for (const assignment of submitted)
		expect(storedCount(assignment)).toEqual({ reads: 1, byClientId: 1 });
	// Nothing is sent twice afterwards either (a later flush finds the outbox empty).
	await page.reload();
	await workstation.waitUntilReading();
	await expect(status).toHaveAttribute('data-pending', '0');
	for (const assignment of submitted)
		expect(storedCount(assignment)).toEqual({ reads: 1, byClientId: 1 });
});

test('a busy server’s 503 keeps the read in the outbox; it is sent again after the Retry-After and stored once', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signInReader(page, READER);
	const workstation = new Workstation(page, DATABASE);
	// The first two submits meet the answer the server's load shedding gives (load-shedding.ts).
	const attempts: number[] = [];
	await page.route(submits, async (route) => {
		attempts.push(Date.now());
		if (attempts.length > 2) return route.continue();
		await route.fulfill({
			status: 503,
			headers: { 'Retry-After': '2', 'Cache-Control': 'no-store' },
			contentType: 'application/json',
			body: JSON.stringify({ message: 'The server is busy; try again in a moment.' })
		});
	});
	await page.goto('/read/next?study=demo-crossover');
	const read = await workstation.waitUntilReading();
	await workstation.rate('present', 65);
	await nextFetchedAhead(page);
	await page.keyboard.press('Enter');

	const status = page.getByTestId('outbox-status');
	await expect(status).toHaveText(/1 read waiting to be sent\./);
	expect(storedCount(read)).toEqual({ reads: 0, byClientId: 0 });
	await expect(status).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
	expect(storedCount(read)).toEqual({ reads: 1, byClientId: 1 });
	expect(attempts).toHaveLength(3);
	// Each time again no sooner than the server asked (2 s), whatever the backoff says (0.5 s, 1 s).
	expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1900);
	expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(1900);
});

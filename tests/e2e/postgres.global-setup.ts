// Playwright globalSetup of the run on PostgreSQL (TANDEM_TEST_DB=postgres, playwright.config.ts): a
// private PostgreSQL server (tests/fixtures/postgres.fixture.ts, not durable), an empty database on
// it, the app started on it as the SQLite run's webServer starts it (tests/e2e/serve.mjs, the same
// environment) with DATABASE_URL set (start.mjs migrates it and seeds the demo), and, as in the
// production layout, a `tandem worker` scoring the cases the app queues (on PostgreSQL the app does
// not score them itself). Playwright starts a webServer before the global setup, so on this run the
// setup starts the app itself. DATABASE_URL is set in the runner's environment, which the test
// workers inherit (database.fixture.ts). The returned teardown stops the worker and the app, then
// the server, and removes its cluster, also after failures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createDatabase, startPostgres } from '../fixtures/postgres.fixture';
import { E2E_READY_URL, E2E_SERVER_ENV, E2E_START_TIMEOUT_MS } from './e2e-server.fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function answers(url: string): Promise<boolean> {
	return fetch(url).then(
		(response) => response.ok,
		() => false
	);
}

async function waitUntilReady(app: ChildProcess): Promise<void> {
	const deadline = Date.now() + E2E_START_TIMEOUT_MS;
	while (!(await answers(E2E_READY_URL))) {
		if (!running(app))
			throw new Error(`the e2e server stopped while starting (${app.exitCode ?? app.signalCode})`);
		if (Date.now() > deadline)
			throw new Error(`the e2e server did not answer ${E2E_READY_URL} within the start timeout`);
		await sleep(250);
	}
}

/**
 * Starts a Node script in a process group of its own (start.mjs runs the app as a child, the
 * launcher the command line), so that stopping the group stops both.
 */
function startGroup(
	script: string[],
	env: Record<string, string>,
	stdout: 'inherit' | 'ignore'
): ChildProcess {
	return spawn(process.execPath, script, {
		env: { ...process.env, ...env },
		stdio: ['ignore', stdout, 'inherit'],
		detached: true
	});
}

/** Stops a process group: SIGTERM (a graceful stop), then SIGKILL after 30 s. */
async function stopGroup(child: ChildProcess | undefined): Promise<void> {
	if (!child || !running(child)) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.kill(-child.pid!, 'SIGTERM');
	const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
	if (!stopped) {
		process.kill(-child.pid!, 'SIGKILL');
		await exited;
	}
}

export default async function setup(): Promise<() => Promise<void>> {
	const server = await startPostgres();
	const children: ChildProcess[] = [];
	// Should the runner end without its teardown, the app and the worker do not outlive it.
	const killAll = () => {
		for (const child of children) if (running(child)) process.kill(-child.pid!, 'SIGKILL');
	};
	process.once('exit', killAll);
	const teardown = async () => {
		process.removeListener('exit', killAll);
		try {
			for (const child of children.reverse()) await stopGroup(child);
		} finally {
			await server.stop();
		}
	};
	try {
		const env = {
			...E2E_SERVER_ENV,
			DATABASE_URL: await createDatabase(server.adminUrl, 'tandem_e2e')
		};
		const app = startGroup(['tests/e2e/serve.mjs'], env, 'inherit');
		children.push(app);
		await waitUntilReady(app);
		// After the start: the database is migrated, and the demo's cases are queued. A line per case
		// scored would bury the run's output; its warnings and errors stay.
		children.push(startGroup(['scripts/tandem.mjs', 'worker'], env, 'ignore'));
		process.env.DATABASE_URL = env.DATABASE_URL;
	} catch (error) {
		await teardown();
		throw error;
	}
	return teardown;
}

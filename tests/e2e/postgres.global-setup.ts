// Playwright globalSetup of the run on PostgreSQL (TANDEM_TEST_DB=postgres, playwright.config.ts): a
// private PostgreSQL server (tests/fixtures/postgres.fixture.ts, not durable), an empty database on
// it, and the app started on it as the SQLite run's webServer starts it (tests/e2e/serve.mjs, the same
// environment) with DATABASE_URL set: start.mjs migrates it and seeds the demo. Playwright starts a
// webServer before the global setup, so on this run the setup starts the app itself. DATABASE_URL is
// set in the runner's environment, which the test workers inherit (database.fixture.ts). The
// returned teardown stops the app, then the server, and removes its cluster, also after failures.
import { spawn, type ChildProcess } from 'node:child_process';
import { createDatabase, startPostgres } from '../fixtures/postgres.fixture';
import { E2E_READY_URL, E2E_SERVER_ENV, E2E_START_TIMEOUT_MS } from './e2e-server.fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
	return fetch(url).then(
		(response) => response.ok,
		() => false
	);
}

async function waitUntilReady(app: ChildProcess): Promise<void> {
	const deadline = Date.now() + E2E_START_TIMEOUT_MS;
	while (!(await answers(E2E_READY_URL))) {
		if (app.exitCode !== null || app.signalCode !== null)
			throw new Error(`the e2e server stopped while starting (${app.exitCode ?? app.signalCode})`);
		if (Date.now() > deadline)
			throw new Error(`the e2e server did not answer ${E2E_READY_URL} within the start timeout`);
		await sleep(250);
	}
}

/** Stops the app's process group (start.mjs and the app it runs): SIGTERM, then SIGKILL. */
async function stopApp(app: ChildProcess): Promise<void> {
	if (app.exitCode !== null || app.signalCode !== null) return;
	const exited = new Promise((resolve) => app.once('exit', resolve));
	process.kill(-app.pid!, 'SIGTERM');
	const stopped = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
	if (!stopped) {
		process.kill(-app.pid!, 'SIGKILL');
		await exited;
	}
}

export default async function setup(): Promise<() => Promise<void>> {
	const server = await startPostgres();
	let app: ChildProcess | undefined;
	const killApp = () => {
		if (app?.exitCode === null && app.signalCode === null) process.kill(-app.pid!, 'SIGKILL');
	};
	try {
		const databaseUrl = await createDatabase(server.adminUrl, 'tandem_e2e');
		app = spawn(process.execPath, ['tests/e2e/serve.mjs'], {
			env: { ...process.env, ...E2E_SERVER_ENV, DATABASE_URL: databaseUrl },
			stdio: ['ignore', 'inherit', 'inherit'],
			// Its own process group: start.mjs runs the app as a child; both are stopped together.
			detached: true
		});
		process.once('exit', killApp);
		await waitUntilReady(app);
		process.env.DATABASE_URL = databaseUrl;
	} catch (error) {
		killApp();
		await server.stop();
		throw error;
	}
	return async () => {
		process.removeListener('exit', killApp);
		try {
			await stopApp(app!);
		} finally {
			await server.stop();
		}
	};
}

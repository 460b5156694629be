import { defineConfig } from '@playwright/test';
import {
	E2E_ORIGIN,
	E2E_READY_URL,
	E2E_SERVER_ENV,
	E2E_START_TIMEOUT_MS
} from './tests/e2e/e2e-server.fixture';

/**
 * TANDEM_TEST_DB=postgres (npm run test:e2e:postgres): the same suite on PostgreSQL. The shared
 * server then runs on a private PostgreSQL server, started with it by the global setup (a webServer
 * would start before it); else the webServer starts it on a fresh SQLite file.
 */
const onPostgres = process.env.TANDEM_TEST_DB === 'postgres';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	reporter: 'list',
	use: {
		baseURL: E2E_ORIGIN,
		launchOptions: {
			// Debian's Chromium: Playwright cannot download browsers on these machines.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	globalSetup: onPostgres ? './tests/e2e/postgres.global-setup.ts' : undefined,
	webServer: onPostgres
		? undefined
		: {
				// A fresh database for every run; the same start path as `npm start`.
				command: 'node tests/e2e/serve.mjs',
				url: E2E_READY_URL,
				timeout: E2E_START_TIMEOUT_MS,
				reuseExistingServer: false,
				stdout: 'pipe',
				env: E2E_SERVER_ENV
			}
});

import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	reporter: 'list',
	use: {
		baseURL: `http://localhost:${port}`,
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
	webServer: {
		// A fresh database for every run; the same start path as `npm start`.
		command: 'node tests/e2e/serve.mjs',
		url: `http://localhost:${port}/login`,
		timeout: 300_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			TANDEM_DB: 'test-results/e2e/tandem.db',
			TANDEM_DEMO_PASSWORD: 'demo-e2e-password',
			// The request lines of a whole run would bury the start's output; warnings and errors stay.
			TANDEM_LOG_LEVEL: 'warn'
		}
	}
});

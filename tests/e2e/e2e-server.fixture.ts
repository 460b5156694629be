// The shared e2e server: its port and the environment it starts in (tests/e2e/serve.mjs), the same on
// both runs: the SQLite run's webServer and the PostgreSQL run's global setup (playwright.config.ts).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);

export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;

/** The page the server answers once it has started (migrated, seeded, built). */
export const E2E_READY_URL = `${E2E_ORIGIN}/login`;

/** How long the start may take: the first one builds the app and the demo. */
export const E2E_START_TIMEOUT_MS = 300_000;

export const E2E_SERVER_ENV: Record<string, string> = {
	PORT: String(E2E_PORT),
	TANDEM_DB: 'test-results/e2e/tandem.db',
	TANDEM_DEMO_PASSWORD: 'demo-e2e-password',
	// The request lines of a whole run would bury the start's output; warnings and errors stay.
	TANDEM_LOG_LEVEL: 'warn'
};

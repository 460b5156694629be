// What the viewer benchmarks share: the production build started as the e2e tests start it
// (tests/e2e/serve.mjs, a fresh database under test-results/), a demo reader signed in with
// headless Chromium, the workstation's own performance marks read out of the page, percentiles
// and the machine the figures were measured on.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { percentile } from './bench-kit';

export { machine, percentile } from './bench-kit';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'bench-demo-password';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export interface BenchServer {
	base: string;
	/** The launcher's process (tests/e2e/serve.mjs); the server itself is its child. */
	pid: number;
	stop(): void;
}

/** The app on `port` with a fresh database in test-results/<folder>; scoring off. */
export async function startServer(port: number, folder: string): Promise<BenchServer> {
	const base = `http://localhost:${port}`;
	const server: ChildProcess = spawn(process.execPath, ['tests/e2e/serve.mjs'], {
		cwd: repoRoot,
		env: {
			...process.env,
			PORT: String(port),
			TANDEM_DB: `test-results/${folder}/tandem.db`,
			TANDEM_DEMO_PASSWORD: PASSWORD,
			TANDEM_SCORING: 'off'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const stop = () => void server.kill('SIGTERM');
	const deadline = Date.now() + 300_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode})`);
		const ready = await fetch(`${base}/login`).then(
			(response) => response.ok,
			() => false
		);
		if (ready) return { base, pid: server.pid!, stop };
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	stop();
	throw new Error('the server did not start within 5 minutes');
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
}

export async function signIn(page: Page, base: string, email: string): Promise<void> {
	await page.goto(`${base}/login`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Waits until a case other than `previous` is on the screen with its clock running; its id. */
export async function waitUntilReading(page: Page, previous: string | null): Promise<string> {
	const handle = await page.waitForFunction(
		(before) => {
			const root = document.querySelector('.workstation');
			const assignment = root?.getAttribute('data-assignment');
			return assignment && assignment !== before && root?.getAttribute('data-clock') === 'running'
				? assignment
				: null;
		},
		previous,
		{ timeout: 30_000 }
	);
	return (await handle.jsonValue()) as string;
}

export interface PageMark {
	name: string;
	at: number;
	assignment?: string;
}

/** The workstation's performance marks (tandem:submit, …:navigate, …:first-pixel, …:all-pixels). */
export function marksOf(page: Page): Promise<PageMark[]> {
	// Plain data out of the page (no helper functions inside evaluate: tsx would wrap them in __name).
	return page.evaluate(() =>
		performance.getEntriesByType('mark').map((mark) => ({
			name: mark.name,
			at: mark.startTime,
			assignment: ((mark as PerformanceMark).detail as { assignment?: string } | null)?.assignment
		}))
	);
}

/** When the mark `name` was set for `assignment` (ms since the page's start). */
export function markAt(marks: readonly PageMark[], name: string, assignment: string): number {
	const mark = marks.find(
		(candidate) => candidate.name === name && candidate.assignment === assignment
	);
	if (!mark) throw new Error(`no ${name} mark for ${assignment}`);
	return mark.at;
}

export function summary(label: string, values: number[]): string {
	const format = (value: number) => `${value.toFixed(0).padStart(4)} ms`;
	return `${label.padEnd(26)} p50 ${format(percentile(values, 50))}   p95 ${format(percentile(values, 95))}   max ${format(Math.max(...values))}`;
}

/** Whether p95 of `values` meets `targetMs`, and its ratio to the target. */
export function targetLine(label: string, values: number[], targetMs: number): string {
	const p95 = percentile(values, 95);
	return `target p95 < ${targetMs} ms (${label}): ${p95 < targetMs ? 'met' : 'NOT met'} (${(p95 / targetMs).toFixed(2)} × target)`;
}

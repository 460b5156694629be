// Benchmark of the reading workstation: next-case-to-first-pixel latency. Starts the production
// build exactly as the e2e tests do (tests/e2e/serve.mjs: a fresh database under test-results/),
// signs a demo reader in with headless Chromium, reads a run of cases with the keyboard and, for
// each case after the first, takes the page's own performance marks:
//   submit → first pixel: Enter pressed → read stored → next case's data → its image drawn
//   navigate → first pixel: read stored → next case's data → its image drawn
// and prints p50/p95/max (target: p95 < 150 ms for a 512² slice). Not a test: nothing is asserted.
// Run: `npx tsx scripts/bench/viewer.bench.ts [cases]` (or via `npm run bench`).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const BASE = `http://localhost:${PORT}`;
const PASSWORD = 'bench-demo-password';
const READER = 'reader.b2@demo.example.org';
/** Time between the answer and Enter (BENCH_THINK_MS); 0 measures next cases whose prefetch may still be running. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 150);
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

interface CaseTiming {
	submitToPixel: number;
	navigateToPixel: number;
	slices: number;
}

async function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['tests/e2e/serve.mjs'], {
		cwd: repoRoot,
		env: {
			...process.env,
			PORT: String(PORT),
			TANDEM_DB: 'test-results/bench/tandem.db',
			TANDEM_DEMO_PASSWORD: PASSWORD,
			TANDEM_SCORING: 'off'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 300_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode})`);
		const ready = await fetch(`${BASE}/login`).then(
			(response) => response.ok,
			() => false
		);
		if (ready) return server;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	server.kill('SIGTERM');
	throw new Error('the server did not start within 5 minutes');
}

async function signIn(page: Page): Promise<void> {
	await page.goto(`${BASE}/login`);
	await page.getByLabel('E-mail').fill(READER);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function waitUntilReading(page: Page, previous: string | null): Promise<string> {
	const handle = await page.waitForFunction(
		(before) => {
			const root = document.querySelector('.workstation');
			const assignment = root?.getAttribute('data-assignment');
			return assignment && assignment !== before && root?.getAttribute('data-clock') === 'running'
				? assignment
				: null;
		},
		previous,
		{ timeout: 15_000 }
	);
	return (await handle.jsonValue()) as string;
}

/** The page's marks for one case: when Enter led to the submit, the navigation, and the first pixel. */
async function timingOf(page: Page, from: string, to: string): Promise<CaseTiming> {
	// Plain data out of the page (no helper functions inside evaluate: tsx would wrap them in __name).
	const { marks, sliceText } = await page.evaluate(() => ({
		marks: performance.getEntriesByType('mark').map((mark) => ({
			name: mark.name,
			at: mark.startTime,
			assignment: ((mark as PerformanceMark).detail as { assignment?: string } | null)?.assignment
		})),
		sliceText: document.querySelector('[data-testid=slice]')?.textContent ?? '1 / 1'
	}));
	const find = (name: string, assignment: string) => {
		const mark = marks.find(
			(candidate) => candidate.name === name && candidate.assignment === assignment
		);
		if (!mark) throw new Error(`no ${name} mark for ${assignment}`);
		return mark.at;
	};
	const pixel = find('tandem:first-pixel', to);
	return {
		submitToPixel: pixel - find('tandem:submit', from),
		navigateToPixel: pixel - find('tandem:navigate', to),
		slices: Number(sliceText.split('/')[1])
	};
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, values: number[]): string {
	const format = (value: number) => `${value.toFixed(0).padStart(4)} ms`;
	return `${label.padEnd(26)} p50 ${format(percentile(values, 50))}   p95 ${format(percentile(values, 95))}   max ${format(Math.max(...values))}`;
}

export async function run(caseCount = Number(process.argv[2] ?? 40)): Promise<void> {
	const server = await startServer();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(page);
		const coldStart = Date.now();
		await page.goto(`${BASE}/read/next?study=demo-crossover`);
		let assignment = await waitUntilReading(page, null);
		const cold = Date.now() - coldStart;
		const timings: CaseTiming[] = [];
		for (let index = 0; index < caseCount; index += 1) {
			await page.keyboard.press(index % 2 === 0 ? 'p' : 'n');
			await page.getByLabel('Confidence (0–100)').fill(String((index * 29) % 101));
			await page.waitForTimeout(THINK_MS); // a reader looks at the image before answering; the prefetch runs meanwhile
			await page.keyboard.press('Enter');
			const next = await waitUntilReading(page, assignment);
			timings.push(await timingOf(page, assignment, next));
			assignment = next;
		}
		const stacks = timings.filter((timing) => timing.slices > 1).length;
		console.log(
			`viewer: ${timings.length} cases read by keyboard (${THINK_MS} ms between answer and Enter) in headless Chromium (SwiftShader WebGL), production build, 512 × 512 CT, ${stacks} of them stacks`
		);
		console.log(`first case, cold page load (Cornerstone chunk included): ${cold} ms`);
		console.log(
			summary(
				'submit → first pixel',
				timings.map((timing) => timing.submitToPixel)
			)
		);
		console.log(
			summary(
				'navigate → first pixel',
				timings.map((timing) => timing.navigateToPixel)
			)
		);
		const p95 = percentile(
			timings.map((timing) => timing.submitToPixel),
			95
		);
		console.log(
			`target p95 < 150 ms (submit → first pixel): ${p95 < 150 ? 'met' : 'NOT met'} (${(p95 / 150).toFixed(2)} × target)`
		);
	} finally {
		await browser.close();
		server.kill('SIGTERM');
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	run().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}

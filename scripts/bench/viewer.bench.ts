// Benchmark of the reading workstation: submit → first pixel of the next case. Starts the
// production build exactly as the e2e tests do (tests/e2e/serve.mjs: a fresh database under
// test-results/), signs a demo reader in with headless Chromium and reads runs of cases with the
// keyboard (a fresh page each run). For each case after a run's first it takes the page's marks:
//   submit → first pixel: Enter pressed → the read handed to the outbox → the next case (its view
//     and images fetched ahead while the reader read) drawn; the read is sent in the background
//   navigate → first pixel: the next case chosen → its image drawn
// Each run gives its p50 and p95; the figures are their medians over the runs (bench-kit.ts), the
// p95 against the target (< 50 ms for a 512² slice) and against the workstation before the outbox
// (it waited for the server to store the read and for the next page's data: p95 100 ms, p50 80 ms
// on this machine kind). Not a test: nothing is asserted.
// Run: `npx tsx scripts/bench/viewer.bench.ts [cases per run]` (or via `npm run bench`).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { percentile, report, runCount } from './bench-kit';
import {
	launchBrowser,
	machine,
	markAt,
	marksOf,
	signIn,
	startServer,
	waitUntilReading
} from './workstation-session';

const PORT = Number(process.env.BENCH_PORT ?? 4191);
const READER = 'reader.b2@demo.example.org';
/** Time between the answer and Enter (BENCH_THINK_MS); the next case is fetched ahead meanwhile. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 300);
/** The workstation before the outbox (server round trip, then the next page's data), this machine kind. */
const BEFORE = { p95: 100, p50: 80 };

interface CaseTiming {
	submitToPixel: number;
	navigateToPixel: number;
	slices: number;
}

/** The page's marks for one case: when Enter led to the submit, the navigation, and the first pixel. */
async function timingOf(page: Page, from: string, to: string): Promise<CaseTiming> {
	const marks = await marksOf(page);
	const sliceText = await page.evaluate(
		() => document.querySelector('[data-testid=slice]')?.textContent ?? '1 / 1'
	);
	const pixel = markAt(marks, 'tandem:first-pixel', to);
	// At a session's end the next case is the server's (/read/next): no navigate mark names it.
	const navigated = marks.some((mark) => mark.name === 'tandem:navigate' && mark.assignment === to);
	return {
		submitToPixel: pixel - markAt(marks, 'tandem:submit', from),
		navigateToPixel: navigated ? pixel - markAt(marks, 'tandem:navigate', to) : Number.NaN,
		slices: Number(sliceText.split('/')[1])
	};
}

/** One run: a fresh page, `caseCount` cases read after the first; each case's timing. */
async function readRun(
	browser: Browser,
	base: string,
	caseCount: number,
	run: number
): Promise<{ timings: CaseTiming[]; cold: number }> {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	try {
		await signIn(page, base, READER);
		const coldStart = Date.now();
		await page.goto(`${base}/read/next?study=demo-crossover`);
		let assignment = await waitUntilReading(page, null);
		const cold = Date.now() - coldStart;
		const timings: CaseTiming[] = [];
		for (let index = 0; index < caseCount; index += 1) {
			await page.keyboard.press((index + run) % 2 === 0 ? 'p' : 'n');
			await page.getByLabel('Confidence (0–100)').fill(String((index * 29 + run) % 101));
			await page.waitForTimeout(THINK_MS); // a reader looks at the image before answering; the next case is fetched meanwhile
			await page.keyboard.press('Enter');
			const next = await waitUntilReading(page, assignment);
			timings.push(await timingOf(page, assignment, next));
			assignment = next;
		}
		// The run's reads are all stored before the next run starts from the server's next case.
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid=outbox-status]')?.getAttribute('data-pending') === '0',
			null,
			{ timeout: 30_000 }
		);
		return { timings, cold };
	} finally {
		await page.close();
	}
}

export async function run(caseCount = Number(process.argv[2] ?? 30)): Promise<void> {
	const server = await startServer(PORT, 'bench');
	const browser = await launchBrowser();
	try {
		const runs: Array<{ timings: CaseTiming[]; cold: number }> = [];
		for (let index = 0; index < runCount(3); index += 1)
			runs.push(await readRun(browser, server.base, caseCount, index));
		const all = runs.flatMap((each) => each.timings);
		const stacks = all.filter((timing) => timing.slices > 1).length;
		console.log(
			`viewer: ${runs.length} runs of ${caseCount} cases read by keyboard (${THINK_MS} ms between answer and Enter), a fresh page each, in headless Chromium (SwiftShader WebGL), production build, 512 × 512 CT, ${stacks} of ${all.length} cases stacks`
		);
		console.log(machine());
		console.log(
			`first case of each run, cold page load (Cornerstone chunk included): ${runs.map((each) => each.cold).join(', ')} ms`
		);
		const per = (pick: (timing: CaseTiming) => number, p: number) =>
			runs.map((each) => percentile(each.timings.map(pick).filter(Number.isFinite), p));
		const note = `512² CT, next case fetched ahead, ${caseCount} cases a run`;
		const before = 'before (server round trip)';
		report({
			label: 'submit → first pixel, p95',
			runs: per((timing) => timing.submitToPixel, 95),
			unit: 'ms',
			target: { value: 50, better: 'lower' },
			peer: { label: before, value: BEFORE.p95 },
			note
		});
		report({
			label: 'submit → first pixel, p50',
			runs: per((timing) => timing.submitToPixel, 50),
			unit: 'ms',
			peer: { label: before, value: BEFORE.p50 },
			note
		});
		report({
			label: 'navigate → first pixel, p95',
			runs: per((timing) => timing.navigateToPixel, 95),
			unit: 'ms',
			note
		});
	} finally {
		await browser.close();
		server.stop();
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	run().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}

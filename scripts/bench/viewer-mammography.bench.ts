// Benchmark of the reading workstation on the mammography demo: next case to pixels for a
// four-view case of 3328 × 4096 images stored as lossless JPEG 2000 (a few JPEG-LS / RLE), hung in
// four viewports. The server, browser and marks are the CT benchmark's (workstation-session.ts);
// a demo reader reads a run of demo-mammography cases by keyboard, waiting each time until all four
// views are drawn (and THINK_MS more) before answering, and for each case after the first takes:
//   submit → first view: Enter pressed → read stored → next case's data → its first view drawn
//   submit → all four:   … → every viewport of the case drawn (the tandem:all-pixels mark)
// p50/p95/max against the targets (p95 < 400 ms first view, < 1 s all four). Nothing is asserted.
// Run: `npx tsx scripts/bench/viewer-mammography.bench.ts [cases]` (or via `npm run bench`).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
	launchBrowser,
	machine,
	markAt,
	marksOf,
	signIn,
	startServer,
	summary,
	targetLine,
	waitUntilReading
} from './workstation-session';

const PORT = Number(process.env.BENCH_PORT ?? 4192);
const READER = 'reader.a1@demo.example.org';
/** Time between all four views drawn and Enter (BENCH_THINK_MS): the next case's prefetch runs meanwhile. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const FIRST_TARGET_MS = 400;
const ALL_TARGET_MS = 1000;

interface CaseTiming {
	firstView: number;
	allViews: number;
}

/** Waits until every viewport of `assignment` has drawn its image. */
async function waitUntilAllDrawn(page: Page, assignment: string): Promise<void> {
	await page.waitForFunction(
		(id) =>
			performance
				.getEntriesByName('tandem:all-pixels')
				.some(
					(mark) => ((mark as PerformanceMark).detail as { assignment?: string })?.assignment === id
				),
		assignment,
		{ timeout: 60_000 }
	);
}

async function timingOf(page: Page, from: string, to: string): Promise<CaseTiming> {
	const marks = await marksOf(page);
	const submit = markAt(marks, 'tandem:submit', from);
	return {
		firstView: markAt(marks, 'tandem:first-pixel', to) - submit,
		allViews: markAt(marks, 'tandem:all-pixels', to) - submit
	};
}

export async function run(caseCount = Number(process.argv[2] ?? 20)): Promise<void> {
	const server = await startServer(PORT, 'bench-mammography');
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server.base, READER);
		const coldStart = Date.now();
		await page.goto(`${server.base}/read/next?study=demo-mammography`);
		let assignment = await waitUntilReading(page, null);
		await waitUntilAllDrawn(page, assignment);
		const cold = Date.now() - coldStart;
		const timings: CaseTiming[] = [];
		let stopped = '';
		try {
			for (let index = 0; index < caseCount; index += 1) {
				await page.keyboard.press(index % 3 === 0 ? 'p' : 'n');
				await page.getByLabel('Confidence (0–100)').fill(String((index * 29) % 101));
				await page.waitForTimeout(THINK_MS); // the reader looks at the four views; the prefetch runs meanwhile
				await page.keyboard.press('Enter');
				const next = await waitUntilReading(page, assignment);
				await waitUntilAllDrawn(page, next);
				timings.push(await timingOf(page, assignment, next));
				assignment = next;
			}
		} catch (error) {
			// What the page says (an alert of the workstation) tells why the next case did not come.
			const alert = await page
				.locator('[role=alert]')
				.allTextContents()
				.catch(() => []);
			stopped = `stopped after ${timings.length} cases at ${page.url()}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; page alerts: ${JSON.stringify(alert)}`;
		}
		console.log(
			`viewer (mammography): ${timings.length} four-view cases of 3328 × 4096 (lossless JPEG 2000, some JPEG-LS / RLE) read by keyboard (${THINK_MS} ms between all four drawn and Enter) in headless Chromium (SwiftShader WebGL), production build`
		);
		console.log(machine());
		if (stopped) console.log(stopped);
		console.log(`first case, cold page load to all four drawn: ${cold} ms`);
		if (timings.length === 0) return;
		const first = timings.map((timing) => timing.firstView);
		const all = timings.map((timing) => timing.allViews);
		console.log(summary('submit → first view drawn', first));
		console.log(summary('submit → all four drawn', all));
		console.log(targetLine('submit → first view', first, FIRST_TARGET_MS));
		console.log(targetLine('submit → all four views', all, ALL_TARGET_MS));
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

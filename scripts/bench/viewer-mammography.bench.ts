// Benchmark of the reading workstation on the mammography demo: next case to pixels for a
// four-view case of 3328 × 4096 images stored as lossless JPEG 2000 (a few JPEG-LS / RLE), hung in
// four viewports. The server, browser and marks are the CT benchmark's (workstation-session.ts);
// a demo reader reads a run of demo-mammography cases by keyboard (a FROC study: each answered "no
// lesion", N), waiting each time until all four views are drawn (and a reading time more) before
// answering, and for each case after the first takes:
//   submit → first view: Enter pressed → read stored → next case's data → its first view drawn
//   submit → all four:   … → every viewport of the case drawn (the tandem:all-pixels mark)
// Two runs: a reading time of THINK_MS (5 s, still short for a four-view screening case), in which
// the next case's images are decoded in the background, against the targets (p95 < 400 ms first
// view, < 1 s all four); then answers 1 s after the views are drawn, before that decoding ends,
// shown for what a hurried reader sees. Nothing is asserted.
// Run: `npx tsx scripts/bench/viewer-mammography.bench.ts [cases per run]` (or via `npm run bench`).
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
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5000);
/** The hurried run's reading time: the next case's images are still being decoded at Enter. */
const HURRIED_MS = 1000;
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

/** Reads `count` cases from where the page is, `thinkMs` after each case's four views are drawn. */
async function readCases(
	page: Page,
	from: string,
	count: number,
	thinkMs: number,
	offset: number
): Promise<{ timings: CaseTiming[]; last: string; stopped: string }> {
	const timings: CaseTiming[] = [];
	let assignment = from;
	try {
		for (let index = offset; index < offset + count; index += 1) {
			await page.keyboard.press('n'); // a FROC study: "no lesion", the answer without marks
			await page.waitForTimeout(thinkMs); // the reader looks at the four views; the prefetch runs meanwhile
			await page.keyboard.press('Enter');
			const next = await waitUntilReading(page, assignment);
			await waitUntilAllDrawn(page, next);
			timings.push(await timingOf(page, assignment, next));
			assignment = next;
		}
		return { timings, last: assignment, stopped: '' };
	} catch (error) {
		// What the page says (an alert of the workstation) tells why the next case did not come.
		const alert = await page
			.locator('[role=alert]')
			.allTextContents()
			.catch(() => []);
		const stopped = `stopped after ${timings.length} cases at ${page.url()}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; page alerts: ${JSON.stringify(alert)}`;
		return { timings, last: assignment, stopped };
	}
}

function report(timings: CaseTiming[], withTargets: boolean): void {
	if (timings.length === 0) return;
	const first = timings.map((timing) => timing.firstView);
	const all = timings.map((timing) => timing.allViews);
	console.log(summary('submit → first view drawn', first));
	console.log(summary('submit → all four drawn', all));
	if (!withTargets) return;
	console.log(targetLine('submit → first view', first, FIRST_TARGET_MS));
	console.log(targetLine('submit → all four views', all, ALL_TARGET_MS));
}

export async function run(caseCount = Number(process.argv[2] ?? 10)): Promise<void> {
	const server = await startServer(PORT, 'bench-mammography');
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server.base, READER);
		const coldStart = Date.now();
		await page.goto(`${server.base}/read/next?study=demo-mammography`);
		const assignment = await waitUntilReading(page, null);
		await waitUntilAllDrawn(page, assignment);
		const cold = Date.now() - coldStart;
		const reading = await readCases(page, assignment, caseCount, THINK_MS, 0);
		const hurried = reading.stopped
			? { timings: [], last: reading.last, stopped: '' }
			: await readCases(page, reading.last, caseCount, HURRIED_MS, caseCount);
		console.log(
			`viewer (mammography): four-view cases of 3328 × 4096 (lossless JPEG 2000, some JPEG-LS / RLE) read by keyboard in headless Chromium (SwiftShader WebGL), production build`
		);
		console.log(machine());
		console.log(`first case, cold page load to all four drawn: ${cold} ms`);
		console.log(
			`${reading.timings.length} cases answered ${THINK_MS} ms after all four views are drawn (the next case decoded meanwhile):`
		);
		if (reading.stopped) console.log(reading.stopped);
		report(reading.timings, true);
		console.log(
			`${hurried.timings.length} cases answered ${HURRIED_MS} ms after all four views are drawn (the next case's images still decoding; no target):`
		);
		if (hurried.stopped) console.log(hurried.stopped);
		report(hurried.timings, false);
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

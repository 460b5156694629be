// Benchmark of the reading workstation: next-case-to-first-pixel latency. Starts the production
// build exactly as the e2e tests do (tests/e2e/serve.mjs: a fresh database under test-results/),
// signs a demo reader in with headless Chromium, reads a run of cases with the keyboard and, for
// each case after the first, takes the page's own performance marks:
//   submit → first pixel: Enter pressed → read stored → next case's data → its image drawn
//   navigate → first pixel: read stored → next case's data → its image drawn
// and prints p50/p95/max (target: p95 < 150 ms for a 512² slice). Not a test: nothing is asserted.
// Run: `npx tsx scripts/bench/viewer.bench.ts [cases]` (or via `npm run bench`).
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

const PORT = Number(process.env.BENCH_PORT ?? 4191);
const READER = 'reader.b2@demo.example.org';
/** Time between the answer and Enter (BENCH_THINK_MS); 0 measures next cases whose prefetch may still be running. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 150);

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
	return {
		submitToPixel: pixel - markAt(marks, 'tandem:submit', from),
		navigateToPixel: pixel - markAt(marks, 'tandem:navigate', to),
		slices: Number(sliceText.split('/')[1])
	};
}

export async function run(caseCount = Number(process.argv[2] ?? 40)): Promise<void> {
	const server = await startServer(PORT, 'bench');
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(page, server.base, READER);
		const coldStart = Date.now();
		await page.goto(`${server.base}/read/next?study=demo-crossover`);
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
		console.log(machine());
		console.log(`first case, cold page load (Cornerstone chunk included): ${cold} ms`);
		const submitToPixel = timings.map((timing) => timing.submitToPixel);
		console.log(summary('submit → first pixel', submitToPixel));
		console.log(
			summary(
				'navigate → first pixel',
				timings.map((timing) => timing.navigateToPixel)
			)
		);
		console.log(targetLine('submit → first pixel', submitToPixel, 150));
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

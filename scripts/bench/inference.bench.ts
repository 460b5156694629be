// Benchmark of the inference pool on the demo study's 120 cases (264 images) with the demo model.
// What is compared, per case, after a warm-up pass (sessions loaded, files in the page cache):
//   A. model only, in-process: onnxruntime session.run on tensors preprocessed beforehand — the
//      floor any design pays;
//   B. whole task, in-process: runInferenceTask in the main thread (read DICOM, preprocess,
//      session.run, hashes, heatmap/box) — the same work the worker does, without the pool;
//   C. whole task through the pool, one worker thread, one case at a time — B plus the pool's
//      own cost (queueing, posting the task to the thread, cloning the result back).
// The pool's per-case overhead is (C − B) / B (target < 5 %). The worker's own session.run time
// is also set against A, to show the model runs as fast in a worker as in-process. Last, the
// throughput of the pool with all cases queued at once on every available thread (cases/s).
// Run: npx tsx scripts/bench/inference.bench.ts (or npm run bench). Each figure is the median
// of several passes (BENCH_RUNS, default 3) with their spread.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { generateDemoStudy } from '../demo/generate-demo-study';
import { MANIFEST_FILE, MODEL_FILE } from '../demo/model/build-demo-model';
import { demoCaseImages, readDemoTruth, STUDY_DIR } from '../demo/model/evaluate-demo-model';
import { parseModelManifest } from '../../src/lib/server/ai/inference/manifest';
import { SESSION_OPTIONS, sha256Hex } from '../../src/lib/server/ai/inference/model-session';
import { createInferencePool } from '../../src/lib/server/ai/inference/pool';
import {
	prepareCase,
	runInferenceTask,
	runModel
} from '../../src/lib/server/ai/inference/run-task';
import type { InferenceTask } from '../../src/lib/server/ai/inference/types';
import { machine, median, report, runCount } from './bench-kit';

const PASSES = runCount(3);

/** The demo study's folder, or a freshly generated copy in a temp folder when its images are missing. */
async function studyDirectory(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
	if (existsSync(join(STUDY_DIR, 'images', 'generation.json')))
		return { dir: STUDY_DIR, cleanup: async () => {} };
	const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-'));
	process.stdout.write(`demo images missing: generating them into ${dir}\n`);
	await generateDemoStudy({ outDir: dir });
	return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await action();
	return performance.now() - started;
}

export async function run(): Promise<void> {
	const { dir, cleanup } = await studyDirectory();
	try {
		const manifest = parseModelManifest(JSON.parse(await readFile(MANIFEST_FILE, 'utf8')));
		const modelSha256 = sha256Hex(await readFile(MODEL_FILE));
		const rows = await readDemoTruth(dir);
		const tasks: InferenceTask[] = await Promise.all(
			rows.map(async (row) => ({
				modelPath: MODEL_FILE,
				modelSha256,
				manifest,
				images: await demoCaseImages(row.caseId, dir)
			}))
		);
		const count = tasks.length;
		const images = tasks.reduce((sum, task) => sum + task.images.length, 0);
		process.stdout.write(
			`${count} cases, ${images} images, model ${manifest.name} ${manifest.version}\n`
		);

		// A: model only, in-process, on tensors prepared beforehand.
		const session = await ort.InferenceSession.create(await readFile(MODEL_FILE), SESSION_OPTIONS);
		const prepared = await Promise.all(tasks.map((task) => prepareCase(task.images, manifest)));
		const modelOnly = async () => {
			for (const item of prepared) await runModel(session, manifest, item.inputs);
		};
		await modelOnly();
		const aMs = (await passes(modelOnly)).map((ms) => ms / count);

		// B: the whole task, in-process.
		const inProcess = async () => {
			for (const task of tasks) await runInferenceTask(task);
		};
		await inProcess();
		const bMs = (await passes(inProcess)).map((ms) => ms / count);

		// C: the whole task through a one-thread pool, one case at a time.
		const single = createInferencePool({ threads: 1 });
		const workerModelMs: number[] = [];
		const throughPool = async () => {
			let sum = 0;
			for (const task of tasks) sum += (await single.run(task)).latencyMs;
			workerModelMs.push(sum / count);
		};
		await throughPool();
		workerModelMs.length = 0;
		const cMs = (await passes(throughPool)).map((ms) => ms / count);
		await single.close();

		// Throughput: every case queued at once on all threads.
		const threads = availableParallelism();
		const wide = createInferencePool({ threads });
		const everything = () => Promise.all(tasks.map((task) => wide.run(task)));
		await everything();
		const wideMs = await passes(everything);
		await wide.close();

		console.log(machine());
		report({ label: 'A  model only, in-process (session.run), per case', runs: aMs, unit: 'ms' });
		report({
			label: '   model only, inside the worker (its latencyMs), per case',
			runs: workerModelMs,
			unit: 'ms',
			peer: { label: 'A', value: median(aMs) }
		});
		report({
			label: 'B  whole task in-process (read + preprocess + run), per case',
			runs: bMs,
			unit: 'ms'
		});
		report({
			label: 'C  whole task through the pool (1 thread, sequential), per case',
			runs: cMs,
			unit: 'ms'
		});
		// Pass by pass: B and C of the same pass index, so the spread is that of the overhead itself.
		report({
			label: 'inference pool overhead per case, (C − B) / B',
			runs: cMs.map((c, pass) => ((c - bMs[pass]!) / bMs[pass]!) * 100),
			unit: '%',
			target: { value: 5, better: 'lower' }
		});
		report({
			label: `inference throughput, ${threads} thread(s), all ${count} cases queued (${images} images)`,
			runs: wideMs.map((ms) => (count * 1000) / ms),
			unit: '/s',
			note: 'cases per second'
		});
		report({
			label: 'inference throughput, 1 thread, sequential',
			runs: cMs.map((ms) => 1000 / ms),
			unit: '/s',
			note: 'cases per second'
		});
	} finally {
		await cleanup();
	}
}

async function passes(action: () => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	for (let pass = 0; pass < PASSES; pass += 1) times.push(await timed(action));
	return times;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	run().catch((error: unknown) => {
		process.stderr.write(
			`inference bench: ${error instanceof Error ? error.stack : String(error)}\n`
		);
		process.exitCode = 1;
	});
}

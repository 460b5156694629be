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
// of 3 passes.
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

const PASSES = 3;

const median = (values: number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] as number;
};

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
		const aMs = median(await passes(modelOnly)) / count;

		// B: the whole task, in-process.
		const inProcess = async () => {
			for (const task of tasks) await runInferenceTask(task);
		};
		await inProcess();
		const bMs = median(await passes(inProcess)) / count;

		// C: the whole task through a one-thread pool, one case at a time.
		const single = createInferencePool({ threads: 1 });
		let workerModelMs = 0;
		const throughPool = async () => {
			workerModelMs = 0;
			for (const task of tasks) workerModelMs += (await single.run(task)).latencyMs;
		};
		await throughPool();
		const cMs = median(await passes(throughPool)) / count;
		await single.close();

		// Throughput: every case queued at once on all threads.
		const threads = availableParallelism();
		const wide = createInferencePool({ threads });
		const everything = () => Promise.all(tasks.map((task) => wide.run(task)));
		await everything();
		const wideMs = median(await passes(everything));
		await wide.close();

		const line = (label: string, value: string): void =>
			void process.stdout.write(`${label.padEnd(58)} ${value}\n`);
		line('A  model only, in-process (session.run)', `${aMs.toFixed(2)} ms/case`);
		line(
			'   model only, inside the worker (reported latencyMs)',
			`${(workerModelMs / count).toFixed(2)} ms/case (× ${(workerModelMs / count / aMs).toFixed(3)} of A)`
		);
		line('B  whole task, in-process (read + preprocess + run)', `${bMs.toFixed(2)} ms/case`);
		line('C  whole task through the pool (1 thread, sequential)', `${cMs.toFixed(2)} ms/case`);
		line(
			'pool overhead per case (C − B) / B',
			`${(((cMs - bMs) / bMs) * 100).toFixed(1)} % (${(cMs - bMs).toFixed(2)} ms; target < 5 %)`
		);
		line(
			`throughput, ${threads} thread(s), all cases queued`,
			`${((count * 1000) / wideMs).toFixed(1)} cases/s (${((images * 1000) / wideMs).toFixed(1)} images/s)`
		);
		line('throughput, 1 thread, sequential', `${(1000 / cMs).toFixed(1)} cases/s`);
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

// Generates the synthetic mammography demo: cases.csv, truth.csv, lesions.csv and
// images/<case>/<n>-<view>.dcm (four 3328 × 4096 views per case, lossless JPEG 2000 / JPEG-LS /
// RLE). Deterministic: the same seed gives the same files. Cases are written by worker threads
// (one per core, at most two).
// CLI: npx tsx scripts/demo/mammography/generate-mammography-study.ts [--out DIR] [--seed N] [--workers N]
import { availableParallelism } from 'node:os';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { mammoCasesCsv, mammoLesionsCsv, mammoTruthCsv } from './mammo-csv';
import { writeMammoCase } from './mammo-case';
import { COLUMNS, MAMMO_CASE_COUNT, MAMMO_SEED, planMammoStudy, ROWS } from './mammo-plan';
import { MAMMO_RENDERING } from './rendering-version.mjs';

export const MAMMO_GENERATOR = 'scripts/demo/mammography/generate-mammography-study.ts';

export interface GenerateMammographyOptions {
	outDir: string;
	seed?: number;
	/** Fewer cases, for tests (the committed CSVs describe the default count). */
	cases?: number;
	/** 0 writes the cases on this thread (tests); default: one worker per core, at most two. */
	workers?: number;
	onProgress?: (done: number, total: number) => void;
}

export async function generateMammographyStudy(
	options: GenerateMammographyOptions
): Promise<{ cases: number; images: number; bytes: number }> {
	const seed = options.seed ?? MAMMO_SEED;
	const count = options.cases ?? MAMMO_CASE_COUNT;
	if (!Number.isSafeInteger(seed) || seed < 0)
		throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
	if (!Number.isInteger(count) || count < 2 || count > 500)
		throw new RangeError(`cases must be an integer from 2 to 500, got ${count}`);
	const plans = planMammoStudy(seed, count);
	const markerPath = join(options.outDir, 'images', 'generation.json');
	await mkdir(join(options.outDir, 'images'), { recursive: true });
	await rm(markerPath, { force: true }); // until this run completes, the set is not complete
	const workers = options.workers ?? Math.min(2, availableParallelism());
	let done = 0;
	const progress = () => options.onProgress?.((done += 1), plans.length);
	let bytes = 0;
	if (workers === 0) {
		for (const plan of plans) {
			bytes += await writeMammoCase(plan, seed, options.outDir);
			progress();
		}
	} else {
		bytes = await inWorkers(workers, { seed, count, outDir: options.outDir }, progress);
	}
	await writeFile(join(options.outDir, 'cases.csv'), mammoCasesCsv(plans));
	await writeFile(join(options.outDir, 'truth.csv'), mammoTruthCsv(plans));
	await writeFile(join(options.outDir, 'lesions.csv'), mammoLesionsCsv(plans));
	const marker = {
		generator: MAMMO_GENERATOR,
		rendering: MAMMO_RENDERING,
		seed,
		columns: COLUMNS,
		rows: ROWS,
		cases: plans.length,
		images: plans.length * 4
	};
	await writeFile(markerPath, `${JSON.stringify(marker, null, '\t')}\n`);
	return { cases: plans.length, images: plans.length * 4, bytes };
}

/** Hands case indices to `count` workers as they free up; resolves with the bytes written. */
function inWorkers(
	count: number,
	data: { seed: number; count: number; outDir: string },
	progress: () => void
): Promise<number> {
	const workerFile = fileURLToPath(new URL('./mammo-worker.mjs', import.meta.url));
	return new Promise((resolvePromise, reject) => {
		let next = 0;
		let finished = 0;
		let bytes = 0;
		const pool: Worker[] = [];
		const fail = (error: Error) => {
			for (const worker of pool) void worker.terminate();
			reject(error);
		};
		const feed = (worker: Worker) => {
			if (next < data.count) worker.postMessage(next++);
			else void worker.terminate();
		};
		for (let k = 0; k < Math.min(count, data.count); k += 1) {
			const worker = new Worker(workerFile, { workerData: data });
			pool.push(worker);
			worker.on('error', fail);
			worker.on('message', (message: { index: number; bytes?: number; error?: string }) => {
				if (message.error !== undefined)
					return fail(new Error(`case ${message.index + 1}: ${message.error}`));
				bytes += message.bytes ?? 0;
				finished += 1;
				progress();
				if (finished === data.count) resolvePromise(bytes);
				feed(worker);
			});
			feed(worker);
		}
	});
}

const DEFAULT_OUT_DIR = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'../../../studies/demo-mammography'
);

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { out: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' } },
		strict: true
	});
	for (const [name, value] of Object.entries(values)) {
		if (name !== 'out' && value !== undefined && !/^\d{1,15}$/.test(value))
			throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
	}
	const seed = values.seed === undefined ? MAMMO_SEED : Number(values.seed);
	const outDir = values.out === undefined ? DEFAULT_OUT_DIR : resolve(values.out);
	const workers = values.workers === undefined ? undefined : Number(values.workers);
	const started = performance.now();
	const result = await generateMammographyStudy({
		outDir,
		seed,
		workers,
		onProgress: (done, total) => {
			if (done === total || done % 4 === 0)
				process.stderr.write(`mammography demo: ${done}/${total} cases\n`);
		}
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const megabytes = (result.bytes / 1e6).toFixed(0);
	process.stderr.write(
		`mammography demo: wrote ${result.cases} cases, ${result.images} images (${megabytes} MB, seed ${seed}) to ${outDir} in ${seconds} s\n`
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		process.stderr.write(
			`mammography demo: ${error instanceof Error ? error.message : String(error)}\n`
		);
		process.exitCode = 1;
	});
}

// The inference worker pool: piscina worker threads, each running onnxruntime-node sessions.
//
// Where the worker comes from. Vite's server build does not copy files that are only reached
// through `new URL('./worker', import.meta.url)`, and a bundled worker would drag onnxruntime's
// native binding into the bundle. So the worker entry stays a source file at a fixed path,
// resolved from the working directory (the repository root for the CLI, vitest and
// `node build/index.js`), and each worker thread loads it through tsx's module hooks
// (`--import <tsx loader>`; tsx is a runtime dependency). One mechanism for every way Tandem
// runs; the price is that a deployment must ship src/lib/server/ai/inference with node_modules.
// `workerFile` (or the TANDEM_INFERENCE_WORKER setting) points elsewhere if needed.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { inferenceThreads, inferenceWorkerFile } from '../../config';
import { checkTask } from './task-check';
import type { InferenceOutput, InferencePool, InferencePoolStats, InferenceTask } from './types';

export type { InferenceOutput, InferencePool, InferencePoolStats, InferenceTask } from './types';

export interface InferencePoolOptions {
	/** Worker threads (default: the TANDEM_INFERENCE_THREADS setting, else CPUs − 1, between 1 and 4). */
	threads?: number;
	/** Worker entry file, relative to the working directory or absolute (default: the TANDEM_INFERENCE_WORKER setting). */
	workerFile?: string;
}

/** file: URL of tsx's loader, resolved from the working directory like the worker itself. */
function tsxLoaderUrl(): string {
	const require = createRequire(resolve(process.cwd(), 'package.json'));
	try {
		return pathToFileURL(require.resolve('tsx')).href;
	} catch {
		throw new Error(
			`the inference worker needs the "tsx" package, which cannot be found from ${process.cwd()}`
		);
	}
}

export function createInferencePool(options: InferencePoolOptions = {}): InferencePool {
	const threads = options.threads ?? inferenceThreads();
	if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
		throw new RangeError(`inference threads must be a whole number from 1 to 64, got ${threads}`);
	}
	const workerFile = resolve(options.workerFile ?? inferenceWorkerFile());
	if (!existsSync(workerFile)) {
		throw new Error(
			`the inference worker ${workerFile} does not exist; run Tandem from the repository root ` +
				'(or set TANDEM_INFERENCE_WORKER)'
		);
	}
	const piscina = new Piscina<InferenceTask, InferenceOutput>({
		filename: pathToFileURL(workerFile).href,
		minThreads: threads,
		maxThreads: threads,
		// Replaces the parent's flags (vitest's, for one): the workers need only tsx's hooks.
		execArgv: ['--import', tsxLoaderUrl()]
	});
	let completed = 0;
	let failed = 0;
	return {
		async run(task) {
			checkTask(task); // refuse a malformed task here, with its message, before queueing it
			try {
				return await piscina.run(task);
			} catch (error) {
				failed += 1;
				throw error instanceof Error ? error : new Error(String(error));
			} finally {
				completed += 1;
			}
		},
		stats(): InferencePoolStats {
			return { threads: piscina.threads.length, queued: piscina.queueSize, completed, failed };
		},
		async close() {
			await piscina.destroy();
		}
	};
}

let shared: InferencePool | undefined;

/** The process-wide pool, created on first use; closing it lets the next call create a new one. */
export function getInferencePool(): InferencePool {
	if (!shared) {
		const pool = createInferencePool();
		const wrapper: InferencePool = {
			run: (task) => pool.run(task),
			stats: () => pool.stats(),
			async close() {
				if (shared === wrapper) shared = undefined;
				await pool.close();
			}
		};
		shared = wrapper;
	}
	return shared;
}

/** Closes the process-wide pool if one was made (at shutdown); its worker threads end. */
export async function closeInferencePool(): Promise<boolean> {
	if (!shared) return false;
	await shared.close();
	return true;
}

// A generation worker: writes the cases whose indices the main thread sends, one at a time,
// answering each with the bytes written (or the error). See generate-mammography-study.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { writeMammoCase } from './mammo-case';
import { planMammoStudy } from './mammo-plan';

const { seed, count, outDir } = workerData as { seed: number; count: number; outDir: string };
const plans = planMammoStudy(seed, count);

parentPort?.on('message', (index: number) => {
	const plan = plans[index];
	if (!plan) throw new Error(`no case ${index}`);
	writeMammoCase(plan, seed, outDir).then(
		(bytes) => parentPort?.postMessage({ index, bytes }),
		(error: unknown) =>
			parentPort?.postMessage({
				index,
				error: error instanceof Error ? error.message : String(error)
			})
	);
});

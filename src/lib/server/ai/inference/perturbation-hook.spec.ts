// The robustness hook in the worker, on a real demo case and the committed demo model: a task
// with a perturbation at its neutral level gives the unperturbed input bytes, a real one other
// bytes (the same again for the same seed), and a level out of range is refused before queueing.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoCases, type WrittenCase } from '$fixtures/inference/demo-cases.fixture';
import { parseModelManifest } from './manifest';
import { sha256Hex } from './model-session';
import { createInferencePool, type InferencePool, type InferenceTask } from './pool';

const MODEL_DIR = resolve('studies/demo-crossover/model');
const modelPath = join(MODEL_DIR, 'demo-lesion-detector.onnx');

let directory: string;
let base: InferenceTask;
let pool: InferencePool;

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'tandem-perturb-'));
	const [written] = (await writeDemoCases(directory, ['C002'])) as [WrittenCase];
	base = {
		modelPath,
		modelSha256: sha256Hex(await readFile(modelPath)),
		manifest: parseModelManifest(JSON.parse(await readFile(join(MODEL_DIR, 'model.json'), 'utf8'))),
		images: written.images
	};
	pool = createInferencePool({ threads: 1 });
}, 60_000);

afterAll(async () => {
	await pool?.close();
	await rm(directory, { recursive: true, force: true });
});

describe('a perturbation in the inference task', () => {
	it('is the identity at a neutral level, changes the input otherwise, repeatably', async () => {
		const plain = await pool.run(base);
		for (const perturbation of [
			{ kind: 'rotate', level: 0, seed: 5 },
			{ kind: 'noise', level: 0, seed: 5 },
			{ kind: 'resample', level: 1, seed: 5 }
		] as const) {
			const same = await pool.run({ ...base, perturbation });
			expect(same.inputSha256).toBe(plain.inputSha256);
			expect(same.outputSha256).toBe(plain.outputSha256);
		}
		const noisy = await pool.run({
			...base,
			perturbation: { kind: 'noise', level: 0.01, seed: 5 }
		});
		const again = await pool.run({
			...base,
			perturbation: { kind: 'noise', level: 0.01, seed: 5 }
		});
		const other = await pool.run({
			...base,
			perturbation: { kind: 'noise', level: 0.01, seed: 6 }
		});
		expect(noisy.inputSha256).not.toBe(plain.inputSha256);
		expect(again.inputSha256).toBe(noisy.inputSha256);
		expect(other.inputSha256).not.toBe(noisy.inputSha256);
		const rotated = await pool.run({
			...base,
			perturbation: { kind: 'rotate', level: 5, seed: 5 }
		});
		expect(rotated.inputSha256).not.toBe(plain.inputSha256);
	}, 60_000);

	it('refuses a level out of range before queueing, naming it', async () => {
		await expect(
			pool.run({ ...base, perturbation: { kind: 'rotate', level: 90, seed: 1 } })
		).rejects.toThrow('perturbation: rotate level must be between -45 and 45, got 90');
	});
});

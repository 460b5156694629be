// The pool end to end, on real demo-study cases (512 × 512 DICOM written by the demo generator)
// and the committed demo model, through piscina worker threads loading the worker with tsx.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoCases, type WrittenCase } from '$fixtures/inference/demo-cases.fixture';
import { parseModelManifest, type ModelManifest } from './manifest';
import { sha256Hex } from './model-session';
import {
	createInferencePool,
	getInferencePool,
	type InferencePool,
	type InferenceTask
} from './pool';

const MODEL_DIR = resolve('studies/demo-crossover/model');
const modelPath = join(MODEL_DIR, 'demo-lesion-detector.onnx');

// C002: 8.7 mm, 85 HU lesion at column 341, row 238; C006: no lesion; C082: a 21-slice stack
// with a 8.6 mm, 75 HU lesion centred on slice 5 at column 241, row 210 (truth.csv).
const POSITIVE = 'C002';
const NEGATIVE = 'C006';
const STACK = 'C082';

let directory: string;
let cases: Record<string, WrittenCase>;
let manifest: ModelManifest;
let modelSha256: string;
let pool: InferencePool;

const task = (caseId: string, overrides: Partial<InferenceTask> = {}): InferenceTask => ({
	modelPath,
	modelSha256,
	manifest,
	images: (cases[caseId] as WrittenCase).images,
	...overrides
});

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'tandem-inference-'));
	const written = await writeDemoCases(directory, [POSITIVE, NEGATIVE, STACK]);
	cases = Object.fromEntries(written.map((item) => [item.plan.caseId, item]));
	manifest = parseModelManifest(JSON.parse(await readFile(join(MODEL_DIR, 'model.json'), 'utf8')));
	modelSha256 = sha256Hex(await readFile(modelPath));
	pool = createInferencePool({ threads: 2 });
}, 60_000);

afterAll(async () => {
	await pool?.close();
	await rm(directory, { recursive: true, force: true });
});

describe('inference pool', () => {
	it('scores the positive case above the threshold and the negative case below it', async () => {
		const [positive, negative] = await Promise.all([
			pool.run(task(POSITIVE)),
			pool.run(task(NEGATIVE))
		]);
		expect(positive.score).toBeGreaterThan(negative.score);
		expect(positive.score).toBeGreaterThanOrEqual(manifest.threshold);
		expect(negative.score).toBeLessThan(manifest.threshold);
		// The box, in original 512-pixel coordinates, holds the lesion centre (341, 238).
		const [box] = positive.boxes ?? [];
		expect(box).toMatchObject({ image: 1, score: positive.score });
		expect(341.5).toBeGreaterThanOrEqual(box!.x);
		expect(341.5).toBeLessThanOrEqual(box!.x + box!.width);
		expect(238.5).toBeGreaterThanOrEqual(box!.y);
		expect(238.5).toBeLessThanOrEqual(box!.y + box!.height);
		expect(positive.heatmap).toMatchObject({ width: 128, height: 128, image: 1 });
		expect(positive.heatmap!.data).toHaveLength(128 * 128);
		expect(positive.inputSha256).toMatch(/^[0-9a-f]{64}$/);
		expect(positive.latencyMs).toBeGreaterThan(0);
		expect(positive.preprocessMs).toBeGreaterThan(0);
		expect(positive.memoryPeakBytes).toBeGreaterThan(10_000_000);
	});

	it('runs every slice of a stack and reports the slice of the finding', async () => {
		const output = await pool.run(task(STACK));
		expect(output.imageScores).toHaveLength(21);
		expect(output.score).toBe(Math.max(...(output.imageScores ?? [])));
		expect(output.boxes?.[0]?.image).toBe(5);
		expect(output.heatmap?.image).toBe(5);
		const projected = await pool.run(
			task(STACK, {
				manifest: { ...manifest, input: { ...manifest.input, slices: 'max-intensity' } }
			})
		);
		expect(projected.imageScores).toHaveLength(1);
		expect(projected.inputSha256).not.toBe(output.inputSha256);
	});

	it('gives identical outputs for 10 runs of the same case (AI-2)', async () => {
		const outputs = await Promise.all(Array.from({ length: 10 }, () => pool.run(task(POSITIVE))));
		expect(new Set(outputs.map((output) => output.outputSha256)).size).toBe(1);
		expect(new Set(outputs.map((output) => output.inputSha256)).size).toBe(1);
		expect(new Set(outputs.map((output) => output.score)).size).toBe(1);
	});

	it('rejects a truncated DICOM and a non-DICOM file with clear messages and keeps serving', async () => {
		const good = (cases[NEGATIVE] as WrittenCase).images[0] as string;
		const truncated = join(directory, 'truncated.dcm');
		await writeFile(truncated, (await readFile(good)).subarray(0, 300_000));
		const notDicom = join(directory, 'truth.csv');
		await writeFile(notDicom, 'case_id,truth\nC001,1\n'.repeat(20));
		const results = await Promise.allSettled([
			pool.run(task(POSITIVE, { images: [truncated] })),
			pool.run(task(NEGATIVE)),
			pool.run(task(POSITIVE, { images: [good, notDicom] })),
			pool.run(task(POSITIVE))
		]);
		expect(results.map((result) => result.status)).toEqual([
			'rejected',
			'fulfilled',
			'rejected',
			'fulfilled'
		]);
		const reason = (index: number): string =>
			((results[index] as PromiseRejectedResult).reason as Error).message;
		expect(reason(0)).toMatch(/^image 1 of 1 \(.*truncated\.dcm\): .*truncated/);
		expect(reason(2)).toMatch(
			/^image 2 of 2 \(.*truth\.csv\): not a DICOM Part-10 file \(no "DICM" at byte 128\)/
		);
		const after = await pool.run(task(NEGATIVE));
		expect(after.outputSha256).toBe(
			(results[1] as PromiseFulfilledResult<{ outputSha256: string }>).value.outputSha256
		);
		expect(pool.stats()).toMatchObject({ threads: 2, queued: 0 });
		expect(pool.stats().failed ?? 0).toBeGreaterThanOrEqual(2);
	});

	it('refuses a model whose SHA-256 does not match, and a malformed task', async () => {
		const wrong = '0'.repeat(64);
		await expect(pool.run(task(POSITIVE, { modelSha256: wrong }))).rejects.toThrow(
			new RegExp(`has SHA-256 ${modelSha256}, not the registered ${wrong}: refusing to run it`)
		);
		await expect(pool.run(task(POSITIVE, { modelSha256: 'ABC' }))).rejects.toThrow(
			/modelSha256 must be 64 lower-case hex/
		);
		await expect(pool.run(task(POSITIVE, { images: [] }))).rejects.toThrow(
			'the case has no images'
		);
		await expect(
			pool.run(task(POSITIVE, { manifest: { ...manifest, threshold: 7 } }))
		).rejects.toThrow(/threshold: must be between 0 and 1/);
		await expect(
			pool.run(
				task(POSITIVE, {
					manifest: { ...manifest, outputs: { score: 'probability', heatmap: 'heatmap' } }
				})
			)
		).rejects.toThrow('the model has no output "probability" (outputs: score, heatmap)');
	});

	it('shares one lazily created pool per process', async () => {
		const shared = getInferencePool();
		expect(getInferencePool()).toBe(shared);
		await shared.close();
		expect(getInferencePool()).not.toBe(shared);
		await getInferencePool().close();
	});
});

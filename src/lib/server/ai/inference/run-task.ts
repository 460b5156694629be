// One inference task, start to end, in the calling thread: check the task, load the verified
// session, read and preprocess the case's DICOM files, run the model on each input plane, and
// summarise. The pool's worker calls this; the benchmark calls it in-process for comparison.
// Every failure is an Error whose message says what went wrong (and for an image, which one).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { peakRegion, peakRegions, regionToImageBox, type HeatmapPlane } from './candidate-box';
import { readImages } from './dicom-pixels';
import type { ModelManifest } from './manifest';
import { modelSession } from './model-session';
import { modelInputs, preprocessImage } from './preprocess';
import { checkTask } from './task-check';
import { storedImageReader } from './stored-images';
import { perturbPixels, type Perturbation } from '../../../imaging/perturbation';
import type { StoredPixels } from './dicom-pixels';
import type { InferenceOutput, InferenceTask } from './types';
import type { AiBox } from '../../../domain/ai-output';

export interface PreparedCase {
	/** Each image's size, in task order. */
	images: Array<{ rows: number; columns: number }>;
	/** The preprocessed image planes, in task order. */
	planes: Float32Array[];
	/** What the model runs on: the planes ('each') or their projection ('max-intensity'). */
	inputs: Float32Array[];
}

export interface ModelRun {
	score: number;
	scoreBytes: Float32Array;
	heatmap?: HeatmapPlane;
}

const messageOf = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/**
 * The decoded image with its stored values perturbed (robustness check); the Modality LUT kept.
 * A contrast change turns about the model's window centre (in stored units), so it acts as a
 * change of the window's width rather than a shift of every tissue's level.
 */
function perturbed(
	pixels: StoredPixels,
	perturbation: Perturbation,
	image: number,
	manifest: ModelManifest
): StoredPixels {
	const seed = (perturbation.seed + image) | 0;
	const pivot =
		(manifest.input.window.center - pixels.rescaleIntercept) / (pixels.rescaleSlope || 1);
	return { ...pixels, values: perturbPixels(pixels, { ...perturbation, seed, pivot }) };
}

/** Reads, decodes and preprocesses every image of the case (each frame of a multi-frame file is
 * one image, in place: see dicom-pixels.ts), perturbing each first when a perturbation is given. */
export async function prepareCase(
	imagePaths: readonly string[],
	manifest: ModelManifest,
	perturbation?: Perturbation,
	readImage: (index: number) => Promise<Uint8Array> = (index) => readFile(imagePaths[index]!)
): Promise<PreparedCase> {
	const images: PreparedCase['images'] = [];
	const planes: Float32Array[] = [];
	for (const [index, path] of imagePaths.entries()) {
		try {
			for (const decoded of await readImages(await readImage(index))) {
				const pixels = perturbation
					? perturbed(decoded, perturbation, planes.length, manifest)
					: decoded;
				images.push({ rows: pixels.rows, columns: pixels.columns });
				planes.push(preprocessImage(pixels, manifest.input));
			}
		} catch (error) {
			throw new Error(`image ${index + 1} of ${imagePaths.length} (${path}): ${messageOf(error)}`);
		}
	}
	return { images, planes, inputs: modelInputs(planes, manifest.input) };
}

function checkNames(session: ort.InferenceSession, manifest: ModelManifest): string[] {
	if (!session.inputNames.includes(manifest.input.name)) {
		throw new Error(
			`the model has no input "${manifest.input.name}" (inputs: ${session.inputNames.join(', ')})`
		);
	}
	const wanted = [
		manifest.outputs.score,
		...(manifest.outputs.heatmap ? [manifest.outputs.heatmap] : [])
	];
	for (const name of wanted) {
		if (!session.outputNames.includes(name)) {
			throw new Error(
				`the model has no output "${name}" (outputs: ${session.outputNames.join(', ')})`
			);
		}
	}
	return wanted;
}

function readRun(result: ort.InferenceSession.OnnxValueMapType, manifest: ModelManifest): ModelRun {
	const scoreTensor = result[manifest.outputs.score] as ort.Tensor;
	if (scoreTensor.type !== 'float32' || scoreTensor.size !== 1) {
		throw new Error(
			`output "${manifest.outputs.score}" must hold one float32 value, got ${scoreTensor.size} ${scoreTensor.type}`
		);
	}
	const scoreBytes = Float32Array.from(scoreTensor.data as Float32Array);
	const score = scoreBytes[0] as number;
	if (!(score >= 0 && score <= 1)) throw new Error(`the model's score ${score} is not within 0…1`);
	if (!manifest.outputs.heatmap) return { score, scoreBytes };
	const heatTensor = result[manifest.outputs.heatmap] as ort.Tensor;
	const [height, width] = heatTensor.dims.slice(-2) as [number, number];
	if (
		heatTensor.type !== 'float32' ||
		heatTensor.dims.length < 2 ||
		heatTensor.size !== height * width
	) {
		throw new Error(
			`output "${manifest.outputs.heatmap}" must be one float32 plane, got dims [${heatTensor.dims.join(', ')}]`
		);
	}
	return {
		score,
		scoreBytes,
		heatmap: { width, height, data: Float32Array.from(heatTensor.data as Float32Array) }
	};
}

/** Runs the model once per input plane; returns the runs and the time spent in session.run. */
export async function runModel(
	session: ort.InferenceSession,
	manifest: ModelManifest,
	inputs: readonly Float32Array[]
): Promise<{ runs: ModelRun[]; latencyMs: number }> {
	const fetches = checkNames(session, manifest);
	const { name, height, width } = manifest.input;
	const runs: ModelRun[] = [];
	let latencyMs = 0;
	for (const plane of inputs) {
		const feeds = { [name]: new ort.Tensor('float32', plane, [1, 1, height, width]) };
		const started = performance.now();
		let result: ort.InferenceSession.OnnxValueMapType;
		try {
			result = await session.run(feeds, fetches);
		} catch (error) {
			throw new Error(`the model failed to run (${messageOf(error)})`);
		}
		latencyMs += performance.now() - started;
		runs.push(readRun(result, manifest));
	}
	return { runs, latencyMs };
}

function hashOf(arrays: Iterable<Float32Array>): string {
	const hash = createHash('sha256');
	for (const array of arrays)
		hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
	return hash.digest('hex');
}

/** The 1-based image a candidate at heatmap pixel `peakIndex` belongs to. */
function candidateImage(
	prepared: PreparedCase,
	manifest: ModelManifest,
	best: number,
	peak: number,
	heat: HeatmapPlane
): number {
	if (manifest.input.slices === 'each' || prepared.planes.length === 1) return best + 1;
	// A projection: the image whose plane holds the maximum at the peak (scaled to input pixels).
	const x = Math.min(
		manifest.input.width - 1,
		Math.floor(((peak % heat.width) * manifest.input.width) / heat.width)
	);
	const y = Math.min(
		manifest.input.height - 1,
		Math.floor((Math.floor(peak / heat.width) * manifest.input.height) / heat.height)
	);
	let image = 0;
	prepared.planes.forEach((plane, index) => {
		const at = y * manifest.input.width + x;
		if ((plane[at] as number) > (prepared.planes[image]?.[at] as number)) image = index;
	});
	return image + 1;
}

/** Case score, heatmap, box and hashes from the model runs. */
export function summarise(
	prepared: PreparedCase,
	manifest: ModelManifest,
	runs: readonly ModelRun[]
): Pick<
	InferenceOutput,
	'score' | 'imageScores' | 'heatmap' | 'boxes' | 'inputSha256' | 'outputSha256'
> {
	let best = 0;
	runs.forEach((run, index) => {
		if (run.score > (runs[best] as ModelRun).score) best = index;
	});
	const chosen = runs[best] as ModelRun;
	const summary: ReturnType<typeof summarise> = {
		score: chosen.score,
		imageScores: runs.map((run) => run.score),
		inputSha256: hashOf(prepared.inputs),
		outputSha256: hashOf(
			runs.flatMap((run) => (run.heatmap ? [run.scoreBytes, run.heatmap.data] : [run.scoreBytes]))
		)
	};
	const heat = chosen.heatmap;
	if (!heat) return summary;
	const region = peakRegion(heat);
	const image = region
		? candidateImage(prepared, manifest, best, region.peakIndex, heat)
		: best + 1;
	summary.heatmap = {
		width: heat.width,
		height: heat.height,
		data: Array.from(heat.data, (value) => Math.round(value * 10_000) / 10_000),
		image
	};
	if (manifest.task === 'detection' && region) {
		const box = regionToImageBox(
			region,
			heat,
			prepared.images[image - 1] as PreparedCase['images'][number]
		);
		summary.boxes = [{ image, ...box, score: chosen.score }];
		if (manifest.candidates) {
			summary.boxes.push(...moreCandidates(prepared, manifest, runs, { image, region }));
			summary.boxes.sort((a, b) => b.score - a.score || a.image - b.image);
		}
	}
	return summary;
}

/** The manifest's further candidates (at or above the threshold, perImage per image) besides the top one. */
function moreCandidates(
	prepared: PreparedCase,
	manifest: ModelManifest,
	runs: readonly ModelRun[],
	top: { image: number; region: { peakIndex: number } }
): AiBox[] {
	const perImage = manifest.candidates?.perImage ?? 1;
	const counts = new Map([[top.image, 1]]);
	const boxes: AiBox[] = [];
	runs.forEach((run, index) => {
		const heat = run.heatmap;
		if (!heat) return;
		for (const region of peakRegions(heat, { limit: perImage, minimum: manifest.threshold })) {
			const image = candidateImage(prepared, manifest, index, region.peakIndex, heat);
			if (image === top.image && region.peakIndex === top.region.peakIndex) continue;
			if ((counts.get(image) ?? 0) >= perImage) continue;
			counts.set(image, (counts.get(image) ?? 0) + 1);
			const size = prepared.images[image - 1] as PreparedCase['images'][number];
			boxes.push({
				image,
				...regionToImageBox(region, heat, size),
				score: heat.data[region.peakIndex] as number
			});
		}
	});
	return boxes;
}

/** The whole task in this thread. */
export async function runInferenceTask(task: InferenceTask): Promise<InferenceOutput> {
	let memoryPeakBytes = process.memoryUsage.rss();
	const sample = (): void => {
		memoryPeakBytes = Math.max(memoryPeakBytes, process.memoryUsage.rss());
	};
	const manifest = checkTask(task);
	const session = await modelSession(task.modelPath, task.modelSha256);
	const started = performance.now();
	const prepared = await prepareCase(
		task.images,
		manifest,
		task.perturbation,
		task.stored ? storedImageReader(task.stored) : undefined
	);
	const preprocessMs = performance.now() - started;
	sample();
	const { runs, latencyMs } = await runModel(session, manifest, prepared.inputs);
	sample();
	const round = (ms: number): number => Math.round(ms * 1000) / 1000;
	return {
		...summarise(prepared, manifest, runs),
		latencyMs: round(latencyMs),
		preprocessMs: round(preprocessMs),
		memoryPeakBytes
	};
}

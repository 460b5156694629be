// What the two demo detectors (the CT demo's, scripts/demo/model, and the mammography demo's,
// scripts/demo/mammography/model) share: the calibration arithmetic (a logistic fit of truth on
// each case's highest evidence, Youden's threshold, rounded to 4 significant digits because
// onnxruntime's Conv may differ in its last bits between CPUs), the probe session, the manifest's
// common part, and the build command (`--calibrate` refits, then the model and manifest are
// written). Each detector keeps its own design, graph and evidence.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import type { ModelManifest } from '../../../src/lib/server/ai/inference/manifest';
import { empiricalAuc } from '../../../src/lib/stats/fom/empirical-auc';
import { HEATMAP_OUTPUT, SCORE_OUTPUT } from './demo-model-graph';

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, '\t')}\n`;

export async function readJson<T>(path: string): Promise<T> {
	return JSON.parse(await readFile(path, 'utf8')) as T;
}

export function significant(value: number, digits: number): number {
	return Number(value.toPrecision(digits));
}

/** Maximum logistic-likelihood (a, b) for P(truth = 1) = sigmoid(a·x + b), by Newton–Raphson. */
export function logisticFit(
	x: readonly number[],
	truth: readonly number[]
): { slope: number; intercept: number } {
	let slope = 0;
	let intercept = 0;
	for (let iteration = 0; iteration < 100; iteration += 1) {
		let gradientA = 0,
			gradientB = 0,
			hAA = 0,
			hAB = 0,
			hBB = 0;
		x.forEach((value, index) => {
			const p = 1 / (1 + Math.exp(-(slope * value + intercept)));
			const residual = (truth[index] as number) - p;
			const weight = p * (1 - p);
			gradientA += residual * value;
			gradientB += residual;
			hAA += weight * value * value;
			hAB += weight * value;
			hBB += weight;
		});
		const determinant = hAA * hBB - hAB * hAB;
		const stepA = (hBB * gradientA - hAB * gradientB) / determinant;
		const stepB = (hAA * gradientB - hAB * gradientA) / determinant;
		slope += stepA;
		intercept += stepB;
		if (Math.abs(stepA) < 1e-12 && Math.abs(stepB) < 1e-12) break;
	}
	return { slope, intercept };
}

/** Sensitivity and specificity of "score ≥ threshold". */
export function operatingPoint(
	scores: readonly number[],
	truth: readonly number[],
	threshold: number
) {
	let tp = 0,
		fn = 0,
		tn = 0,
		fp = 0;
	scores.forEach((score, index) => {
		const called = score >= threshold;
		if (truth[index] === 1) {
			if (called) tp += 1;
			else fn += 1;
		} else if (called) fp += 1;
		else tn += 1;
	});
	return { sensitivity: tp / (tp + fn), specificity: tn / (tn + fp), tp, fn, tn, fp };
}

/** The cut halfway between two adjacent distinct scores that maximises Youden's J (the lowest on ties). */
export function youdenThreshold(scores: readonly number[], truth: readonly number[]): number {
	const distinct = [...new Set(scores)].sort((a, b) => a - b);
	let best = { j: -Infinity, threshold: 0 };
	distinct.forEach((score, index) => {
		const threshold = index === 0 ? score : ((distinct[index - 1] as number) + score) / 2;
		const { sensitivity, specificity } = operatingPoint(scores, truth, threshold);
		if (sensitivity + specificity - 1 > best.j)
			best = { j: sensitivity + specificity - 1, threshold };
	});
	return best.threshold;
}

/** Where the calibration cases came from (calibration.json's `calibrationSet`). */
export interface CalibrationSet {
	generator: string;
	seed: number;
	cases: number;
	positives: number;
	images: number;
}

/** heatmap = sigmoid(heatGain × evidence + heatOffset), thresholded at `threshold`. */
export interface HeatCalibration {
	heatGain: number;
	heatOffset: number;
	/** The score that maximises Youden's J (sensitivity + specificity − 1) on the calibration set. */
	threshold: number;
	/** How the calibrated model does on its own calibration set (in-sample, for orientation only). */
	calibrationFit: { auc: number; sensitivity: number; specificity: number };
}

/** The heatmap's affine map and threshold from each calibration case's highest evidence. */
export function fitHeat(evidence: readonly number[], truth: readonly number[]): HeatCalibration {
	const fit = logisticFit(evidence, truth);
	const heatGain = significant(fit.slope, 4);
	const heatOffset = significant(fit.intercept, 4);
	const scores = evidence.map((value) => 1 / (1 + Math.exp(-(heatGain * value + heatOffset))));
	const threshold = significant(youdenThreshold(scores, truth), 4);
	const { sensitivity, specificity } = operatingPoint(scores, truth, threshold);
	const auc = empiricalAuc(Float64Array.from(scores), Uint8Array.from(truth));
	return {
		heatGain,
		heatOffset,
		threshold,
		calibrationFit: {
			auc: significant(auc, 4),
			sensitivity: significant(sensitivity, 4),
			specificity: significant(specificity, 4)
		}
	};
}

/** A session for a probe build of a detector: one thread, so calibration repeats. */
export function probeSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
	return ort.InferenceSession.create(bytes, {
		intraOpNumThreads: 1,
		interOpNumThreads: 1,
		executionMode: 'sequential'
	});
}

/** A demo detector's manifest: a score and a heatmap, marked as a demo. */
export function detectorManifest(spec: {
	name: string;
	version: string;
	description: string;
	input: ModelManifest['input'];
	threshold: number;
	candidates?: ModelManifest['candidates'];
}): ModelManifest {
	return {
		name: spec.name,
		version: spec.version,
		description: spec.description,
		task: 'detection',
		input: spec.input,
		outputs: { score: SCORE_OUTPUT, heatmap: HEATMAP_OUTPUT },
		threshold: spec.threshold,
		...(spec.candidates ? { candidates: spec.candidates } : {}),
		demo: true
	};
}

export interface DetectorBuild<C> {
	/** Prefix of the command's messages, e.g. "demo model". */
	label: string;
	calibrationFile: string;
	modelDir: string;
	modelFile: string;
	manifestFile: string;
	calibrate: () => Promise<C>;
	artifacts: (calibration: C) => { model: Uint8Array; manifest: ModelManifest };
}

/** The build command: `--calibrate` refits calibration.json first; then the model and manifest are written. */
export async function buildDetector<C>(build: DetectorBuild<C>): Promise<void> {
	const { values } = parseArgs({
		options: { calibrate: { type: 'boolean', default: false } },
		strict: true
	});
	if (values.calibrate) {
		const started = performance.now();
		await writeFile(build.calibrationFile, jsonText(await build.calibrate()));
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		process.stderr.write(`${build.label}: calibrated in ${seconds} s\n`);
	}
	const { model, manifest } = build.artifacts(await readJson<C>(build.calibrationFile));
	await mkdir(build.modelDir, { recursive: true });
	await writeFile(build.modelFile, model);
	await writeFile(build.manifestFile, jsonText(manifest));
	process.stderr.write(
		`${build.label}: wrote ${build.modelFile} (${model.length} bytes) and ${build.manifestFile}\n`
	);
}

/** Runs `main` when `moduleUrl` is the script node was started with, reporting a failure. */
export function runIfMain(moduleUrl: string, label: string, main: () => Promise<void>): void {
	if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
	main().catch((error: unknown) => {
		process.stderr.write(`${label}: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}

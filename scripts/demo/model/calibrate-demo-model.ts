// Calibrates the demo detector on an independent synthetic set (seed 1 by default):
//   1. each matched filter's response mean and sd on lesion-free, allowed tissue of the negative
//      cases (every 2nd pixel in each direction), so filter k outputs a z-score;
//   2. heatGain/heatOffset: a logistic regression of truth on the case's maximum gated evidence
//      (Newton–Raphson), so the score reads as a probability on data like the calibration set;
//   3. threshold: the score cut that maximises Youden's J on the calibration set.
// The statistics of step 1 are plain double arithmetic on the preprocessed planes (the masks
// come from exact onnxruntime ops: Clip, MaxPool, Max). Steps 2–3 use onnxruntime's Conv, whose
// last bits may differ between CPUs, so their constants are rounded to 4 significant digits.
import * as ort from 'onnxruntime-node';
import { empiricalAuc } from '../../../src/lib/stats/fom/empirical-auc';
import { buildDemoModel } from './demo-model-graph';
import {
	CALIBRATION_SEED,
	DEMO_DESIGN,
	DEMO_INPUT,
	graphParameters,
	type DemoCalibration
} from './demo-design';
import { lesionTemplate, stackTemplates } from './lesion-templates';
import { syntheticSet, type SyntheticCase } from './synthetic-set';

const SAMPLE_STRIDE = 2;

export function significant(value: number, digits: number): number {
	return Number(value.toPrecision(digits));
}

async function probeSession(
	parameters: Parameters<typeof buildDemoModel>[1]
): Promise<ort.InferenceSession> {
	const bytes = buildDemoModel(DEMO_DESIGN, parameters, { probe: true });
	return ort.InferenceSession.create(bytes, {
		intraOpNumThreads: 1,
		interOpNumThreads: 1,
		executionMode: 'sequential'
	});
}

async function probe(session: ort.InferenceSession, plane: Float32Array) {
	const side = DEMO_DESIGN.inputSize;
	const result = await session.run({
		[DEMO_INPUT.name]: new ort.Tensor('float32', plane, [1, 1, side, side])
	});
	return {
		allowed: (result.allowed as ort.Tensor).data as Float32Array,
		evidence: (result.gated_evidence as ort.Tensor).data as Float32Array
	};
}

/** Step 1: mean and sd of each zero-mean template's response on negative, allowed tissue. */
async function responseStatistics(cases: readonly SyntheticCase[]) {
	const templates = DEMO_DESIGN.lesionDiametersMm.map((d) =>
		lesionTemplate(d, DEMO_DESIGN.surroundFactor, DEMO_DESIGN.inputSize)
	);
	const { size, weights } = stackTemplates(templates);
	const count = templates.length;
	const unit = {
		responseMean: Array(count).fill(0),
		responseSd: Array(count).fill(1),
		heatGain: 1,
		heatOffset: 0
	};
	const session = await probeSession(graphParameters(unit));
	const side = DEMO_DESIGN.inputSize;
	const half = (size - 1) / 2;
	const sums = new Float64Array(count);
	const squares = new Float64Array(count);
	let samples = 0;
	for (const plane of cases.filter((item) => item.truth === 0).flatMap((item) => item.planes)) {
		const { allowed } = await probe(session, plane);
		for (let y = half; y < side - half; y += SAMPLE_STRIDE) {
			for (let x = half; x < side - half; x += SAMPLE_STRIDE) {
				if ((allowed[y * side + x] as number) < 1) continue;
				samples += 1;
				for (let channel = 0; channel < count; channel += 1) {
					let response = 0;
					for (let row = 0; row < size; row += 1) {
						const source = (y - half + row) * side + x - half;
						const kernel = channel * size * size + row * size;
						for (let column = 0; column < size; column += 1) {
							response += (weights[kernel + column] as number) * (plane[source + column] as number);
						}
					}
					sums[channel] = (sums[channel] as number) + response;
					squares[channel] = (squares[channel] as number) + response * response;
				}
			}
		}
	}
	const responseMean = Array.from(sums, (sum) => sum / samples);
	const responseSd = Array.from(squares, (square, channel) =>
		Math.sqrt(square / samples - (responseMean[channel] as number) ** 2)
	);
	return {
		responseMean: responseMean.map((v) => significant(v, 6)),
		responseSd: responseSd.map((v) => significant(v, 6))
	};
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

/** The case maximum of the gated evidence (over pixels and, for a stack, slices). */
async function caseEvidence(
	cases: readonly SyntheticCase[],
	statistics: { responseMean: number[]; responseSd: number[] }
) {
	const session = await probeSession(
		graphParameters({ ...statistics, heatGain: 1, heatOffset: 0 })
	);
	const evidence: number[] = [];
	for (const item of cases) {
		let maximum = 0;
		for (const plane of item.planes) {
			for (const value of (await probe(session, plane)).evidence)
				if (value > maximum) maximum = value;
		}
		evidence.push(maximum);
	}
	return evidence;
}

export async function calibrateDemoModel(seed = CALIBRATION_SEED): Promise<DemoCalibration> {
	const cases = syntheticSet(seed, DEMO_INPUT);
	const truth = cases.map((item) => item.truth);
	const statistics = await responseStatistics(cases);
	const evidence = await caseEvidence(cases, statistics);
	const fit = logisticFit(evidence, truth);
	const heatGain = significant(fit.slope, 4);
	const heatOffset = significant(fit.intercept, 4);
	const scores = evidence.map((value) => 1 / (1 + Math.exp(-(heatGain * value + heatOffset))));
	const threshold = significant(youdenThreshold(scores, truth), 4);
	const { sensitivity, specificity } = operatingPoint(scores, truth, threshold);
	const auc = empiricalAuc(Float64Array.from(scores), Uint8Array.from(truth));
	return {
		calibrationSet: {
			generator: 'scripts/demo/model/synthetic-set.ts (demo planner and renderer, in memory)',
			seed,
			cases: cases.length,
			positives: truth.filter((value) => value === 1).length,
			images: cases.reduce((sum, item) => sum + item.planes.length, 0)
		},
		...statistics,
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

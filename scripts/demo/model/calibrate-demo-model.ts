// Calibrates the demo detector (or its 1.1.0 variant, another design) on an independent synthetic set (seed 1 by default):
//   1. each matched filter's response mean and sd on lesion-free, allowed tissue of the negative
//      cases (every 2nd pixel in each direction), so filter k outputs a z-score;
//   2. heatGain/heatOffset: a logistic regression of truth on the case's maximum gated evidence
//      (Newton–Raphson), so the score reads as a probability on data like the calibration set;
//   3. threshold: the score cut that maximises Youden's J on the calibration set.
// The statistics of step 1 are plain double arithmetic on the preprocessed planes (the masks
// come from exact onnxruntime ops: Clip, MaxPool, Max). Steps 2–3 use onnxruntime's Conv, whose
// last bits may differ between CPUs, so their constants are rounded to 4 significant digits.
import * as ort from 'onnxruntime-node';
import { fitHeat, probeSession as detectorProbeSession, significant } from './demo-detector-kit';
import { buildDemoModel, type DemoDesign } from './demo-model-graph';
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

async function probeSession(
	parameters: Parameters<typeof buildDemoModel>[1],
	design: DemoDesign
): Promise<ort.InferenceSession> {
	return detectorProbeSession(buildDemoModel(design, parameters, { probe: true }));
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
async function responseStatistics(cases: readonly SyntheticCase[], design: DemoDesign) {
	const templates = design.lesionDiametersMm.map((d) =>
		lesionTemplate(d, design.surroundFactor, design.inputSize)
	);
	const { size, weights } = stackTemplates(templates);
	const count = templates.length;
	const unit = {
		responseMean: Array(count).fill(0),
		responseSd: Array(count).fill(1),
		heatGain: 1,
		heatOffset: 0
	};
	const session = await probeSession(graphParameters(unit, design), design);
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

/** The case maximum of the gated evidence (over pixels and, for a stack, slices). */
async function caseEvidence(
	cases: readonly SyntheticCase[],
	statistics: { responseMean: number[]; responseSd: number[] },
	design: DemoDesign
) {
	const session = await probeSession(
		graphParameters({ ...statistics, heatGain: 1, heatOffset: 0 }, design),
		design
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

/** Calibrates a design of the detector (1.0.0's by default; 1.1.0's is VARIANT_DESIGN). */
export async function calibrateDemoModel(
	seed = CALIBRATION_SEED,
	design: DemoDesign = DEMO_DESIGN
): Promise<DemoCalibration> {
	const cases = syntheticSet(seed, DEMO_INPUT);
	const truth = cases.map((item) => item.truth);
	const statistics = await responseStatistics(cases, design);
	const evidence = await caseEvidence(cases, statistics, design);
	return {
		calibrationSet: {
			generator: 'scripts/demo/model/synthetic-set.ts (demo planner and renderer, in memory)',
			seed,
			cases: cases.length,
			positives: truth.filter((value) => value === 1).length,
			images: cases.reduce((sum, item) => sum + item.planes.length, 0)
		},
		...statistics,
		...fitHeat(evidence, truth)
	};
}

// Calibrates the mammography demo detector on an independent synthetic set: the generator's own
// planner and renderer run in memory with seed CALIBRATION_SEED (never the demo study's), every
// view preprocessed by the worker's own function as the lossless files would decode. Fitted:
// heatGain/heatOffset (logistic regression of truth on the case's highest evidence) and the
// threshold (Youden's J), rounded to 4 significant digits as the CT demo's.
import * as ort from 'onnxruntime-node';
import { preprocessImage } from '../../../../src/lib/server/ai/inference/preprocess';
import { empiricalAuc } from '../../../../src/lib/stats/fom/empirical-auc';
import {
	logisticFit,
	operatingPoint,
	significant,
	youdenThreshold
} from '../../model/calibrate-demo-model';
import { COLUMNS, planMammoStudy, ROWS, VIEWS, type MammoCasePlan } from '../mammo-plan';
import { renderView } from '../render-view';
import {
	CALIBRATION_CASES,
	CALIBRATION_SEED,
	MAMMO_DESIGN,
	MAMMO_INPUT,
	type MammoCalibration
} from './mammo-detector-design';
import { buildMammoDetector } from './mammo-detector-graph';

/** The preprocessed input plane of one view, as the worker makes it from the stored pixels. */
export function viewPlane(plan: MammoCasePlan, viewIndex: number): Float32Array {
	const view = VIEWS[viewIndex]!;
	const pixels = {
		rows: ROWS,
		columns: COLUMNS,
		values: Int32Array.from(renderView(plan, view.name, viewIndex)),
		rescaleSlope: 1,
		rescaleIntercept: 0
	};
	return preprocessImage(pixels, MAMMO_INPUT);
}

/** The highest evidence (before the sigmoid) over the four views of each case. */
export async function caseEvidence(
	plans: readonly MammoCasePlan[],
	onCase: (done: number) => void = () => {}
): Promise<number[]> {
	const bytes = buildMammoDetector(
		MAMMO_DESIGN,
		MAMMO_INPUT,
		{ heatGain: 1, heatOffset: 0 },
		{ probe: true }
	);
	const session = await ort.InferenceSession.create(bytes, {
		intraOpNumThreads: 1,
		interOpNumThreads: 1,
		executionMode: 'sequential'
	});
	const evidence: number[] = [];
	for (const plan of plans) {
		let maximum = 0;
		for (let view = 0; view < VIEWS.length; view += 1) {
			const feeds = {
				[MAMMO_INPUT.name]: new ort.Tensor('float32', viewPlane(plan, view), [
					1,
					1,
					MAMMO_INPUT.height,
					MAMMO_INPUT.width
				])
			};
			const result = await session.run(feeds, ['evidence']);
			for (const value of (result.evidence as ort.Tensor).data as Float32Array)
				if (value > maximum) maximum = value;
		}
		evidence.push(maximum);
		onCase(evidence.length);
	}
	return evidence;
}

export async function calibrateMammoDetector(
	onCase?: (done: number) => void
): Promise<MammoCalibration> {
	const plans = planMammoStudy(CALIBRATION_SEED, CALIBRATION_CASES);
	const truth = plans.map((plan) => (plan.lesions.length > 0 ? 1 : 0));
	const evidence = await caseEvidence(plans, onCase);
	const fit = logisticFit(evidence, truth);
	const heatGain = significant(fit.slope, 4);
	const heatOffset = significant(fit.intercept, 4);
	const scores = evidence.map((value) => 1 / (1 + Math.exp(-(heatGain * value + heatOffset))));
	const threshold = significant(youdenThreshold(scores, truth), 4);
	const { sensitivity, specificity } = operatingPoint(scores, truth, threshold);
	const auc = empiricalAuc(Float64Array.from(scores), Uint8Array.from(truth));
	return {
		calibrationSet: {
			generator:
				'scripts/demo/mammography (planMammoStudy and renderView, in memory, lossless as stored)',
			seed: CALIBRATION_SEED,
			cases: plans.length,
			positives: truth.filter((value) => value === 1).length,
			images: plans.length * VIEWS.length
		},
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

// Calibrates the mammography demo detector on an independent synthetic set: the generator's own
// planner and renderer run in memory with seed CALIBRATION_SEED (never the demo study's), every
// view preprocessed by the worker's own function as the lossless files would decode. Fitted:
//   1. per branch (calcifications, masses), the mean and sd of its highest value in each view of
//      the normal cases (6 significant digits), so both branches speak in the same units;
//   2. heatGain/heatOffset (logistic regression of truth on the case's highest evidence) and the
//      threshold (Youden's J), rounded to 4 significant digits as the CT demo's.
import * as ort from 'onnxruntime-node';
import { preprocessImage } from '../../../../src/lib/server/ai/inference/preprocess';
import { fitHeat, probeSession, significant } from '../../model/demo-detector-kit';
import { COLUMNS, planMammoStudy, ROWS, VIEWS, type MammoCasePlan } from '../mammo-plan';
import { renderView } from '../render-view';
import {
	CALIBRATION_CASES,
	CALIBRATION_SEED,
	MAMMO_DESIGN,
	MAMMO_INPUT,
	type MammoCalibration,
	type ViewMaximum
} from './mammo-detector-design';
import { buildMammoDetector, RAW_BRANCHES } from './mammo-detector-graph';

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

export interface ViewBranches {
	/** Each branch's highest value in the view (before standardisation). */
	calcifications: number;
	mass: number;
}

/** Each branch's highest value in each view of each case, from the probe build. */
export async function branchMaxima(
	plans: readonly MammoCasePlan[],
	onCase: (done: number) => void = () => {}
): Promise<ViewBranches[][]> {
	const bytes = buildMammoDetector(
		MAMMO_DESIGN,
		MAMMO_INPUT,
		{ viewMaxima: RAW_BRANCHES, heatGain: 1, heatOffset: 0 },
		{ probe: true }
	);
	const session = await probeSession(bytes);
	const highest = (tensor: ort.OnnxValue | undefined) =>
		((tensor as ort.Tensor).data as Float32Array).reduce((a, b) => (b > a ? b : a), 0);
	const cases: ViewBranches[][] = [];
	for (const plan of plans) {
		const views: ViewBranches[] = [];
		for (let view = 0; view < VIEWS.length; view += 1) {
			const feeds = {
				[MAMMO_INPUT.name]: new ort.Tensor('float32', viewPlane(plan, view), [
					1,
					1,
					MAMMO_INPUT.height,
					MAMMO_INPUT.width
				])
			};
			const result = await session.run(feeds, ['calcifications', 'mass']);
			views.push({
				calcifications: highest(result.calcifications),
				mass: highest(result.mass)
			});
		}
		cases.push(views);
		onCase(cases.length);
	}
	return cases;
}

function viewMaximum(values: readonly number[]): ViewMaximum {
	const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
	const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
	return { mean: significant(mean, 6), sd: significant(Math.sqrt(variance), 6) };
}

/** A case's evidence: the higher standardised branch over its views (as the graph computes it). */
export function caseEvidence(
	views: readonly ViewBranches[],
	viewMaxima: MammoCalibration['viewMaxima']
): number {
	const { calcifications, mass } = viewMaxima;
	return Math.max(
		...views.map((view) =>
			Math.max(
				(view.calcifications - calcifications.mean) / calcifications.sd,
				(view.mass - mass.mean) / mass.sd
			)
		)
	);
}

export async function calibrateMammoDetector(
	onCase?: (done: number) => void
): Promise<MammoCalibration> {
	const plans = planMammoStudy(CALIBRATION_SEED, CALIBRATION_CASES);
	const truth = plans.map((plan) => (plan.lesions.length > 0 ? 1 : 0));
	const maxima = await branchMaxima(plans, onCase);
	const normal = maxima.filter((_, index) => truth[index] === 0).flat();
	const viewMaxima = {
		calcifications: viewMaximum(normal.map((view) => view.calcifications)),
		mass: viewMaximum(normal.map((view) => view.mass))
	};
	const evidence = maxima.map((views) => caseEvidence(views, viewMaxima));
	return {
		calibrationSet: {
			generator:
				'scripts/demo/mammography (planMammoStudy and renderView, in memory, lossless as stored)',
			seed: CALIBRATION_SEED,
			cases: plans.length,
			positives: truth.filter((value) => value === 1).length,
			images: plans.length * VIEWS.length
		},
		viewMaxima,
		...fitHeat(evidence, truth)
	};
}

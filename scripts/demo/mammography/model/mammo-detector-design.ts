// The mammography demo detector's fixed design and manifest. Every number here comes from the
// generator's lesion and anatomy model (scripts/demo/mammography/render-view.ts, mammo-plan.ts),
// not from any case; calibration.json holds what was fitted on an independent synthetic set.
import type { ModelManifest } from '../../../../src/lib/server/ai/inference/manifest';
import { HEATMAP_OUTPUT, INPUT_NAME, SCORE_OUTPUT } from '../../model/demo-model-graph';

export const MODEL_NAME = 'demo-mammography-detector';
export const MODEL_VERSION = '1.0.0';
/** The calibration set's seed: never the demo study's own (MAMMO_SEED 20261124). */
export const CALIBRATION_SEED = 1;
export const CALIBRATION_CASES = 24;

/** 3328 × 4096 → 1664 × 2048 (2 × 2 area average, 0.14 mm), 12-bit range 0…4096 → 0…1. */
export const MAMMO_INPUT: ModelManifest['input'] = {
	name: INPUT_NAME,
	width: 1664,
	height: 2048,
	layout: 'NCHW',
	window: { center: 2048, width: 4096 },
	normalisation: { min: 0, max: 1 },
	slices: 'each'
};

export interface MammoDesign {
	/** Input pixel size, mm. */
	inputSpacingMm: number;
	/** Input pixels per analysis cell (the mass branch and the heatmap work on cells). */
	cell: number;
	/** Heatmap pixels are heatmapCells × heatmapCells cells. */
	heatmapCells: number;
	/** Calcification specks: how far (input px) the four directional neighbourhoods lie, and the level a speck must exceed them by. */
	speckReach: number;
	speckLevel: number;
	/** Cluster window, cells (odd), and the speck density that counts as one unit of evidence. */
	clusterCells: number;
	clusterUnit: number;
	/** Input level below which a cell is outside the breast, the ramp gain, and how far (cells) the detector keeps from it. */
	breastLevel: number;
	maskGain: number;
	skinMargin: number;
}

export const MAMMO_DESIGN: MammoDesign = {
	inputSpacingMm: 0.14,
	cell: 8, // 1.12 mm
	heatmapCells: 2, // 2.24 mm: a 128 × 104 heatmap
	// Specks are 0.12–0.3 mm in radius (1–2 input px); a speck stands above all four sides 2–3 px
	// away, whereas an edge (skin, pectoral muscle) has one side as bright as itself.
	speckReach: 3,
	speckLevel: 0.01, // 41 stored values: specks are 350–700 above their background
	clusterCells: 9, // 10 mm: the clusters are 3–7 mm in radius
	clusterUnit: 0.00005,
	breastLevel: 0.05, // the background is 60 of 4096 (0.015), the thinnest tissue at the skin ~0.1
	maskGain: 50,
	skinMargin: 3 // 3.4 mm: the skin line's own edge is no speck
};

/** What calibrate-mammo-detector.ts writes to calibration.json. */
export interface MammoCalibration {
	calibrationSet: {
		generator: string;
		seed: number;
		cases: number;
		positives: number;
		images: number;
	};
	/** heatmap = sigmoid(heatGain × evidence + heatOffset): a logistic fit of truth on the case maximum. */
	heatGain: number;
	heatOffset: number;
	/** The score that maximises Youden's J on the calibration set. */
	threshold: number;
	calibrationFit: { auc: number; sensitivity: number; specificity: number };
}

export function mammoManifest(calibration: Pick<MammoCalibration, 'threshold'>): ModelManifest {
	return {
		name: MODEL_NAME,
		version: MODEL_VERSION,
		description:
			'Demo detector for the synthetic mammograms, calibrated on an independent synthetic set; not a medical device. ' +
			'It finds calcification clusters (specks brighter than all four sides, counted over 10 mm) and is blind to ' +
			'masses hidden in glandular tissue. Calibrated and thresholded on synthetic cases of seed ' +
			`${CALIBRATION_SEED} (never the demo study’s cases). Each view is scored on its own; the case score is the ` +
			'highest. Works only on the synthetic demo mammograms.',
		task: 'detection',
		input: MAMMO_INPUT,
		outputs: { score: SCORE_OUTPUT, heatmap: HEATMAP_OUTPUT },
		threshold: calibration.threshold,
		candidates: { perImage: 3 },
		demo: true
	};
}

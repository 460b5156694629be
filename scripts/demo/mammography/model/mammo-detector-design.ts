// The mammography demo detector's fixed design and manifest. Every number here comes from the
// generator's lesion and anatomy model (scripts/demo/mammography/render-view.ts, mammo-plan.ts),
// not from any case; calibration.json holds what was fitted on an independent synthetic set.
import type { ModelManifest } from '../../../../src/lib/server/ai/inference/manifest';
import {
	detectorManifest,
	type CalibrationSet,
	type HeatCalibration
} from '../../model/demo-detector-kit';
import { INPUT_NAME } from '../../model/demo-model-graph';

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
	/**
	 * Masses, on the cell grid: per scale, the mean of a (2·centre + 1)² box against the brightest of
	 * eight (2·side + 1)² boxes `offset` cells away (at 0°, 45°, … 315°; diagonals at round(offset/√2)).
	 */
	massScales: MassScale[];
	/** Input level below which a cell is outside the breast, the ramp gain, and how far (cells) the detector keeps from it. */
	breastLevel: number;
	maskGain: number;
	skinMargin: number;
}

export interface MassScale {
	centre: number;
	offset: number;
	side: number;
}

/** A mass scale for a mass radius in cells: the centre box within it, the side boxes just beyond. */
export function massScale(radiusCells: number): MassScale {
	return {
		centre: Math.round(0.5 * radiusCells),
		offset: Math.round(1.3 * radiusCells),
		side: Math.round(0.3 * radiusCells)
	};
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
	// Masses are 4–10 mm in radius: 4, 6 and 8 cells (4.5, 6.7 and 9 mm).
	massScales: [4, 6, 8].map(massScale),
	breastLevel: 0.05, // the background is 60 of 4096 (0.015), the thinnest tissue at the skin ~0.1
	maskGain: 50,
	skinMargin: 4 // 4.5 mm: the skin line's own edge is no speck; lesions lie ≥ 6 mm inside it
};

/** The mean and sd over the normal calibration views of a branch's highest value in a view. */
export interface ViewMaximum {
	mean: number;
	sd: number;
}

/** What calibrate-mammo-detector.ts writes to calibration.json. */
export interface MammoCalibration extends HeatCalibration {
	calibrationSet: CalibrationSet;
	/**
	 * Each branch's evidence is (value − mean) / sd of its view maxima on normal views, so
	 * "as high as a normal view's highest" means the same in both; the evidence is the higher.
	 */
	viewMaxima: { calcifications: ViewMaximum; mass: ViewMaximum };
}

export function mammoManifest(calibration: Pick<MammoCalibration, 'threshold'>): ModelManifest {
	return detectorManifest({
		name: MODEL_NAME,
		version: MODEL_VERSION,
		description:
			'Demo detector for the synthetic mammograms, calibrated on an independent synthetic set; not a medical device. ' +
			'Two branches: calcification clusters (specks brighter than all four sides, counted over 10 mm) and masses ' +
			'(a 4.5–9 mm blob brighter than the brightest of eight boxes around it); masses in dense tissue are often missed. ' +
			`Calibrated and thresholded on synthetic cases of seed ${CALIBRATION_SEED} (never the demo study’s cases). ` +
			'Each view is scored on its own; the case score is the highest. Works only on the synthetic demo mammograms.',
		input: MAMMO_INPUT,
		threshold: calibration.threshold,
		candidates: { perImage: 3 }
	});
}

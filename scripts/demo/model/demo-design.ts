// The demo lesion detector's fixed design, its manifest, and how calibration constants become
// graph parameters. The numbers here come from the phantom generator's model (lesion sizes,
// anatomy, HU levels), not from any case; calibration.json holds what was fitted on the
// independent calibration set.
import type { ModelManifest } from '../../../src/lib/server/ai/inference/manifest';
import { detectorManifest, type CalibrationSet, type HeatCalibration } from './demo-detector-kit';
import type { DemoDesign, DemoGraphParameters } from './demo-model-graph';
import { INPUT_NAME } from './demo-model-graph';
import { lesionTemplate, stackTemplates } from './lesion-templates';

export const MODEL_NAME = 'demo-lesion-detector';
export const MODEL_VERSION = '1.0.0';
export const CALIBRATION_SEED = 1;

/** 512 → 128 (4 × 4 area average), soft-tissue window 40/400 → 0…1, each slice on its own. */
export const DEMO_INPUT: ModelManifest['input'] = {
	name: INPUT_NAME,
	width: 128,
	height: 128,
	layout: 'NCHW',
	window: { center: 40, width: 400 },
	normalisation: { min: 0, max: 1 },
	slices: 'each'
};

/** Normalised input value of a HU level in DEMO_INPUT's window. */
const level = (hu: number): number => (hu - (40 - 200)) / 400;

export const DEMO_DESIGN: DemoDesign = {
	inputSize: 128,
	lesionDiametersMm: [5, 8, 12, 18],
	surroundFactor: 2.5,
	boneLevel: level(220), // vertebra 550 HU and table 250 HU; no soft tissue or lesion gets there
	fatLevel: level(-60), // fat −100 HU and air; the darkest soft tissue is ~10 HU
	maskGain: 50, // the masks ramp from 0 to 1 over 0.02 (8 HU)
	// At 128 px a pixel is 2.7–3.0 mm. The aorta lies up to ~35 mm in front of the vertebra and
	// ~30 mm to its side: up 16 px (≈ 45 mm), 8 px (≈ 23 mm) each side beyond the bone, 4 px down.
	boneZone: { up: 16, down: 4, side: 8 },
	// As wide as the largest filter's half-width, so body-wall edges never reach a filter centre.
	fatZoneRadius: 10
};

/** What calibrate-demo-model.ts writes to calibration.json. */
export interface DemoCalibration extends HeatCalibration {
	calibrationSet: CalibrationSet;
	/** Per filter (DEMO_DESIGN.lesionDiametersMm order): response mean and sd on lesion-free allowed tissue. */
	responseMean: number[];
	responseSd: number[];
}

/**
 * Version 1.1.0, the update `tandem model compare` is shown on: the same detector without its
 * 5 mm filter (the one most excited by tissue texture), recalibrated on the same independent
 * seed-1 set — fewer false positives from noise, more small lesions missed.
 */
export const VARIANT_VERSION = '1.1.0';
export const VARIANT_DESIGN: DemoDesign = { ...DEMO_DESIGN, lesionDiametersMm: [8, 12, 18] };

/** The matched filters standardised with the calibration statistics. */
export function graphParameters(
	calibration: Pick<DemoCalibration, 'responseMean' | 'responseSd' | 'heatGain' | 'heatOffset'>,
	design: DemoDesign = DEMO_DESIGN
): DemoGraphParameters {
	const templates = design.lesionDiametersMm.map((diameter) =>
		lesionTemplate(diameter, design.surroundFactor, design.inputSize)
	);
	const { size, weights } = stackTemplates(templates);
	const area = size * size;
	const filters = templates.map((_, channel) => {
		const sd = calibration.responseSd[channel] as number;
		return Array.from(
			weights.subarray(channel * area, (channel + 1) * area),
			(weight) => weight / sd
		);
	});
	const filterBias = templates.map(
		(_, channel) =>
			-(calibration.responseMean[channel] as number) / (calibration.responseSd[channel] as number)
	);
	return {
		filterSize: size,
		filters,
		filterBias,
		heatGain: calibration.heatGain,
		heatOffset: calibration.heatOffset
	};
}

export function demoManifest(
	calibration: Pick<DemoCalibration, 'threshold'>,
	variant = false
): ModelManifest {
	const filters = variant
		? '8, 12 and 18 mm (1.1.0: the 5 mm filter of 1.0.0 removed)'
		: '5, 8, 12 and 18 mm';
	return detectorManifest({
		name: MODEL_NAME,
		version: variant ? VARIANT_VERSION : MODEL_VERSION,
		description:
			'Demo detector, matched filter, calibrated on an independent synthetic set; not a medical device. ' +
			`Matched filters for round lesions of ${filters} built from the demo phantom generator’s ` +
			'lesion model, standardised, calibrated and thresholded on synthetic cases of seed ' +
			`${CALIBRATION_SEED} (never the demo study’s cases); responses next to bone (where the ` +
			'phantom’s aorta lies) and near fat or air are suppressed. Works only on the synthetic demo phantoms.',
		input: DEMO_INPUT,
		threshold: calibration.threshold
	});
}

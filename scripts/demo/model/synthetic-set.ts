// An in-memory synthetic case set for calibrating the demo detector: the demo generator's own
// planning and rendering code run with another seed (never the demo study's 20261123, so the
// demo cases stay an independent test set — CAS-1). The stored pixel values are preprocessed by
// the very function the inference worker uses, as if read back from the DICOM files (same
// values, RescaleIntercept −1024), so calibration sees what the model will see.
import { DEFAULT_SEED, defaultGrid, planDemoStudy } from '../demo-plan';
import { renderCaseSlices } from '../render-case';
import { preprocessImage, type InputSpec } from '../../../src/lib/server/ai/inference/preprocess';

export interface SyntheticCase {
	caseId: string;
	vendor: string;
	truth: 0 | 1;
	/** Preprocessed planes, one per slice. */
	planes: Float32Array[];
	/** For a positive: size (mm), contrast (HU), 1-based centre slice, centre in input pixels. */
	lesion: { sizeMm: number; contrastHu: number; slice: number; x: number; y: number } | null;
}

/** Renders and preprocesses every case of the demo plan for `seed`. */
export function syntheticSet(seed: number, input: InputSpec): SyntheticCase[] {
	if (seed === DEFAULT_SEED) {
		throw new Error(`seed ${seed} is the demo study's own: calibrate on an independent seed`);
	}
	return planDemoStudy(seed).map((plan) => {
		const grid = defaultGrid(plan.vendor);
		const planes: Float32Array[] = [];
		for (const stored of renderCaseSlices(plan, grid)) {
			const pixels = {
				rows: grid.size,
				columns: grid.size,
				values: Int32Array.from(stored),
				rescaleSlope: 1,
				rescaleIntercept: -1024
			};
			planes.push(preprocessImage(pixels, input));
		}
		// Lesion centre: mm → 0-based source pixel → input pixel ((p + ½) × input / source − ½).
		const toInput = (mm: number, inputSize: number): number =>
			((mm / grid.spacingMm + (grid.size - 1) / 2 + 0.5) * inputSize) / grid.size - 0.5;
		const lesion = plan.lesion
			? {
					sizeMm: plan.lesion.sizeMm,
					contrastHu: plan.lesion.contrastHu,
					slice: plan.lesion.centreSlice,
					x: toInput(plan.lesion.centreXmm, input.width),
					y: toInput(plan.lesion.centreYmm, input.height)
				}
			: null;
		return { caseId: plan.caseId, vendor: plan.vendor.id, truth: lesion ? 1 : 0, planes, lesion };
	});
}

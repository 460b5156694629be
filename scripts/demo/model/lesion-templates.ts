// The demo detector's matched filters, computed from the phantom generator's own lesion model
// (scripts/demo/phantom.ts `addLesion`: a round soft-edged disc on its centre slice), not learned
// from any case. Each template is the lesion drawn on a fine 512-grid, box-averaged 4 × 4 exactly
// as the inference preprocessing does for 512 → 128, made zero-mean over a square surround (so
// the filter removes the local background: a centre–surround, difference-of-box-like filter) and
// scaled to unit L2 norm. A zero-mean, unit-norm template is the matched filter for a known blob
// in white noise after local-mean removal; the per-filter calibration then standardises it
// against the real (textured) background.
import { addLesion } from '../phantom';

/** Source pixel spacing the templates are drawn at: the 360 mm field of view over 512 pixels. */
export const TEMPLATE_SOURCE_SPACING_MM = 360 / 512;
/** The demo's 512-pixel images. */
const SOURCE_SIZE = 512;

export interface LesionTemplate {
	diameterMm: number;
	/** Odd side length, in model-input pixels. */
	size: number;
	/** size × size weights, row-major. */
	weights: Float64Array;
}

/** Side (odd, input pixels) of a template for a lesion of `diameterMm`: the lesion plus a ring as wide as its radius. */
export function templateSize(
	diameterMm: number,
	surroundFactor: number,
	inputSize: number
): number {
	const inputSpacing = (TEMPLATE_SOURCE_SPACING_MM * SOURCE_SIZE) / inputSize;
	const radius = diameterMm / 2 / inputSpacing;
	return 2 * Math.ceil(radius * surroundFactor) + 1;
}

/** The lesion profile (1 = full contrast) of a round lesion of `diameterMm`, size × size input pixels. */
export function lesionProfile(diameterMm: number, size: number, inputSize: number): Float64Array {
	const downsampling = SOURCE_SIZE / inputSize;
	if (!Number.isInteger(downsampling))
		throw new RangeError(`input size ${inputSize} does not divide ${SOURCE_SIZE}`);
	const fineSize = size * downsampling;
	const grid = { size: fineSize, spacingMm: TEMPLATE_SOURCE_SPACING_MM };
	const fine = new Float32Array(fineSize * fineSize);
	// Centred on the middle of the centre input pixel: pixelToMm((fineSize − 1) / 2) = 0 mm.
	addLesion(
		fine,
		grid,
		{
			centreXmm: 0,
			centreYmm: 0,
			sizeMm: diameterMm,
			contrastHu: 1,
			aspect: 1,
			axisX: 1,
			axisY: 0
		},
		0
	);
	const profile = new Float64Array(size * size);
	const area = downsampling * downsampling;
	for (let row = 0; row < fineSize; row += 1) {
		for (let column = 0; column < fineSize; column += 1) {
			const target = Math.floor(row / downsampling) * size + Math.floor(column / downsampling);
			profile[target] =
				(profile[target] as number) + (fine[row * fineSize + column] as number) / area;
		}
	}
	return profile;
}

/** Zero-mean, unit-norm matched filter for a round lesion of `diameterMm`. */
export function lesionTemplate(
	diameterMm: number,
	surroundFactor: number,
	inputSize: number
): LesionTemplate {
	const size = templateSize(diameterMm, surroundFactor, inputSize);
	const weights = lesionProfile(diameterMm, size, inputSize);
	let sum = 0;
	for (const weight of weights) sum += weight;
	const mean = sum / weights.length;
	let squares = 0;
	for (let index = 0; index < weights.length; index += 1) {
		const centred = (weights[index] as number) - mean;
		weights[index] = centred;
		squares += centred * centred;
	}
	const norm = Math.sqrt(squares);
	for (let index = 0; index < weights.length; index += 1)
		weights[index] = (weights[index] as number) / norm;
	return { diameterMm, size, weights };
}

/** Templates centred in a common odd `size` (zero outside each one's own support), K × size × size. */
export function stackTemplates(templates: readonly LesionTemplate[]): {
	size: number;
	weights: Float32Array;
} {
	const size = Math.max(...templates.map((template) => template.size));
	const weights = new Float32Array(templates.length * size * size);
	templates.forEach((template, channel) => {
		const offset = (size - template.size) / 2;
		for (let row = 0; row < template.size; row += 1) {
			for (let column = 0; column < template.size; column += 1) {
				const target = channel * size * size + (row + offset) * size + column + offset;
				weights[target] = template.weights[row * template.size + column] as number;
			}
		}
	});
	return { size, weights };
}

// From stored DICOM pixel values to the model's input tensor, as the manifest describes it:
//   1. HU = stored × RescaleSlope + RescaleIntercept (the Modality LUT);
//   2. window: t = (HU − (center − width/2)) / width, clamped to 0…1 — the plain linear window,
//      not DICOM's display formula with its ½-pixel offsets (PS3.3 C.11.2.1.2), since this is an
//      input transform, not a display;
//   3. normalise: value = min + t × (max − min);
//   4. resample to the input width × height by area averaging: every output pixel is the mean of
//      the source pixels under it, weighted by overlap (exact box averaging for 512 → 128; for a
//      non-integer ratio the edge pixels count in part). Windowing comes first, so a 550 HU bone
//      edge is clipped before it is averaged into its neighbours, as a reader sees it;
//   5. a case's images are kept apart ('each') or combined by their pixelwise maximum
//      ('max-intensity').
// All arithmetic is in doubles in a fixed order; the tensor is float32. Same input → same bytes.
import type { StoredPixels } from './dicom-pixels';
import type { ModelManifest } from './manifest';

export type InputSpec = ModelManifest['input'];

/** Source pixels and weights that make up one output pixel along one axis. */
interface AxisTap {
	first: number;
	weights: Float64Array;
}

/** Area-averaging taps for resampling `source` pixels to `target` pixels along one axis. */
export function areaTaps(source: number, target: number): AxisTap[] {
	const scale = source / target;
	return Array.from({ length: target }, (_, index) => {
		const low = index * scale;
		const high = (index + 1) * scale;
		const first = Math.min(source - 1, Math.floor(low));
		const last = Math.max(first, Math.min(source - 1, Math.ceil(high) - 1));
		const weights = new Float64Array(last - first + 1);
		for (let pixel = first; pixel <= last; pixel += 1) {
			const overlap = Math.min(high, pixel + 1) - Math.max(low, pixel);
			weights[pixel - first] = overlap > 0 ? overlap / scale : 0;
		}
		return { first, weights };
	});
}

/** The linear window and normalisation of step 2–3 as a function of HU. */
export function windowFunction(
	input: Pick<InputSpec, 'window' | 'normalisation'>
): (hu: number) => number {
	const low = input.window.center - input.window.width / 2;
	const { width } = input.window;
	const { min, max } = input.normalisation;
	return (hu) => {
		const t = (hu - low) / width;
		return min + (t <= 0 ? 0 : t >= 1 ? 1 : t) * (max - min);
	};
}

/** One image → a float32 input plane of input.height × input.width (steps 1–4). */
export function preprocessImage(pixels: StoredPixels, input: InputSpec): Float32Array {
	const { rows, columns, values, rescaleSlope, rescaleIntercept } = pixels;
	const toInput = windowFunction(input);
	const across = areaTaps(columns, input.width);
	const down = areaTaps(rows, input.height);
	// Pass 1: window each source row, then resample it horizontally.
	const windowed = new Float64Array(columns);
	const halfway = new Float64Array(rows * input.width);
	for (let row = 0; row < rows; row += 1) {
		const start = row * columns;
		for (let column = 0; column < columns; column += 1) {
			windowed[column] = toInput(
				(values[start + column] as number) * rescaleSlope + rescaleIntercept
			);
		}
		const out = row * input.width;
		across.forEach((tap, x) => {
			let sum = 0;
			for (let k = 0; k < tap.weights.length; k += 1) {
				sum += (tap.weights[k] as number) * (windowed[tap.first + k] as number);
			}
			halfway[out + x] = sum;
		});
	}
	// Pass 2: resample the columns vertically.
	const plane = new Float32Array(input.height * input.width);
	down.forEach((tap, y) => {
		for (let x = 0; x < input.width; x += 1) {
			let sum = 0;
			for (let k = 0; k < tap.weights.length; k += 1) {
				sum += (tap.weights[k] as number) * (halfway[(tap.first + k) * input.width + x] as number);
			}
			plane[y * input.width + x] = sum;
		}
	});
	return plane;
}

/** Pixelwise maximum of equally sized planes (a maximum-intensity projection). */
export function maximumIntensity(planes: readonly Float32Array[]): Float32Array {
	const [first, ...rest] = planes;
	if (!first) throw new Error('a maximum-intensity projection needs at least one image');
	const projection = first.slice();
	for (const plane of rest) {
		for (let index = 0; index < projection.length; index += 1) {
			const value = plane[index] as number;
			if (value > (projection[index] as number)) projection[index] = value;
		}
	}
	return projection;
}

/** Step 5: the planes the model runs on — every image ('each') or their projection. */
export function modelInputs(planes: readonly Float32Array[], input: InputSpec): Float32Array[] {
	return input.slices === 'each' ? [...planes] : [maximumIntensity(planes)];
}

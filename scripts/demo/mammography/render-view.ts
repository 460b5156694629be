// Draws one synthetic mammogram (stored values, 12 bits, MONOCHROME2, chest wall at the left
// edge): a half super-ellipse breast with a skin-line fall-off, fibroglandular texture whose
// amount follows the BI-RADS density, the pectoral muscle on MLO views, the case's lesions in the
// views they show in, and quantum noise. Deterministic: a view draws from its own sfc32 stream.
import { correlatedField } from '../noise-field';
import { Sfc32 } from '../prng';
import {
	COLUMNS,
	ROWS,
	SPACING_MM,
	type BreastOutline,
	type Density,
	type LesionPlan,
	type MammoCasePlan,
	type ViewName
} from './mammo-plan';

export const MAX_STORED = 4095;
const BACKGROUND = 60;
const FAT = 1150;
const GLAND = 1150;
const PECTORAL = 2350;
/** Texture is drawn at a quarter of the resolution (0.28 mm) and interpolated. */
const TEXTURE_STEP = 4;
const TEXTURE_SIZE = ROWS / TEXTURE_STEP;
/** Offset of the glandular threshold per density: more density, more gland. */
const DENSITY_BIAS: Readonly<Record<Density, number>> = { a: -1.6, b: -0.7, c: 0.1, d: 0.9 };

/** The stored pixels of `view` of `plan`, row by row (ROWS × COLUMNS). */
export function renderView(plan: MammoCasePlan, view: ViewName, viewIndex: number): Uint16Array {
	const rng = new Sfc32(plan.pixelSeed + viewIndex);
	const outline = plan.outlines[view];
	const gland = glandTexture(rng, plan.density);
	const image = new Float32Array(COLUMNS * ROWS);
	const gain = plan.vendor.contrastGain;
	drawBreast(image, outline, gland, gain);
	for (const lesion of plan.lesions) {
		const mark = lesion.marks.find((candidate) => candidate.view === view);
		if (mark) drawLesion(image, lesion, mark.xMm, mark.yMm, rng, glandCeiling(outline, gain));
	}
	return quantise(image, rng, plan.vendor.noiseSigma);
}

/** Gland fraction 0…1 on the quarter-resolution grid: a soft threshold of two noise scales. */
function glandTexture(rng: Sfc32, density: Density): Float32Array {
	const grid = { size: TEXTURE_SIZE, spacingMm: SPACING_MM * TEXTURE_STEP };
	const coarse = correlatedField(rng, grid, 7, 5);
	const fine = correlatedField(rng, grid, 1.2, 1.2);
	const bias = DENSITY_BIAS[density];
	const gland = new Float32Array(coarse.length);
	for (let index = 0; index < gland.length; index += 1) {
		const value = (coarse[index] as number) + 0.45 * (fine[index] as number) + bias;
		gland[index] = 1 / (1 + Math.exp(-2.2 * value));
	}
	return gland;
}

function drawBreast(
	image: Float32Array,
	outline: BreastOutline,
	gland: Float32Array,
	gain: number
): void {
	const { depthMm, halfHeightMm, centreYmm, pectoralWidthMm, pectoralHeightMm } = outline;
	// The outline's depth term and the texture's column weights depend on the column only.
	const depthTerm = new Float64Array(COLUMNS);
	const texColumn = new Int32Array(COLUMNS);
	const texWeight = new Float64Array(COLUMNS);
	for (let column = 0; column < COLUMNS; column += 1) {
		const u = ((column + 0.5) * SPACING_MM) / depthMm;
		depthTerm[column] = u >= 1 ? 2 : Math.pow(u, 2.2);
		const tx = Math.max(0, (column + 0.5) / TEXTURE_STEP - 0.5);
		texColumn[column] = Math.min(TEXTURE_SIZE - 2, Math.floor(tx));
		texWeight[column] = tx - (texColumn[column] as number);
	}
	for (let row = 0; row < ROWS; row += 1) {
		const yMm = (row + 0.5) * SPACING_MM;
		const v = (yMm - centreYmm) / halfHeightMm;
		if (v * v >= 1) {
			image.fill(BACKGROUND, row * COLUMNS, (row + 1) * COLUMNS);
			continue;
		}
		const ty = Math.min(TEXTURE_SIZE - 1, Math.max(0, (row + 0.5) / TEXTURE_STEP - 0.5));
		const ty0 = Math.min(TEXTURE_SIZE - 2, Math.floor(ty));
		const fy = ty - ty0;
		const top = ty0 * TEXTURE_SIZE;
		const bottom = top + TEXTURE_SIZE;
		for (let column = 0; column < COLUMNS; column += 1) {
			const s = (depthTerm[column] as number) + v * v;
			let value = BACKGROUND;
			if (s < 1) {
				const xMm = (column + 0.5) * SPACING_MM;
				const u = xMm / depthMm;
				const tx0 = texColumn[column] as number;
				const fx = texWeight[column] as number;
				const g =
					(1 - fy) *
						((1 - fx) * (gland[top + tx0] as number) + fx * (gland[top + tx0 + 1] as number)) +
					fy *
						((1 - fx) * (gland[bottom + tx0] as number) + fx * (gland[bottom + tx0 + 1] as number));
				// Thinner tissue near the skin line: values fall off over the outer part.
				const thickness = Math.min(1, Math.sqrt(1 - s) * 2.6);
				value = BACKGROUND + thickness * gain * (FAT - BACKGROUND + GLAND * g * (1 - 0.35 * u));
				if (pectoralWidthMm > 0 && xMm / pectoralWidthMm + yMm / pectoralHeightMm < 1) {
					value = Math.max(value, gain * (PECTORAL + 150 * g));
				}
			}
			image[row * COLUMNS + column] = value;
		}
	}
}

/**
 * The value of fully glandular tissue at a point (drawBreast's formula with a gland fraction of
 * 1), or the background outside the breast: a mass is at least this dense.
 */
function glandCeiling(outline: BreastOutline, gain: number): (xMm: number, yMm: number) => number {
	return (xMm, yMm) => {
		const u = xMm / outline.depthMm;
		const v = (yMm - outline.centreYmm) / outline.halfHeightMm;
		const s = (u >= 1 ? 2 : Math.pow(u, 2.2)) + v * v;
		if (s >= 1) return BACKGROUND;
		const thickness = Math.min(1, Math.sqrt(1 - s) * 2.6);
		return BACKGROUND + thickness * gain * (FAT - BACKGROUND + GLAND * (1 - 0.35 * u));
	};
}

/**
 * A mass or a cluster of calcification specks centred at (xMm, yMm). A mass is a soft-edged,
 * slightly lobulated dome of tissue at least as dense as gland: within its outline the fat is
 * filled up to the glandular level (fully at the centre, less towards the rim), and its contrast
 * lies on top. So a mass stands out in fatty tissue and is only its contrast above dense tissue.
 */
function drawLesion(
	image: Float32Array,
	lesion: LesionPlan,
	xMm: number,
	yMm: number,
	rng: Sfc32,
	ceiling: (xMm: number, yMm: number) => number
): void {
	if (lesion.type === 'mass') {
		const lobes = Array.from({ length: 3 }, () => ({ phase: rng.uniform(0, 2 * Math.PI) }));
		addBlob(image, xMm, yMm, lesion.radiusMm * 1.25, (dx, dy, value) => {
			const angle = Math.atan2(dy, dx);
			const wobble =
				1 +
				(0.12 * lobes.reduce((sum, lobe, k) => sum + Math.sin((k + 2) * angle + lobe.phase), 0)) /
					3;
			const r = Math.hypot(dx, dy) / (lesion.radiusMm * wobble);
			if (r >= 1) return 0;
			const fill = Math.pow(1 - r * r, 0.25) * Math.max(0, ceiling(xMm + dx, yMm + dy) - value);
			return fill + lesion.contrast * Math.pow(1 - r * r, 0.7);
		});
		return;
	}
	const specks = rng.integer(7, 14);
	for (let k = 0; k < specks; k += 1) {
		const angle = rng.uniform(0, 2 * Math.PI);
		const distance = lesion.radiusMm * Math.sqrt(rng.next()) * 0.9;
		const speck = rng.uniform(0.12, 0.3);
		const sx = xMm + distance * Math.cos(angle);
		const sy = yMm + distance * Math.sin(angle);
		addBlob(image, sx, sy, speck, (dx, dy) => {
			const r = Math.hypot(dx, dy) / speck;
			return r >= 1 ? 0 : lesion.contrast * (1 - r * r);
		});
	}
}

function addBlob(
	image: Float32Array,
	xMm: number,
	yMm: number,
	reachMm: number,
	profile: (dxMm: number, dyMm: number, value: number) => number
): void {
	const first = (mm: number) => Math.max(0, Math.floor((mm - reachMm) / SPACING_MM));
	const last = (mm: number, size: number) =>
		Math.min(size - 1, Math.ceil((mm + reachMm) / SPACING_MM));
	for (let row = first(yMm); row <= last(yMm, ROWS); row += 1) {
		const dy = (row + 0.5) * SPACING_MM - yMm;
		for (let column = first(xMm); column <= last(xMm, COLUMNS); column += 1) {
			const index = row * COLUMNS + column;
			const value = image[index] as number;
			image[index] = value + profile((column + 0.5) * SPACING_MM - xMm, dy, value);
		}
	}
}

/**
 * Adds quantum noise inside the breast (the processed background stays flat, as on a real
 * "for presentation" image), rounds and clamps to 12 bits. The noise is triangular with unit
 * variance: the two 16-bit halves of one sfc32 output, summed.
 */
function quantise(image: Float32Array, rng: Sfc32, sigma: number): Uint16Array {
	const stored = new Uint16Array(image.length);
	const scale = (sigma * Math.sqrt(6)) / 65536;
	for (let index = 0; index < image.length; index += 1) {
		const value = image[index] as number;
		if (value === BACKGROUND) {
			stored[index] = BACKGROUND;
			continue;
		}
		const draw = rng.nextUint32();
		const noise = ((draw >>> 16) + (draw & 0xffff) - 65535) * scale;
		const noisy = Math.round(value + noise);
		stored[index] = noisy < 0 ? 0 : noisy > MAX_STORED ? MAX_STORED : noisy;
	}
	return stored;
}

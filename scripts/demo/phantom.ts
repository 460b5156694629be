// Pixel synthesis for the demo phantoms: a CT-like axial slice in Hounsfield units (HU).
// A body ellipse with a subcutaneous fat ring, a few soft-tissue "organs", an enhanced aorta, a
// vertebra and the scanner table; tissue texture is white noise box-blurred at a few scales; the lesion is a
// soft-edged ellipsoid of extra HU; the scanner adds its own (vendor-specific) noise on top.
// Only +, −, ×, ÷ and sqrt are used on pixels, all exactly rounded in IEEE 754, so every platform
// produces the same bytes. Geometry is in millimetres from the image centre, y pointing down.
import type { Sfc32 } from './prng';

export interface Ellipse {
	centreX: number;
	centreY: number;
	radiusX: number;
	radiusY: number;
}

export interface Anatomy {
	body: Ellipse;
	fatThicknessMm: number;
	/** Soft-tissue regions drawn over the body, each with its HU offset from muscle. */
	organs: Array<Ellipse & { offsetHu: number }>;
	vertebra: Ellipse;
	/** Contrast-enhanced aorta in front of the vertebra: a bright round lesion mimic. */
	aorta: Ellipse;
	tableTopMm: number;
}

export interface LesionShape {
	centreXmm: number;
	centreYmm: number;
	/** Longest diameter, mm. */
	sizeMm: number;
	contrastHu: number;
	/** Minor/major axis ratio in plane, 0.75–1. */
	aspect: number;
	/** Unit vector of the major axis. */
	axisX: number;
	axisY: number;
}

export interface NoiseProfile {
	/** Standard deviation of the scanner noise, HU. */
	sigmaHu: number;
	/** Box-blur radii (mm) that give the noise its grain; unequal radii make streaky texture. */
	grainXmm: number;
	grainYmm: number;
}

/** Pixel grid: `size` × `size` pixels of `spacingMm`, centred on the isocentre. */
export interface Grid {
	size: number;
	spacingMm: number;
}

const AIR_HU = -1000;
const FAT_HU = -100;
const MUSCLE_HU = 45;
const BONE_HU = 550;
const AORTA_HU = 160;
const TABLE_HU = 250;
const EDGE_MM = 1.2;

/** Millimetre coordinate of the centre of pixel `index` along either axis. */
export function pixelToMm(grid: Grid, index: number): number {
	return (index - (grid.size - 1) / 2) * grid.spacingMm;
}

/** Nearest pixel index of a millimetre coordinate. */
export function mmToPixel(grid: Grid, mm: number): number {
	return Math.round(mm / grid.spacingMm + (grid.size - 1) / 2);
}

/** A random body habitus: ellipse sizes, fat, organs and spine placement. */
export function planAnatomy(rng: Sfc32): Anatomy {
	const body: Ellipse = {
		centreX: rng.uniform(-8, 8),
		centreY: rng.uniform(-12, 4),
		radiusX: rng.uniform(135, 165),
		radiusY: rng.uniform(95, 118)
	};
	const fatThicknessMm = rng.uniform(8, 22);
	const organs = [
		// liver-like (patient's right = image left), spleen-like, bowel-like darker region
		organ(body, rng, -0.42, -0.15, 0.42, 0.5, rng.uniform(15, 30)),
		organ(body, rng, 0.5, -0.2, 0.2, 0.3, rng.uniform(8, 18)),
		organ(body, rng, 0.1, -0.05, 0.3, 0.28, rng.uniform(-35, -15))
	];
	const vertebraRadius = rng.uniform(15, 19);
	const vertebra: Ellipse = {
		centreX: body.centreX,
		centreY: body.centreY + body.radiusY * 0.62,
		radiusX: vertebraRadius,
		radiusY: vertebraRadius * 0.9
	};
	const aortaRadius = rng.uniform(9, 13);
	const aorta: Ellipse = {
		centreX: vertebra.centreX + rng.uniform(8, 16),
		centreY: vertebra.centreY - vertebra.radiusY - aortaRadius - rng.uniform(2, 6),
		radiusX: aortaRadius,
		radiusY: aortaRadius
	};
	return {
		body,
		fatThicknessMm,
		organs,
		vertebra,
		aorta,
		tableTopMm: body.centreY + body.radiusY + 4
	};
}

function organ(
	body: Ellipse,
	rng: Sfc32,
	relativeX: number,
	relativeY: number,
	relativeRadiusX: number,
	relativeRadiusY: number,
	offsetHu: number
): Ellipse & { offsetHu: number } {
	const jitter = (): number => rng.uniform(0.9, 1.1);
	return {
		centreX: body.centreX + relativeX * body.radiusX * jitter(),
		centreY: body.centreY + relativeY * body.radiusY * jitter(),
		radiusX: relativeRadiusX * body.radiusX * jitter(),
		radiusY: relativeRadiusY * body.radiusY * jitter(),
		offsetHu
	};
}

/**
 * A lesion centre in soft tissue: inside 60 % of the fat-free body, clear of the vertebra and the
 * aorta by 25 mm plus the lesion radius, so the lesion and a ring around it sit in soft tissue.
 */
export function pickLesionCentre(
	anatomy: Anatomy,
	rng: Sfc32,
	sizeMm: number
): { x: number; y: number } {
	const { body } = anatomy;
	const innerX = (body.radiusX - anatomy.fatThicknessMm) * 0.6;
	const innerY = (body.radiusY - anatomy.fatThicknessMm) * 0.6;
	for (;;) {
		const u = rng.uniform(-1, 1);
		const v = rng.uniform(-1, 1);
		if (u * u + v * v > 1) continue;
		const x = body.centreX + u * innerX;
		const y = body.centreY + v * innerY;
		const margin = sizeMm / 2 + 25;
		if (clearOf(anatomy.vertebra, x, y, margin) && clearOf(anatomy.aorta, x, y, margin))
			return { x, y };
	}
}

/** Whether (x, y) is more than `marginMm` outside the circle enclosing `ellipse`. */
function clearOf(ellipse: Ellipse, x: number, y: number, marginMm: number): boolean {
	const dx = x - ellipse.centreX;
	const dy = y - ellipse.centreY;
	const reach = Math.max(ellipse.radiusX, ellipse.radiusY) + marginMm;
	return dx * dx + dy * dy > reach * reach;
}

/** 0 outside, 1 inside, a linear ramp EDGE_MM wide across the boundary (approximate distance). */
function insideWeight(ellipse: Ellipse, x: number, y: number, shrinkMm = 0): number {
	const radiusX = ellipse.radiusX - shrinkMm;
	const radiusY = ellipse.radiusY - shrinkMm;
	const dx = (x - ellipse.centreX) / radiusX;
	const dy = (y - ellipse.centreY) / radiusY;
	const rho = Math.sqrt(dx * dx + dy * dy);
	const distanceInsideMm = (1 - rho) * (radiusX < radiusY ? radiusX : radiusY);
	const weight = distanceInsideMm / EDGE_MM + 0.5;
	return weight <= 0 ? 0 : weight >= 1 ? 1 : weight;
}

/** The noise-free slice in HU and the body mask (0–1) used to confine tissue texture. */
export function renderAnatomy(
	anatomy: Anatomy,
	grid: Grid
): { hu: Float32Array; bodyMask: Float32Array } {
	const count = grid.size * grid.size;
	const hu = new Float32Array(count);
	const bodyMask = new Float32Array(count);
	for (let row = 0; row < grid.size; row += 1) {
		const y = pixelToMm(grid, row);
		for (let column = 0; column < grid.size; column += 1) {
			const x = pixelToMm(grid, column);
			const inBody = insideWeight(anatomy.body, x, y);
			let value = AIR_HU;
			if (inBody > 0) {
				const inMuscle = insideWeight(anatomy.body, x, y, anatomy.fatThicknessMm);
				let tissue = FAT_HU + (MUSCLE_HU - FAT_HU) * inMuscle;
				for (const region of anatomy.organs)
					tissue += region.offsetHu * insideWeight(region, x, y) * inMuscle;
				tissue += (AORTA_HU - tissue) * insideWeight(anatomy.aorta, x, y);
				tissue += (BONE_HU - tissue) * insideWeight(anatomy.vertebra, x, y);
				value = AIR_HU + (tissue - AIR_HU) * inBody;
			} else if (y > anatomy.tableTopMm && y < anatomy.tableTopMm + 6 && x * x < 160 * 160) {
				value = TABLE_HU;
			}
			hu[row * grid.size + column] = value;
			bodyMask[row * grid.size + column] = inBody;
		}
	}
	return { hu, bodyMask };
}

/**
 * Adds the lesion: HU contrast × a profile that is 1 in the core and falls smoothly (smoothstep)
 * to 0 across the edge. `offsetZmm` is the distance of this slice from the lesion centre, so in a
 * stack the ellipsoid shrinks away from its centre slice.
 */
export function addLesion(
	hu: Float32Array,
	grid: Grid,
	lesion: LesionShape,
	offsetZmm: number
): void {
	const radius = lesion.sizeMm / 2;
	const edgeHalfWidth = Math.min(0.3, 1.5 / radius);
	const reachMm = radius * (1 + edgeHalfWidth) + grid.spacingMm;
	const first = (mm: number): number => Math.max(0, mmToPixel(grid, mm - reachMm));
	const last = (mm: number): number => Math.min(grid.size - 1, mmToPixel(grid, mm + reachMm));
	const zRelative = offsetZmm / (radius * lesion.aspect);
	const zTerm = zRelative * zRelative;
	for (let row = first(lesion.centreYmm); row <= last(lesion.centreYmm); row += 1) {
		const dy = pixelToMm(grid, row) - lesion.centreYmm;
		for (let column = first(lesion.centreXmm); column <= last(lesion.centreXmm); column += 1) {
			const dx = pixelToMm(grid, column) - lesion.centreXmm;
			const along = (dx * lesion.axisX + dy * lesion.axisY) / radius;
			const across = (dy * lesion.axisX - dx * lesion.axisY) / (radius * lesion.aspect);
			const q = Math.sqrt(along * along + across * across + zTerm);
			const t = (1 + edgeHalfWidth - q) / (2 * edgeHalfWidth);
			if (t <= 0) continue;
			const profile = t >= 1 ? 1 : t * t * (3 - 2 * t);
			hu[row * grid.size + column] =
				(hu[row * grid.size + column] as number) + lesion.contrastHu * profile;
		}
	}
}

/** Adds `field` × `amplitude` × `mask` (mask optional) to `hu`, in place. */
export function addField(
	hu: Float32Array,
	field: Float32Array,
	amplitude: number,
	mask?: Float32Array
): void {
	for (let index = 0; index < hu.length; index += 1) {
		const weight = mask ? (mask[index] as number) : 1;
		hu[index] = (hu[index] as number) + (field[index] as number) * amplitude * weight;
	}
}

/** HU → stored 12-bit values with RescaleIntercept −1024, clamped to 0…4095. */
export function toStoredValues(hu: Float32Array): Uint16Array {
	const stored = new Uint16Array(hu.length);
	for (let index = 0; index < hu.length; index += 1) {
		const value = Math.round((hu[index] as number) + 1024);
		stored[index] = value < 0 ? 0 : value > 4095 ? 4095 : value;
	}
	return stored;
}

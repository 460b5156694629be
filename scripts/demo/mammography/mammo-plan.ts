// The mammography demo's case set as data: site, unit, density, the (fake) patient, the shape of
// each breast in each view, and the lesions with where they lie in each view. Everything is drawn
// from one sfc32 stream seeded with the study seed, in a fixed order, so a seed gives one plan.
// Geometry is in mm of the stored image: x from the chest wall (the image's left edge) towards
// the nipple, y from the top row down (CC: lateral at the top; MLO: superior/axilla at the top).
import { FAMILY_NAMES, GIVEN_NAMES, SITES, type Site } from '../demo-sites';
import { Sfc32 } from '../prng';
import { MAMMO_UNITS, MAMMO_VENDORS, type MammoVendor, type MammoVendorId } from './mammo-devices';

export const MAMMO_SEED = 20261124;
export const COLUMNS = 3328;
export const ROWS = 4096;
export const SPACING_MM = 0.07;
export const WIDTH_MM = COLUMNS * SPACING_MM;
export const HEIGHT_MM = ROWS * SPACING_MM;
/** Cases in the demo set: chosen so the first start generates them in about a minute (README). */
export const MAMMO_CASE_COUNT = 24;
const FIRST_STUDY_DAY = Date.UTC(2025, 2, 3);
const DAY_MS = 86_400_000;

export type Side = 'R' | 'L';
export type ViewPosition = 'CC' | 'MLO';
export type ViewName = 'R-CC' | 'L-CC' | 'R-MLO' | 'L-MLO';
export type Density = 'a' | 'b' | 'c' | 'd';
export type Compression = 'jpeg2000' | 'jpeg-ls' | 'rle';

/** The views of a case, in file (instance) order. */
export const VIEWS: ReadonlyArray<{ name: ViewName; side: Side; position: ViewPosition }> = [
	{ name: 'R-CC', side: 'R', position: 'CC' },
	{ name: 'L-CC', side: 'L', position: 'CC' },
	{ name: 'R-MLO', side: 'R', position: 'MLO' },
	{ name: 'L-MLO', side: 'L', position: 'MLO' }
];

/** A breast outline in one view: a half super-ellipse against the chest wall. */
export interface BreastOutline {
	/** Chest wall to nipple, mm. */
	depthMm: number;
	/** Half the extent along the chest wall, mm, and the centre row, mm. */
	halfHeightMm: number;
	centreYmm: number;
	/** MLO only: the pectoral muscle, a triangle at the top-left corner (0 in CC). */
	pectoralWidthMm: number;
	pectoralHeightMm: number;
}

export interface LesionPlan {
	/** 1 or 2, the lesion's number within its case. */
	number: number;
	type: 'mass' | 'calcifications';
	side: Side;
	/** Mass radius, or the radius of the calcification cluster, mm. */
	radiusMm: number;
	/** Mass: peak contrast in stored values above glandular tissue; calcifications: contrast of each speck. */
	contrast: number;
	/** Where it shows: its centre (mm) in each view it is visible in. */
	marks: Array<{ view: ViewName; xMm: number; yMm: number }>;
}

export interface MammoCasePlan {
	caseId: string;
	site: Site;
	vendor: MammoVendor;
	model: string;
	softwareVersions: string;
	density: Density;
	patient: { name: string; id: string; ageYears: number; birthDate: string; accession: string };
	referringPhysician: string;
	studyDate: string;
	studyTime: string;
	compression: Compression;
	outlines: Record<ViewName, BreastOutline>;
	lesions: LesionPlan[];
	pixelSeed: number;
}

const DENSITIES: readonly Density[] = ['a', 'b', 'b', 'c', 'c', 'd'];
const VENDOR_IDS: readonly MammoVendorId[] = ['hologic', 'ge', 'siemens'];

/** The whole case set for `seed`, M001, M002, … */
export function planMammoStudy(seed: number, count = MAMMO_CASE_COUNT): MammoCasePlan[] {
	const rng = new Sfc32(seed);
	// Half the cases positive, shuffled; of the positives, every fourth has two lesions.
	const truth = rng.shuffled(Array.from({ length: count }, (_, index) => index % 2 === 0));
	let positives = 0;
	return truth.map((positive, index) => {
		const site = SITES[index % SITES.length] as Site;
		const vendorId = rng.pick(VENDOR_IDS);
		const unit = MAMMO_UNITS[site.id][vendorId];
		const day = FIRST_STUDY_DAY + rng.integer(0, 360) * DAY_MS;
		const ageYears = rng.integer(45, 74);
		const outlines = planOutlines(rng);
		const lesionCount = positive ? ((positives += 1) % 4 === 0 ? 2 : 1) : 0;
		const lesions = Array.from({ length: lesionCount }, (_, k) => planLesion(rng, k + 1, outlines));
		const studyDate = new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
		return {
			caseId: `M${String(index + 1).padStart(3, '0')}`,
			site,
			vendor: MAMMO_VENDORS[vendorId],
			model: unit.model,
			softwareVersions: unit.softwareVersions,
			density: rng.pick(DENSITIES),
			patient: {
				name: `${rng.pick(FAMILY_NAMES)}^${rng.pick(GIVEN_NAMES)}`,
				id: `${site.recordPrefix}M${rng.integer(100000, 999999)}`,
				ageYears,
				birthDate: `${Number(studyDate.slice(0, 4)) - ageYears}${String(rng.integer(1, 12)).padStart(2, '0')}${String(rng.integer(1, 28)).padStart(2, '0')}`,
				accession: `MG${studyDate.slice(2, 8)}${rng.integer(1000, 9999)}`
			},
			referringPhysician: rng.pick(site.referringPhysicians),
			studyDate,
			studyTime: `${String(rng.integer(8, 16)).padStart(2, '0')}${String(rng.integer(0, 59)).padStart(2, '0')}00`,
			compression: index % 8 === 2 ? 'jpeg-ls' : index % 8 === 5 ? 'rle' : 'jpeg2000',
			outlines,
			lesions,
			pixelSeed: rng.nextUint32() * 0x10000 + rng.integer(0, 0xffff)
		};
	});
}

function planOutlines(rng: Sfc32): Record<ViewName, BreastOutline> {
	const outlines = {} as Record<ViewName, BreastOutline>;
	for (const side of ['R', 'L'] as const) {
		// The two breasts of a patient are alike, not identical.
		const depth = rng.uniform(85, 140);
		const halfHeight = rng.uniform(72, 100);
		outlines[`${side}-CC`] = {
			depthMm: depth,
			halfHeightMm: halfHeight,
			centreYmm: HEIGHT_MM / 2 + rng.uniform(-10, 10),
			pectoralWidthMm: 0,
			pectoralHeightMm: 0
		};
		outlines[`${side}-MLO`] = {
			depthMm: Math.min(depth * rng.uniform(1.05, 1.15), WIDTH_MM - 20),
			halfHeightMm: Math.min(halfHeight * rng.uniform(1.2, 1.35), HEIGHT_MM / 2 - 8),
			centreYmm: HEIGHT_MM / 2 + rng.uniform(0, 15),
			pectoralWidthMm: rng.uniform(30, 50),
			pectoralHeightMm: rng.uniform(120, 170)
		};
	}
	return outlines;
}

/** A lesion somewhere inside the breast; shown in both views, or (one in four) in one only. */
function planLesion(
	rng: Sfc32,
	number: number,
	outlines: Record<ViewName, BreastOutline>
): LesionPlan {
	const side: Side = rng.next() < 0.5 ? 'R' : 'L';
	const type = rng.next() < 0.65 ? 'mass' : 'calcifications';
	const radiusMm = type === 'mass' ? rng.uniform(4, 10) : rng.uniform(3, 7);
	// Masses were 90–240 above their surroundings and hidden in the texture; now three times that.
	const contrast = type === 'mass' ? rng.uniform(270, 720) : rng.uniform(350, 700);
	const depthFraction = rng.uniform(0.2, 0.7);
	const visibility = rng.pick(['both', 'both', 'both', 'one'] as const);
	const onlyView: ViewPosition = rng.next() < 0.5 ? 'CC' : 'MLO';
	const marks: LesionPlan['marks'] = [];
	for (const position of ['CC', 'MLO'] as const) {
		const view = `${side}-${position}` as ViewName;
		const outline = outlines[view];
		const xMm = depthFraction * outline.depthMm;
		// Room across the breast at this depth, kept clear of the skin line by the lesion radius.
		const room = outline.halfHeightMm * Math.sqrt(1 - depthFraction ** 2.2) - radiusMm - 6;
		let yMm = outline.centreYmm + rng.uniform(-0.8, 0.8) * room;
		if (position === 'MLO') {
			// Below the pectoral muscle's edge (x/w + y/h = 1) by a margin.
			const edge = outline.pectoralHeightMm * (1 - xMm / outline.pectoralWidthMm);
			yMm = Math.max(yMm, edge + radiusMm + 8);
		}
		if (visibility === 'both' || position === onlyView) marks.push({ view, xMm, yMm });
	}
	return { number, type, side, radiusMm, contrast, marks };
}

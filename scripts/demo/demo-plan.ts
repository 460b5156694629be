// The demo case set as data: which case comes from which site and scanner, who the (fake)
// patient is, whether it holds a lesion and where. Everything is drawn from one sfc32 stream
// seeded with the study seed, in a fixed order, so a seed always gives the same plan.
import {
	FAMILY_NAMES,
	GIVEN_NAMES,
	SITES,
	VENDORS,
	type Site,
	type Vendor,
	type VendorId
} from './demo-sites';
import {
	mmToPixel,
	pickLesionCentre,
	pixelToMm,
	planAnatomy,
	type Anatomy,
	type Grid,
	type LesionShape
} from './phantom';
import { Sfc32 } from './prng';

export const DEFAULT_SEED = 20261123;
export const IMAGE_SIZE = 512;
export const PREVALENCE = 0.4;
export const STACK_COUNT = 8;
const POSITIVE_STACKS = 3; // 3 of 8, as close to 40 % as 8 allows
const FIRST_STUDY_DAY = Date.UTC(2025, 0, 6);
const DAY_MS = 86_400_000;

export interface PatientPlan {
	name: string;
	id: string;
	sex: 'F' | 'M';
	ageYears: number;
	birthDate: string;
	accessionNumber: string;
	referringPhysician: string;
}

export interface CasePlan {
	caseId: string;
	site: Site;
	vendor: Vendor;
	model: string;
	softwareVersions: string;
	slices: number;
	patient: PatientPlan;
	studyDate: string;
	studyTime: string;
	anatomy: Anatomy;
	/** First slice position (mm, patient z); later slices step down by the slice thickness. */
	firstSliceZmm: number;
	lesion: (LesionShape & { centreSlice: number }) | null;
	/** Seed of the case's own sfc32 stream for pixel noise, so cases render independently. */
	pixelSeed: number;
}

/** The whole demo case set for `seed`, in case-id order C001, C002, … */
export function planDemoStudy(seed: number = DEFAULT_SEED): CasePlan[] {
	const rng = new Sfc32(seed);
	const slots = rng.shuffled(
		SITES.flatMap((site) =>
			(Object.keys(site.scanners) as VendorId[]).flatMap((vendorId) =>
				Array.from({ length: site.scanners[vendorId].cases }, () => ({ site, vendorId }))
			)
		)
	);
	const positives = allotPositives(rng, slots);
	const stacks = chooseStacks(rng, slots.length, positives);
	const usedIds = new Set<string>();
	return slots.map(({ site, vendorId }, index) => {
		const scanner = site.scanners[vendorId];
		const vendor = VENDORS[vendorId];
		const slices = stacks.has(index) ? rng.integer(12, 24) : 1;
		const anatomy = planAnatomy(rng);
		const study = planStudyDateTime(rng);
		const grid = defaultGrid(vendor);
		return {
			caseId: `C${String(index + 1).padStart(3, '0')}`,
			site,
			vendor,
			model: scanner.model,
			softwareVersions: scanner.softwareVersions,
			slices,
			patient: planPatient(rng, site, study.date, usedIds),
			studyDate: dicomDate(study.date),
			studyTime: study.time,
			anatomy,
			firstSliceZmm: rng.integer(-240, -120) / 2,
			lesion: positives.has(index)
				? planLesion(rng, anatomy, grid, slices, vendor.sliceThicknessMm)
				: null,
			pixelSeed: rng.nextUint32()
		};
	});
}

/**
 * Which slots hold a lesion: in every site × vendor cell, PREVALENCE of its cases (largest-remainder
 * rounding so the total is round(PREVALENCE × cases)), chosen at random within the cell. Equal
 * prevalence across cells keeps site and vendor — which readers see — from hinting at truth.
 */
function allotPositives(
	rng: Sfc32,
	slots: ReadonlyArray<{ site: Site; vendorId: VendorId }>
): Set<number> {
	const cells = new Map<string, number[]>();
	slots.forEach(({ site, vendorId }, index) => {
		const key = `${site.id}/${vendorId}`;
		cells.set(key, [...(cells.get(key) ?? []), index]);
	});
	const members = [...cells.values()];
	const quotas = members.map((cell) => Math.floor(cell.length * PREVALENCE));
	const byRemainder = members
		.map((cell, index) => ({
			index,
			remainder: cell.length * PREVALENCE - (quotas[index] as number)
		}))
		.sort((first, second) => second.remainder - first.remainder || first.index - second.index);
	const missing =
		Math.round(slots.length * PREVALENCE) - quotas.reduce((sum, quota) => sum + quota, 0);
	for (const { index } of byRemainder.slice(0, missing))
		quotas[index] = (quotas[index] as number) + 1;
	return new Set(members.flatMap((cell, index) => rng.shuffled(cell).slice(0, quotas[index])));
}

/** The slots that become multi-slice stacks: POSITIVE_STACKS positives, the rest negatives. */
function chooseStacks(rng: Sfc32, count: number, positives: ReadonlySet<number>): Set<number> {
	const all = Array.from({ length: count }, (_, index) => index);
	const positive = rng.shuffled(all.filter((index) => positives.has(index)));
	const negative = rng.shuffled(all.filter((index) => !positives.has(index)));
	return new Set([
		...positive.slice(0, POSITIVE_STACKS),
		...negative.slice(0, STACK_COUNT - POSITIVE_STACKS)
	]);
}

/** The 512 × 512 grid of a vendor's reconstruction (pixel spacing = field of view / 512). */
export function defaultGrid(vendor: Vendor): Grid {
	return { size: IMAGE_SIZE, spacingMm: vendor.fieldOfViewMm / IMAGE_SIZE };
}

function planPatient(rng: Sfc32, site: Site, studyDate: Date, usedIds: Set<string>): PatientPlan {
	let id: string;
	do id = `${site.recordPrefix}${rng.integer(1_000_000, 9_999_999)}`;
	while (usedIds.has(id));
	usedIds.add(id);
	const ageYears = rng.integer(35, 86);
	// Born ageYears before the study date, less 0–364 days: exactly ageYears old at the study.
	const year = studyDate.getUTCFullYear() - ageYears;
	const birthday = Date.UTC(year, studyDate.getUTCMonth(), studyDate.getUTCDate());
	const birthDate = dicomDate(new Date(birthday - rng.integer(0, 364) * DAY_MS));
	return {
		name: `${rng.pick(FAMILY_NAMES)}^${rng.pick(GIVEN_NAMES)}`,
		id,
		sex: rng.next() < 0.5 ? 'F' : 'M',
		ageYears,
		birthDate,
		accessionNumber: `ACC${rng.integer(10_000_000, 99_999_999)}`,
		referringPhysician: rng.pick(site.referringPhysicians)
	};
}

function planStudyDateTime(rng: Sfc32): { date: Date; time: string } {
	const day = new Date(FIRST_STUDY_DAY + rng.integer(0, 320) * DAY_MS);
	const seconds = rng.integer(7 * 3600 + 1800, 18 * 3600);
	const pad = (value: number): string => String(value).padStart(2, '0');
	const time = `${pad(Math.floor(seconds / 3600))}${pad(Math.floor(seconds / 60) % 60)}${pad(seconds % 60)}`;
	return { date: day, time };
}

/** YYYYMMDD of a UTC date. */
export function dicomDate(date: Date): string {
	const month = String(date.getUTCMonth() + 1).padStart(2, '0');
	const day = String(date.getUTCDate()).padStart(2, '0');
	return `${date.getUTCFullYear()}${month}${day}`;
}

/**
 * Lesion size 4–20 mm (uniform) and contrast 15–90 HU (skewed towards subtle: 15 + 75·u²),
 * placed in soft tissue; in a stack the centre slice leaves the whole lesion inside the stack.
 */
function planLesion(
	rng: Sfc32,
	anatomy: Anatomy,
	grid: Grid,
	slices: number,
	sliceThicknessMm: number
): LesionShape & { centreSlice: number } {
	const sizeMm = Math.round(rng.uniform(4, 20) * 10) / 10;
	const subtlety = rng.next();
	const contrastHu = Math.round(15 + 75 * subtlety * subtlety);
	const aspect = rng.uniform(0.75, 1);
	// Major-axis direction: a point drawn uniformly in the unit disc (rejection), normalised.
	let axisX = 0;
	let axisY = 0;
	let lengthSquared = 0;
	while (lengthSquared < 0.01 || lengthSquared > 1) {
		axisX = rng.uniform(-1, 1);
		axisY = rng.uniform(-1, 1);
		lengthSquared = axisX * axisX + axisY * axisY;
	}
	const axisLength = Math.sqrt(lengthSquared);
	const centre = pickLesionCentre(anatomy, rng, sizeMm);
	// Snap the centre to a pixel centre of the default grid so truth's lesion_x/lesion_y is exact.
	const snap = (mm: number): number => pixelToMm(grid, mmToPixel(grid, mm));
	const margin = Math.min(Math.ceil(sizeMm / 2 / sliceThicknessMm), Math.floor((slices - 1) / 2));
	return {
		centreXmm: snap(centre.x),
		centreYmm: snap(centre.y),
		sizeMm,
		contrastHu,
		aspect,
		axisX: axisX / axisLength,
		axisY: axisY / axisLength,
		centreSlice: slices === 1 ? 1 : rng.integer(1 + margin, slices - margin)
	};
}

// An image's acquisition strata from its stored header values, and a case's from its images'.
// Text values (manufacturer, model, kernel) are kept as the header has them (trimmed); numbers
// are put in bins where the parameter is continuous:
//
//   kvp              whole kV as recorded ("120 kV"): scanners offer a few fixed settings
//   tube_current     "< 100 mA", "100–199 mA", "200–299 mA", "300–399 mA", "≥ 400 mA"
//   slice_thickness  "≤ 1 mm", "> 1–2.5 mm", "> 2.5–5 mm", "> 5 mm" (upper bounds included)
//   contrast         "contrast" when ContrastBolusAgent has a value, else "none"
//
// A case's value is its images' common value; images that disagree make it "mixed"; images
// without the value do not count, and a case none of whose images has it has no value (it is
// not counted in that stratum).

export const ACQUISITION_STRATA = [
	'manufacturer',
	'model',
	'kvp',
	'tube_current',
	'slice_thickness',
	'kernel',
	'contrast'
] as const;
export type AcquisitionStratum = (typeof ACQUISITION_STRATA)[number];

/** The value of a case whose images disagree. */
export const MIXED = 'mixed';

/** What header_json holds (older rows may lack the acquisition values). */
export interface StoredHeader {
	manufacturer?: string | null;
	model?: string | null;
	kvp?: number | null;
	tubeCurrent?: number | null;
	sliceThickness?: number | null;
	kernel?: string | null;
	contrast?: boolean;
}

export function tubeCurrentBin(mA: number): string {
	if (mA < 100) return '< 100 mA';
	if (mA >= 400) return '≥ 400 mA';
	const low = Math.floor(mA / 100) * 100;
	return `${low}–${low + 99} mA`;
}

export function sliceThicknessBin(mm: number): string {
	if (mm <= 1) return '≤ 1 mm';
	if (mm <= 2.5) return '> 1–2.5 mm';
	if (mm <= 5) return '> 2.5–5 mm';
	return '> 5 mm';
}

const trimmed = (value: string | null | undefined): string | undefined =>
	value === null || value === undefined || value.trim() === '' ? undefined : value.trim();
const finite = (value: number | null | undefined): value is number =>
	typeof value === 'number' && Number.isFinite(value);

/** One image's stratum values; a stratum the header does not tell is left out. */
export function imageStrata(header: StoredHeader): Partial<Record<AcquisitionStratum, string>> {
	const values: Partial<Record<AcquisitionStratum, string>> = {
		manufacturer: trimmed(header.manufacturer),
		model: trimmed(header.model),
		kvp: finite(header.kvp) ? `${Math.round(header.kvp)} kV` : undefined,
		tube_current: finite(header.tubeCurrent) ? tubeCurrentBin(header.tubeCurrent) : undefined,
		slice_thickness: finite(header.sliceThickness)
			? sliceThicknessBin(header.sliceThickness)
			: undefined,
		kernel: trimmed(header.kernel),
		contrast: header.contrast === undefined ? undefined : header.contrast ? 'contrast' : 'none'
	};
	for (const stratum of ACQUISITION_STRATA)
		if (values[stratum] === undefined) delete values[stratum];
	return values;
}

/** A case's stratum values from its images' headers: the common value, or "mixed". */
export function caseStrata(
	headers: readonly StoredHeader[]
): Partial<Record<AcquisitionStratum, string>> {
	const seen = new Map<AcquisitionStratum, Set<string>>();
	for (const header of headers) {
		for (const [stratum, value] of Object.entries(imageStrata(header)) as Array<
			[AcquisitionStratum, string]
		>) {
			const values = seen.get(stratum) ?? new Set<string>();
			values.add(value);
			seen.set(stratum, values);
		}
	}
	const result: Partial<Record<AcquisitionStratum, string>> = {};
	for (const stratum of ACQUISITION_STRATA) {
		const values = seen.get(stratum);
		if (values) result[stratum] = values.size === 1 ? [...values][0]! : MIXED;
	}
	return result;
}

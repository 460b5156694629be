// The two tables the study reads: cases.csv (what a reader may know about a case — nothing
// about lesions) and truth.csv (the reference standard, kept apart so it can be stored and
// served separately from what readers see).
import { defaultGrid, type CasePlan } from './demo-plan';
import { mmToPixel } from './phantom';

export const CASES_HEADER =
	'case_id,images,site,vendor,device_model,modality,slices,patient_age_band,patient_sex';
export const TRUTH_HEADER =
	'case_id,truth,lesion_size_mm,lesion_contrast_hu,lesion_slice,lesion_x,lesion_y';

/** "60-69" for 63 years. */
export function ageBand(ageYears: number): string {
	const decade = Math.floor(ageYears / 10) * 10;
	return `${decade}-${decade + 9}`;
}

/** Joins fields into a CSV line; the demo's values never need quoting, so refuse any that would. */
function csvLine(fields: ReadonlyArray<string | number>): string {
	for (const field of fields) {
		if (/[",\r\n]/.test(String(field)))
			throw new Error(`CSV field needs quoting: ${String(field)}`);
	}
	return fields.join(',');
}

export function casesCsv(plans: readonly CasePlan[]): string {
	const rows = plans.map((plan) =>
		csvLine([
			plan.caseId,
			`images/${plan.caseId}`,
			plan.site.id,
			plan.vendor.id,
			plan.model,
			'CT',
			plan.slices,
			ageBand(plan.patient.ageYears),
			plan.patient.sex
		])
	);
	return [CASES_HEADER, ...rows].join('\n') + '\n';
}

/** lesion_x / lesion_y: 0-based column / row of the lesion-centre pixel in the 512 × 512 image. */
export function truthCsv(plans: readonly CasePlan[]): string {
	const rows = plans.map((plan) => {
		const lesion = plan.lesion;
		if (!lesion) return `${plan.caseId},0,,,,,`;
		const grid = defaultGrid(plan.vendor);
		return csvLine([
			plan.caseId,
			1,
			lesion.sizeMm.toFixed(1),
			lesion.contrastHu,
			lesion.centreSlice,
			mmToPixel(grid, lesion.centreXmm),
			mmToPixel(grid, lesion.centreYmm)
		]);
	});
	return [TRUTH_HEADER, ...rows].join('\n') + '\n';
}

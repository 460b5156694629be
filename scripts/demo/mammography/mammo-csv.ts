// cases.csv (what a reader may know: site, unit, density, age band — nothing about lesions) and
// truth.csv (case-level truth plus, per mark, where a lesion shows in which view) of the
// mammography demo. A mark is a lesion as seen in one view: a lesion seen on CC and MLO has two.
// lesions.csv (the protocol's truth lesions) gives the same marks as regions of each lesion.
import { ageBand } from '../demo-csv';
import { SPACING_MM, VIEWS, type MammoCasePlan } from './mammo-plan';

export const MAX_MARKS = 4;
export const MAMMO_CASES_HEADER =
	'case_id,images,site,vendor,device_model,modality,views,density,patient_age_band';
const MARK_FIELDS = ['lesion', 'type', 'view', 'x', 'y', 'radius_mm'] as const;
export const MAMMO_TRUTH_HEADER = [
	'case_id',
	'truth',
	'lesions',
	...Array.from({ length: MAX_MARKS }, (_, k) =>
		MARK_FIELDS.map((field) => `mark${k + 1}_${field}`)
	).flat()
].join(',');

export function mammoCasesCsv(plans: readonly MammoCasePlan[]): string {
	const rows = plans.map((plan) =>
		[
			plan.caseId,
			`images/${plan.caseId}`,
			plan.site.id,
			plan.vendor.id,
			plan.model,
			'MG',
			4,
			plan.density,
			ageBand(plan.patient.ageYears)
		].join(',')
	);
	return [MAMMO_CASES_HEADER, ...rows].join('\n') + '\n';
}

/** One mark per lesion and view it shows in: 0-based column x / row y of its centre pixel. */
export function markPixels(plan: MammoCasePlan) {
	return plan.lesions.flatMap((lesion) =>
		lesion.marks.map((mark) => ({
			lesion: lesion.number,
			type: lesion.type,
			view: mark.view,
			x: Math.floor(mark.xMm / SPACING_MM),
			y: Math.floor(mark.yMm / SPACING_MM),
			radiusMm: lesion.radiusMm
		}))
	);
}

export function mammoTruthCsv(plans: readonly MammoCasePlan[]): string {
	const rows = plans.map((plan) => {
		const marks = markPixels(plan);
		if (marks.length > MAX_MARKS) throw new Error(`${plan.caseId}: more than ${MAX_MARKS} marks`);
		const fields: Array<string | number> = [
			plan.caseId,
			plan.lesions.length > 0 ? 1 : 0,
			plan.lesions.length
		];
		for (let k = 0; k < MAX_MARKS; k += 1) {
			const mark = marks[k];
			fields.push(
				...(mark
					? [mark.lesion, mark.type, mark.view, mark.x, mark.y, mark.radiusMm.toFixed(1)]
					: MARK_FIELDS.map(() => ''))
			);
		}
		return fields.join(',');
	});
	return [MAMMO_TRUTH_HEADER, ...rows].join('\n') + '\n';
}

export const MAMMO_LESIONS_HEADER = 'case_id,lesion_id,image,x,y,radius_mm,type';

/**
 * The truth lesions: one row per lesion and view it shows in (the view's image, 1-based in file
 * order), its centre pixel and radius as in truth.csv; equal weights (no weight column).
 */
export function mammoLesionsCsv(plans: readonly MammoCasePlan[]): string {
	const rows = plans.flatMap((plan) =>
		markPixels(plan).map((mark) =>
			[
				plan.caseId,
				mark.lesion,
				VIEWS.findIndex((view) => view.name === mark.view) + 1,
				mark.x,
				mark.y,
				mark.radiusMm.toFixed(1),
				mark.type
			].join(',')
		)
	);
	return [MAMMO_LESIONS_HEADER, ...rows].join('\n') + '\n';
}

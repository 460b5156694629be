// STAT-4 at the lesion level: a lesion-level endpoint within each subgroup — by the readers'
// site and each declared case stratum (the cases of that value, all their lesions), and for
// lesion sensitivity also by each attribute of the truth lesions (type, size…: the lesions of
// that value only; a diseased case without one leaves the subgroup). A subgroup that cannot be
// analysed is listed with the reason. Limits of bounded figures are held to their range as in
// the case-level subgroups; NLs per image is not bounded and is shown as computed.
import { DesignError } from '../design-error';
import { compareNatural } from '../natural-order';
import { analyzeLesionEndpoint } from './lesion-endpoint';
import type { TrialLesionData } from './lesion-trial-study';
import { lesionStudySubset, type SubsetRule } from './lesion-study-subset';
import { boundedLimits, type SubgroupAnalysis, type SubgroupRow } from './subgroup-analysis';
import type { LesionEndpointMetric, TrialEndpoint, TrialInput } from './trial-input';

type LesionEndpoint = TrialEndpoint & { metric: LesionEndpointMetric };

function subsetRow(
	data: TrialLesionData,
	stratum: string,
	value: string,
	rule: SubsetRule,
	input: TrialInput,
	endpoint: LesionEndpoint,
	alpha: number
): SubgroupRow {
	const study = lesionStudySubset(data.study, rule);
	const positive = study.truth.reduce((sum, truth) => sum + truth, 0);
	const base = {
		stratum,
		value,
		readers: study.readers.length,
		cases: study.cases.length,
		positive
	};
	try {
		const result = analyzeLesionEndpoint(study, endpoint, input.arms, alpha);
		if (endpoint.metric === 'fp_per_image')
			return {
				...base,
				arms: result.arms.map((arm) => ({ ...arm, truncated: false })),
				difference: { ...result.rrrc, truncated: false }
			};
		return { ...base, ...boundedLimits(result, study.readers.length, alpha) };
	} catch (error) {
		if (error instanceof DesignError) return { ...base, note: error.message };
		throw error;
	}
}

const valueOrUnrecorded = (value: string | undefined) =>
	value === undefined || value === '' ? '(not recorded)' : value;

/** Subgroups of a lesion-level endpoint; `attribute:<column>` strata for lesion sensitivity. */
export function analyzeLesionSubgroups(
	input: TrialInput,
	data: TrialLesionData,
	endpoint: LesionEndpoint,
	alpha = 0.05
): SubgroupAnalysis {
	const siteOf = new Map(input.readers.map((row) => [row.reader, row.site]));
	const strataOf = new Map(input.cases.map((row) => [row.case, row.strata]));
	const rows: SubgroupRow[] = [];
	const each = (
		stratum: string,
		values: Iterable<string>,
		ruleOf: (value: string) => SubsetRule
	) => {
		for (const value of [...new Set(values)].sort(compareNatural))
			rows.push(subsetRow(data, stratum, value, ruleOf(value), input, endpoint, alpha));
	};
	const site = (reader: string) => valueOrUnrecorded(siteOf.get(reader));
	each('reader_site', data.study.readers.map(site), (value) => ({
		reader: (reader) => site(reader) === value
	}));
	for (const stratum of input.strata) {
		const of = (id: string) => valueOrUnrecorded(strataOf.get(id)?.[stratum]);
		each(stratum, data.study.cases.map(of), (value) => ({ case: (id) => of(id) === value }));
	}
	if (endpoint.metric === 'lesion_sensitivity')
		data.attributes.columns.forEach((column, c) => {
			const of = (l: number) => valueOrUnrecorded(data.attributes.values[l]?.[c]);
			each(
				`lesion ${column}`,
				data.attributes.values.map((_, l) => of(l)),
				(value) => ({ lesion: (l) => of(l) === value })
			);
		});
	return { metric: endpoint.metric, rows };
}

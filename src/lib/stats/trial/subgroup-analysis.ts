// STAT-4: the endpoint analysis repeated within each subgroup — by the readers' site
// ('reader_site') and by each declared case stratum (the case's site, vendor, device model,
// demographics…). A subgroup is analysed only on its own reads (readers of that site; cases of that stratum value); one that cannot be
// analysed (a single reader, one truth class) is listed with the reason instead of a number.
// Limits beyond the possible range (few readers, Hillis df near 1) are truncated to it — a
// difference to [−1, 1], an arm to [0, 1] — and the row says so and why.
import { longCsvText } from '../input/long-csv-writer';
import { parseLongCsv, ReadsInputError } from '../input/long-csv';
import type { ReadRow } from '../input/read-row';
import { DesignError } from '../design-error';
import { compareNatural } from '../natural-order';
import { truthCounts } from '../study';
import { analyzeEndpoint, type ArmEstimate, type EndpointResult } from './endpoint-analysis';
import {
	bounded,
	DIFFERENCE_RANGE,
	PROPORTION_RANGE,
	rangeText,
	unclippedLimits
} from './bounded-interval';
import type { ArmPair, TrialEndpoint, TrialInput } from './trial-input';

export interface SubgroupRow {
	stratum: string;
	value: string;
	readers: number;
	cases: number;
	positive: number;
	/** Limits within [0, 1]; `truncated` when the t interval went beyond. */
	arms?: Array<ArmEstimate & { truncated: boolean }>;
	/** test − reference, RRRC; limits within [−1, 1], `truncated` when the t interval went beyond. */
	difference?: EndpointResult['rrrc'] & { truncated: boolean };
	/** What was truncated and why (the df and readers that made the interval so wide). */
	truncation?: string;
	/** Why the subgroup has no estimate. */
	note?: string;
}

export interface SubgroupAnalysis {
	metric: TrialEndpoint['metric'];
	rows: SubgroupRow[];
}

/**
 * The arms and the difference held to their ranges, each marked `truncated` when its t interval
 * went beyond; the note says so for the difference, the interval the tables print.
 */
export function boundedLimits(
	result: EndpointResult,
	readers: number,
	alpha: number
): Pick<SubgroupRow, 'arms' | 'difference' | 'truncation'> {
	const modalities = result.report.or?.rrrc.modalityCi ?? [];
	const arms = result.arms.map((arm) => {
		const row = modalities.find((item) => item.modality === arm.arm);
		return bounded(arm, PROPORTION_RANGE, row ? unclippedLimits(row, alpha) : arm);
	});
	const difference = bounded(result.rrrc, DIFFERENCE_RANGE);
	if (!difference.truncated) return { arms, difference };
	const level = `${Number((100 * (1 - alpha)).toFixed(4))} %`;
	return {
		arms,
		difference,
		truncation: `${level} CI truncated to ${rangeText(DIFFERENCE_RANGE)} (the t interval, Hillis df ${difference.df2.toFixed(2)} with ${readers} readers, is wider than the range)`
	};
}

function analyzeSubset(
	stratum: string,
	value: string,
	reads: ReadRow[],
	endpoint: TrialEndpoint,
	arms: ArmPair,
	alpha: number
): SubgroupRow {
	const readers = new Set(reads.map((row) => row.reader)).size;
	const caseTruth = new Map(reads.map((row) => [row.case, row.truth]));
	const positive = [...caseTruth.values()].filter((truth) => truth === 1).length;
	const base = { stratum, value, readers, cases: caseTruth.size, positive };
	try {
		const study = parseLongCsv(longCsvText(reads));
		const result = analyzeEndpoint(study, endpoint, arms, alpha);
		const { positive: studyPositive } = truthCounts(study.truth);
		return { ...base, positive: studyPositive, ...boundedLimits(result, readers, alpha) };
	} catch (error) {
		if (error instanceof DesignError || error instanceof ReadsInputError)
			return { ...base, note: error.message };
		throw error;
	}
}

/** Subgroups of `endpoint` by reader site and by each case stratum in `input.strata`. */
export function analyzeSubgroups(
	input: TrialInput,
	endpoint: TrialEndpoint,
	alpha = 0.05
): SubgroupAnalysis {
	const siteOf = new Map(input.readers.map((row) => [row.reader, row.site]));
	const strataOf = new Map(input.cases.map((row) => [row.case, row.strata]));
	const rows: SubgroupRow[] = [];
	const groupings: Array<{ stratum: string; valueOf: (read: ReadRow) => string }> = [
		{ stratum: 'reader_site', valueOf: (read) => siteOf.get(read.reader) ?? '' },
		...input.strata.map((stratum) => ({
			stratum,
			valueOf: (read: ReadRow) => strataOf.get(read.case)?.[stratum] ?? ''
		}))
	];
	for (const { stratum, valueOf } of groupings) {
		const byValue = new Map<string, ReadRow[]>();
		for (const read of input.reads) {
			const value = valueOf(read);
			let list = byValue.get(value);
			if (!list) byValue.set(value, (list = []));
			list.push(read);
		}
		for (const value of [...byValue.keys()].sort(compareNatural)) {
			rows.push(
				analyzeSubset(
					stratum,
					value === '' ? '(not recorded)' : value,
					byValue.get(value) as ReadRow[],
					endpoint,
					input.arms,
					alpha
				)
			);
		}
	}
	return { metric: endpoint.metric, rows };
}

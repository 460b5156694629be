// The report's figures from the trial analysis (STAT-7): ROC curves per arm (per reader and
// reader-averaged), forest plots of the per-reader and subgroup differences with the margin,
// and the reading-time distributions. Each returns a standalone SVG string.
import type { TrialAnalysis } from '../stats/trial/trial-analysis';
import { isEndpointResult } from '../stats/trial/trial-analysis';
import type { EndpointResult } from '../stats/trial/endpoint-analysis';
import { empiricalRocPoints } from './figures/empirical-roc';
import { confusionMatrix } from '../stats/single-reader/confusion-matrix';
import { forestPlot, type ForestRowInput } from './figures/forest-plot';
import { rocCurves } from './figures/roc-curves';
import { readingTimeDistribution } from './figures/reading-time-distribution';

export const METRIC_NAMES: Record<string, string> = {
	auc: 'AUC',
	sensitivity: 'Sensitivity',
	specificity: 'Specificity',
	reading_time: 'Reading time'
};

export function primaryResult(analysis: TrialAnalysis): EndpointResult | undefined {
	return analysis.endpoints
		.filter(isEndpointResult)
		.find((result) => result.endpoint.group === 'primary' && result.scale === 'difference');
}

/** Arms in report order: reference first, then test. */
export function orderedArms(analysis: TrialAnalysis): string[] {
	return [analysis.arms.reference, analysis.arms.test];
}

export function rocFigure(analysis: TrialAnalysis): string {
	const { curves } = analysis;
	const byArm = new Map(curves.arms.map((arm) => [arm.arm, arm]));
	return rocCurves({
		title: 'ROC curves per arm',
		description:
			'Empirical ROC curves of each reader (thin) and reader-averaged by vertical averaging (bold), from the confidence ratings.',
		arms: orderedArms(analysis).map((label) => ({
			label,
			readers: (byArm.get(label)?.readers ?? []).map((reader) => {
				let operatingPoint;
				if (reader.decisions) {
					const matrix = confusionMatrix(reader.decisions, curves.truth);
					operatingPoint = {
						fpr: matrix.falsePositive / (matrix.falsePositive + matrix.trueNegative),
						tpr: matrix.truePositive / (matrix.truePositive + matrix.falseNegative)
					};
				}
				return {
					reader: reader.reader,
					points: empiricalRocPoints(reader.ratings, curves.truth),
					operatingPoint
				};
			})
		}))
	});
}

function differenceLabel(analysis: TrialAnalysis, metric: string): string {
	return `Difference in ${METRIC_NAMES[metric] ?? metric} (${analysis.arms.test} − ${analysis.arms.reference})`;
}

/** Per-reader test − reference differences of the primary endpoint (readers fixed), with the RRRC overall. */
export function readerForest(analysis: TrialAnalysis, showMargin: boolean): string | null {
	const primary = primaryResult(analysis);
	if (!primary) return null;
	return forestPlot({
		title: 'Per-reader differences, primary endpoint',
		rows: primary.readerDifferences.map((row) => ({
			label: row.reader,
			estimate: row.estimate,
			ciLower: row.ciLower,
			ciUpper: row.ciUpper
		})),
		overall: {
			label: 'All readers (RRRC)',
			estimate: primary.rrrc.estimate,
			ciLower: primary.rrrc.ciLower,
			ciUpper: primary.rrrc.ciUpper
		},
		margin:
			showMargin && primary.endpoint.hypothesis === 'non-inferiority'
				? primary.endpoint.margin
				: undefined,
		xLabel: differenceLabel(analysis, primary.endpoint.metric),
		labelHeading: 'Reader',
		favours: { left: `favours ${analysis.arms.reference}`, right: `favours ${analysis.arms.test}` }
	});
}

export const STRATUM_NAMES: Record<string, string> = {
	reader_site: 'Reader site',
	site: 'Case site',
	vendor: 'Vendor',
	device_model: 'Device model',
	patient_age_band: 'Age band',
	patient_sex: 'Sex'
};

export function subgroupForest(
	analysis: TrialAnalysis,
	metric: string,
	showMargin: boolean
): string | null {
	const subgroups = analysis.subgroups.find((group) => group.metric === metric);
	const primary = primaryResult(analysis);
	if (!subgroups) return null;
	const rows: ForestRowInput[] = subgroups.rows.map((row) => ({
		group: STRATUM_NAMES[row.stratum] ?? row.stratum,
		label: row.value,
		estimate: row.difference?.estimate ?? NaN,
		ciLower: row.difference?.ciLower ?? NaN,
		ciUpper: row.difference?.ciUpper ?? NaN,
		note: `${row.readers} rdr, ${row.cases} cases`
	}));
	const endpoint = analysis.endpoints.find(
		(outcome) => outcome.endpoint.metric === metric
	)?.endpoint;
	return forestPlot({
		title: `Subgroup differences, ${METRIC_NAMES[metric] ?? metric}`,
		rows,
		overall:
			primary && primary.endpoint.metric === metric
				? {
						label: 'All (RRRC)',
						estimate: primary.rrrc.estimate,
						ciLower: primary.rrrc.ciLower,
						ciUpper: primary.rrrc.ciUpper
					}
				: undefined,
		margin: showMargin && endpoint?.hypothesis === 'non-inferiority' ? endpoint.margin : undefined,
		xLabel: differenceLabel(analysis, metric),
		labelHeading: 'Subgroup'
	});
}

export function readingTimeFigure(analysis: TrialAnalysis): string | null {
	if (analysis.readingTimes.length === 0) return null;
	const byArm = new Map(analysis.readingTimes.map((row) => [row.arm, row.seconds]));
	return readingTimeDistribution({
		title: 'Reading time per read, by arm',
		arms: orderedArms(analysis).map((label) => ({ label, seconds: byArm.get(label) ?? [] }))
	});
}

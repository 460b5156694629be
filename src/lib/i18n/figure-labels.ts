// The analysis figures' words in the page's language (messages/*.json, fig_ keys), for the figure
// functions of src/lib/verification-report, whose own default is the report's English.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { FigureLabels } from '$lib/verification-report/report-figures';
import { metricLabel, stratumLabel } from './labels';

/** The figures' labels in `locale`, by default the request's. */
export function figureLabels(locale?: Locale): FigureLabels {
	const o = locale ? { locale } : {};
	const counted =
		(one: typeof m.fig_readers_one, many: typeof m.fig_readers) =>
		(count: number): string =>
			count === 1 ? one({}, o) : many({ count }, o);
	const readers = counted(m.fig_readers_one, m.fig_readers);
	const arms = counted(m.fig_arms_one, m.fig_arms);
	return {
		roc: {
			title: m.fig_roc_title({}, o),
			xAxis: m.fig_roc_x_axis({}, o),
			yAxis: m.fig_roc_y_axis({}, o),
			readers,
			arms,
			averaged: (auc) => m.fig_roc_averaged({ auc }, o),
			readerTooltip: (reader, arm, auc) => m.fig_roc_reader_tooltip({ reader, arm, auc }, o),
			legendArm: (arm, averaged, readers) => m.fig_roc_legend_arm({ arm, averaged, readers }, o),
			noteBold: m.fig_roc_note_bold({}, o),
			noteThin: m.fig_roc_note_thin({}, o),
			noteOperatingPoints: m.fig_roc_note_operating_points({}, o),
			armSummary: (arm, readers, averaged) => m.fig_roc_arm_summary({ arm, readers, averaged }, o),
			describeCurves: (arms, summary) => m.fig_roc_describe_curves({ arms, summary }, o),
			describeBold: m.fig_roc_describe_bold({}, o),
			describeThin: m.fig_roc_describe_thin({}, o),
			describeOperatingPoints: m.fig_roc_describe_operating_points({}, o)
		},
		forest: {
			title: m.fig_forest_title({}, o),
			estimateHeading: m.fig_forest_estimate_heading({}, o),
			notEstimable: m.fig_not_estimable({}, o),
			margin: (value) => m.fig_forest_margin({ value }, o),
			rows: counted(m.fig_rows_one, m.fig_rows),
			overallRow: (label) => m.fig_forest_overall_row({ label }, o),
			describe: (axis, heading, rows, hasOverall) =>
				(hasOverall ? m.fig_forest_describe_overall : m.fig_forest_describe)(
					{ axis, heading, rows },
					o
				),
			describeZero: m.fig_forest_describe_zero({}, o),
			describeMargin: (margin) => m.fig_forest_describe_margin({ margin }, o)
		},
		readingTime: {
			title: m.fig_time_title({}, o),
			xAxis: m.fig_time_x_axis({}, o),
			seconds: (value) => m.fig_time_seconds({ value }, o),
			count: (count) => m.fig_time_count({ count }, o),
			median: (seconds) => m.fig_time_median({ seconds }, o),
			geometricMean: (seconds) => m.fig_time_geometric_mean({ seconds }, o),
			noReads: m.fig_time_no_reads({}, o),
			legendBox: m.fig_time_legend_box({}, o),
			legendMarks: m.fig_time_legend_marks({}, o),
			legendBars: (bins) => m.fig_time_legend_bars({ bins }, o),
			arms,
			reads: counted(m.fig_reads_one, m.fig_reads),
			outliers: counted(m.fig_outliers_one, m.fig_outliers),
			quartiles: (low, high) => m.fig_time_quartiles({ low, high }, o),
			medianWithQuartiles: (median, quartiles) =>
				m.fig_time_median_quartiles({ median, quartiles }, o),
			geometricMeanSeconds: (value) => m.fig_time_geometric_mean_seconds({ value }, o),
			describe: (arms, perArm) => m.fig_time_describe({ arms, perArm }, o),
			describeMethod: m.fig_time_describe_method({}, o)
		},
		metric: (metric) => metricLabel(metric, locale),
		stratum: (stratum) => stratumLabel(stratum, locale),
		rocTitle: m.fig_roc_curves_title({}, o),
		rocDescription: m.fig_roc_description({}, o),
		difference: (metric, test, reference) => m.fig_difference({ metric, test, reference }, o),
		readerForestTitle: m.fig_reader_forest_title({}, o),
		allReaders: m.fig_all_readers({}, o),
		readerHeading: m.fig_reader_heading({}, o),
		favours: (arm) => m.fig_favours({ arm }, o),
		subgroupTitle: (metric) => m.fig_subgroup_title({ metric }, o),
		allSubgroups: m.fig_all_subgroups({}, o),
		subgroupHeading: m.fig_subgroup_heading({}, o),
		subgroupNote: (readers, cases) => m.fig_subgroup_note({ readers, cases }, o),
		readingTimeTitle: m.fig_reading_time_title({}, o)
	};
}

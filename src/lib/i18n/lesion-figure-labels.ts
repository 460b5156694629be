// The lesion-level figures' words (FROC and wAFROC curves per arm, the AI's precision–recall
// curve) in the page's language (messages/*.json, fig_ keys), for the figure functions of
// src/lib/verification-report, whose own default is the report's English.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { LesionFigureLabels } from '$lib/verification-report/lesion-report-figures';

/** The lesion-level figures' labels in `locale`, by default the request's. */
export function lesionFigureLabels(locale?: Locale): LesionFigureLabels {
	const o = locale ? { locale } : {};
	const readers = (count: number) =>
		count === 1 ? m.fig_readers_one({}, o) : m.fig_readers({ count }, o);
	const arms = (count: number) => (count === 1 ? m.fig_arms_one({}, o) : m.fig_arms({ count }, o));
	const common = {
		readers,
		arms,
		noteThin: m.fig_lesion_note_thin({}, o)
	};
	return {
		froc: {
			...common,
			title: m.fig_froc_title({}, o),
			xAxis: m.fig_froc_x_axis({}, o),
			yAxis: m.fig_froc_y_axis({}, o),
			readerTooltip: (reader, arm) => m.fig_lesion_reader_tooltip({ reader, arm }, o),
			legendArm: (arm, count) => m.fig_froc_legend_arm({ arm, readers: count }, o),
			legendAi: (label) => m.fig_lesion_legend_ai({ label }, o),
			noteBold: m.fig_froc_note_bold({}, o),
			describe: (armList, summary) => m.fig_froc_describe({ arms: armList, summary }, o),
			armSummary: (arm, count) => m.fig_lesion_arm_summary({ arm, readers: count }, o),
			describeAi: (label) => m.fig_froc_describe_ai({ label }, o),
			describeMethod: m.fig_froc_describe_method({}, o)
		},
		wafroc: {
			...common,
			title: m.fig_wafroc_title({}, o),
			xAxis: m.fig_wafroc_x_axis({}, o),
			yAxis: m.fig_wafroc_y_axis({}, o),
			averaged: (area) => m.fig_wafroc_averaged({ area }, o),
			readerTooltip: (reader, arm, area) => m.fig_wafroc_reader_tooltip({ reader, arm, area }, o),
			legendArm: (arm, averaged, count) =>
				m.fig_wafroc_legend_arm({ arm, averaged, readers: count }, o),
			legendAi: (label, area) => m.fig_wafroc_legend_ai({ label, area }, o),
			noteBold: m.fig_wafroc_note_bold({}, o),
			armSummary: (arm, count, averaged) =>
				m.fig_wafroc_arm_summary({ arm, readers: count, averaged }, o),
			describe: (armList, summary) => m.fig_wafroc_describe({ arms: armList, summary }, o),
			describeAi: (label, area) => m.fig_wafroc_describe_ai({ label, area }, o),
			describeMethod: m.fig_wafroc_describe_method({}, o)
		},
		pr: {
			title: m.fig_pr_title({}, o),
			xAxis: m.fig_pr_x_axis({}, o),
			yAxis: m.fig_pr_y_axis({}, o),
			legendOverall: (ap) => m.fig_pr_legend_overall({ ap }, o),
			legendType: (type, ap) => m.fig_pr_legend_type({ type, ap }, o),
			noteBold: m.fig_pr_note_bold({}, o),
			noteThin: m.fig_pr_note_thin({}, o),
			describe: (summary) => m.fig_pr_describe({ summary }, o),
			describeMethod: m.fig_pr_describe_method({}, o)
		}
	};
}

// The words of the figures, one object per figure, English by default (the report is English).
// The web app passes the same objects in the reader's language (src/lib/i18n/figure-labels.ts),
// so a figure on a Chinese page says nothing in English. Numbers come formatted; the labels only
// place them in a sentence.

/** "1 reader", "2 readers": a count with its noun, plural unless the count is 1. */
const count = (noun: string) => (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const ROC_LABELS_EN = {
	title: 'ROC curves by arm',
	xAxis: '1 − specificity (false-positive fraction)',
	yAxis: 'Sensitivity (true-positive fraction)',
	readers: count('reader'),
	arms: count('arm'),
	/** The arm's bold curve and its area: "reader-averaged AUC 0.812". */
	averaged: (auc: string) => `reader-averaged AUC ${auc}`,
	/** A reader's curve's tooltip. */
	readerTooltip: (reader: string, arm: string, auc: string) => `${reader}, ${arm}: AUC ${auc}`,
	/** A legend row: "Aided — reader-averaged AUC 0.812 (4 readers)". */
	legendArm: (arm: string, averaged: string, readers: string) =>
		`${arm} — ${averaged} (${readers})`,
	noteBold: 'Bold: reader average, the mean sensitivity over readers at each 1 − specificity.',
	noteThin: 'Thin: individual readers. Dotted diagonal: chance.',
	noteOperatingPoints: 'Hollow markers: readers’ operating points (binary decision).',
	armSummary: (arm: string, readers: string, averaged: string) => `${arm}: ${readers}, ${averaged}`,
	describeCurves: (arms: string, summary: string) =>
		`Empirical ROC curves, sensitivity against 1 − specificity, for ${arms} (${summary}).`,
	describeBold:
		'Bold lines are reader-averaged curves by vertical averaging: the mean sensitivity over readers ' +
		'at each false-positive fraction; their area is the mean of the readers’ empirical AUCs.',
	describeThin:
		'Thin lines are the individual readers’ curves; the dotted diagonal is chance performance.',
	describeOperatingPoints: 'Hollow markers are the readers’ binary-decision operating points.'
};
export type RocLabels = typeof ROC_LABELS_EN;

export const FOREST_LABELS_EN = {
	title: 'Forest plot',
	estimateHeading: 'Estimate (95% CI)',
	notEstimable: 'not estimable',
	/** "non-inferiority margin −δ = −0.050", the margin's label and description. */
	margin: (value: string) => `non-inferiority margin −δ = ${value}`,
	rows: count('row'),
	overallRow: (label: string) => `Overall, ${label}`,
	describe: (xLabel: string, heading: string, rows: string, hasOverall: boolean) =>
		`Forest plot of ${xLabel}, ${heading}, for ${rows}${hasOverall ? ' and an overall estimate drawn as a diamond' : ''}.`,
	describeZero: 'A solid vertical line marks no difference (0).',
	describeMargin: (margin: string) => `A dashed vertical line marks the ${margin}.`
};
export type ForestLabels = typeof FOREST_LABELS_EN;

export const READING_TIME_LABELS_EN = {
	title: 'Reading time per case by arm',
	xAxis: 'Reading time per case (s, log scale)',
	seconds: (value: string) => `${value} s`,
	count: (n: number) => `n = ${n}`,
	median: (seconds: string) => `median ${seconds}`,
	geometricMean: (seconds: string) => `geometric mean ${seconds}`,
	noReads: 'no reads',
	legendBox:
		'Box: quartiles of log time, bar at the median; whiskers: furthest reads within 1.5 IQR (log scale).',
	legendMarks: 'Circles: reads beyond the whiskers. Diamond: geometric mean.',
	legendBars: (bins: number) => `Bars: share of the arm’s reads in ${bins} log-spaced bins.`,
	arms: count('arm'),
	reads: count('read'),
	outliers: count('outlier'),
	quartiles: (low: string, high: string) => `quartiles ${low} to ${high} s`,
	medianWithQuartiles: (median: string, quartiles: string) => `median ${median} s (${quartiles})`,
	geometricMeanSeconds: (value: string) => `geometric mean ${value} s`,
	describe: (arms: string, perArm: string) =>
		`Distribution of reading times per case on a log scale for ${arms}: ${perArm}.`,
	describeMethod:
		'Box plots are of log time (quartiles by linear interpolation, whiskers to 1.5 IQR); ' +
		'histograms show the share of reads in log-spaced bins.'
};
export type ReadingTimeLabels = typeof READING_TIME_LABELS_EN;

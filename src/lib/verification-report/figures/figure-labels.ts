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

// The same words in Simplified Chinese, for the report in the regulator's language (the seeds'
// terms: 灵敏度, 特异度, 受试者工作特征曲线, 阅片者, 非劣效界值).

export const ROC_LABELS_ZH: RocLabels = {
	title: '各组 ROC 曲线',
	xAxis: '1 − 特异度（假阳性率）',
	yAxis: '灵敏度（真阳性率）',
	readers: (n) => `${n} 名阅片者`,
	arms: (n) => `${n} 个组`,
	averaged: (auc) => `阅片者平均 AUC ${auc}`,
	readerTooltip: (reader, arm, auc) => `${reader}，${arm}：AUC ${auc}`,
	legendArm: (arm, averaged, readers) => `${arm} — ${averaged}（${readers}）`,
	noteBold: '粗线：阅片者平均，即在每个 1 − 特异度处各阅片者灵敏度的均值。',
	noteThin: '细线：单个阅片者。点状对角线：随机水平。',
	noteOperatingPoints: '空心标记：阅片者的工作点（二分类判断）。',
	armSummary: (arm, readers, averaged) => `${arm}：${readers}，${averaged}`,
	describeCurves: (arms, summary) =>
		`经验 ROC 曲线（灵敏度对 1 − 特异度），共 ${arms}（${summary}）。`,
	describeBold:
		'粗线为按纵向平均得到的阅片者平均曲线：在每个假阳性率处各阅片者灵敏度的均值；其面积为各阅片者经验 AUC 的均值。',
	describeThin: '细线为各阅片者的曲线；点状对角线为随机水平。',
	describeOperatingPoints: '空心标记为各阅片者二分类判断的工作点。'
};

export const FOREST_LABELS_ZH: ForestLabels = {
	title: '森林图',
	estimateHeading: '估计值（95% 置信区间）',
	notEstimable: '无法估计',
	margin: (value) => `非劣效界值 −δ = ${value}`,
	rows: (n) => `${n} 行`,
	overallRow: (label) => `总体，${label}`,
	describe: (xLabel, heading, rows, hasOverall) =>
		`${xLabel}的森林图，${heading}，共 ${rows}${hasOverall ? '，另以菱形表示总体估计值' : ''}。`,
	describeZero: '实线竖线表示无差异（0）。',
	describeMargin: (margin) => `虚线竖线表示${margin}。`
};

export const READING_TIME_LABELS_ZH: ReadingTimeLabels = {
	title: '各组每例阅片时间',
	xAxis: '每例阅片时间（秒，对数刻度）',
	seconds: (value) => `${value} 秒`,
	count: (n) => `n = ${n}`,
	median: (seconds) => `中位数 ${seconds}`,
	geometricMean: (seconds) => `几何均值 ${seconds}`,
	noReads: '无阅片',
	legendBox:
		'箱体：对数时间的四分位数，中线为中位数；须线：1.5 倍四分位距内最远的阅片（对数刻度）。',
	legendMarks: '圆圈：须线以外的阅片。菱形：几何均值。',
	legendBars: (bins) => `柱：该组阅片在 ${bins} 个对数等距区间中的占比。`,
	arms: (n) => `${n} 个组`,
	reads: (n) => `${n} 次阅片`,
	outliers: (n) => `${n} 个离群值`,
	quartiles: (low, high) => `四分位数 ${low} 至 ${high} 秒`,
	medianWithQuartiles: (median, quartiles) => `中位数 ${median} 秒（${quartiles}）`,
	geometricMeanSeconds: (value) => `几何均值 ${value} 秒`,
	describe: (arms, perArm) => `每例阅片时间在对数刻度上的分布，共 ${arms}：${perArm}。`,
	describeMethod:
		'箱线图基于对数时间（四分位数按线性插值，须线至 1.5 倍四分位距）；直方图显示阅片在对数等距区间中的占比。'
};

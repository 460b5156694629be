// The words of the lesion-level figures (FROC and wAFROC curves per arm, the AI's
// precision–recall curve), English by default like figure-labels.ts; a page may pass the same
// objects in the reader's language.

const count = (noun: string) => (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const FROC_LABELS_EN = {
	title: 'FROC curves by arm',
	xAxis: 'Non-lesion localisations per image (NLF)',
	yAxis: 'Lesion localisation fraction (LLF)',
	readers: count('reader'),
	arms: count('arm'),
	readerTooltip: (reader: string, arm: string) => `${reader}, ${arm}`,
	legendArm: (arm: string, readers: string) => `${arm} — reader average (${readers})`,
	legendAi: (label: string) => `${label} — standalone`,
	noteBold:
		'Bold: reader average, the mean LLF over readers at each NLF (up to the smallest reader’s largest NLF).',
	noteThin: 'Thin: individual readers.',
	describe: (arms: string, summary: string) =>
		`Empirical FROC curves, lesion localisation fraction against non-lesion localisations per image, for ${arms} (${summary}).`,
	armSummary: (arm: string, readers: string) => `${arm}: ${readers}`,
	describeAi: (label: string) => `The black line is the standalone FROC curve of ${label}.`,
	describeMethod:
		'Bold lines average the readers’ curves vertically (mean LLF at each NLF); thin lines are the individual readers.'
};
export type FrocLabels = typeof FROC_LABELS_EN;

export const WAFROC_LABELS_EN = {
	title: 'wAFROC curves by arm',
	xAxis: 'False-positive fraction (highest NL on non-diseased cases)',
	yAxis: 'Weighted lesion localisation fraction (wLLF)',
	readers: count('reader'),
	arms: count('arm'),
	averaged: (area: string) => `reader-averaged wAFROC ${area}`,
	readerTooltip: (reader: string, arm: string, area: string) => `${reader}, ${arm}: wAFROC ${area}`,
	legendArm: (arm: string, averaged: string, readers: string) =>
		`${arm} — ${averaged} (${readers})`,
	legendAi: (label: string, area: string) => `${label} — standalone wAFROC ${area}`,
	noteBold: 'Bold: reader average, the mean wLLF over readers at each FPF.',
	noteThin: 'Thin: individual readers.',
	armSummary: (arm: string, readers: string, averaged: string) => `${arm}: ${readers}, ${averaged}`,
	describe: (arms: string, summary: string) =>
		`Empirical wAFROC curves, weighted lesion localisation fraction against false-positive fraction, for ${arms} (${summary}).`,
	describeAi: (label: string, area: string) =>
		`The black line is the standalone wAFROC curve of ${label} (area ${area}).`,
	describeMethod:
		'Each curve ends with a straight line to (1, 1); its area is the wAFROC figure of merit, and the bold curve’s area is the mean of the readers’.'
};
export type WafrocLabels = typeof WAFROC_LABELS_EN;

export const PR_LABELS_EN = {
	title: 'Precision–recall curve of the AI',
	xAxis: 'Recall (lesion localisation fraction)',
	yAxis: 'Precision',
	legendOverall: (ap: string) => `All lesions — AP ${ap}`,
	legendType: (type: string, ap: string) => `${type} — AP ${ap}`,
	noteBold: 'Bold: interpolated precision; its area is the average precision (AP).',
	noteThin: 'Thin: the raw curve, one point per score threshold.',
	describe: (summary: string) => `Precision against recall of the AI's candidates (${summary}).`,
	describeMethod:
		'Average precision is the all-point interpolated AP of PASCAL VOC 2010–2012: the area under the interpolated precision.'
};
export type PrLabels = typeof PR_LABELS_EN;

// The same words in Simplified Chinese, for the report in the regulator's language.

export const FROC_LABELS_ZH: FrocLabels = {
	title: '各组 FROC 曲线',
	xAxis: '每幅图像的非病灶定位数（NLF）',
	yAxis: '病灶定位比例（LLF）',
	readers: (n) => `${n} 名阅片者`,
	arms: (n) => `${n} 个组`,
	readerTooltip: (reader, arm) => `${reader}，${arm}`,
	legendArm: (arm, readers) => `${arm} — 阅片者平均（${readers}）`,
	legendAi: (label) => `${label} — 独立运行`,
	noteBold: '粗线：阅片者平均，即各 NLF 处阅片者 LLF 的均值（至各阅片者最大 NLF 中的最小值为止）。',
	noteThin: '细线：单个阅片者。',
	describe: (arms, summary) =>
		`经验 FROC 曲线（病灶定位比例对每幅图像的非病灶定位数），共 ${arms}（${summary}）。`,
	armSummary: (arm, readers) => `${arm}：${readers}`,
	describeAi: (label) => `黑线为 ${label} 独立运行的 FROC 曲线。`,
	describeMethod: '粗线为阅片者曲线的纵向平均（各 NLF 处 LLF 的均值）；细线为各阅片者。'
};

export const WAFROC_LABELS_ZH: WafrocLabels = {
	title: '各组 wAFROC 曲线',
	xAxis: '假阳性比例（非患病病例上评分最高的非病灶定位）',
	yAxis: '加权病灶定位比例（wLLF）',
	readers: (n) => `${n} 名阅片者`,
	arms: (n) => `${n} 个组`,
	averaged: (area) => `阅片者平均 wAFROC ${area}`,
	readerTooltip: (reader, arm, area) => `${reader}，${arm}：wAFROC ${area}`,
	legendArm: (arm, averaged, readers) => `${arm} — ${averaged}（${readers}）`,
	legendAi: (label, area) => `${label} — 独立运行 wAFROC ${area}`,
	noteBold: '粗线：阅片者平均，即各 FPF 处阅片者 wLLF 的均值。',
	noteThin: '细线：单个阅片者。',
	armSummary: (arm, readers, averaged) => `${arm}：${readers}，${averaged}`,
	describe: (arms, summary) =>
		`经验 wAFROC 曲线（加权病灶定位比例对假阳性比例），共 ${arms}（${summary}）。`,
	describeAi: (label, area) => `黑线为 ${label} 独立运行的 wAFROC 曲线（面积 ${area}）。`,
	describeMethod:
		'每条曲线以一段直线连至 (1, 1) 结束；其面积即 wAFROC 品质因数，粗线的面积为各阅片者面积的均值。'
};

export const PR_LABELS_ZH: PrLabels = {
	title: 'AI 的精确率–召回率（PR）曲线',
	xAxis: '召回率（病灶定位比例）',
	yAxis: '精确率',
	legendOverall: (ap) => `全部病灶 — AP ${ap}`,
	legendType: (type, ap) => `${type} — AP ${ap}`,
	noteBold: '粗线：插值精确率，其面积即平均精确率（AP）。',
	noteThin: '细线：原始曲线，每个分数阈值一个点。',
	describe: (summary) => `AI 候选结果的精确率对召回率（${summary}）。`,
	describeMethod: '平均精确率为 PASCAL VOC 2010–2012 的全点插值 AP：插值精确率曲线下的面积。'
};

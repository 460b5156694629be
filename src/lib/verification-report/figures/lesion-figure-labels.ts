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

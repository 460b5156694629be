// The protocol's fixed vocabularies: designs, metrics, rating tasks, matching rules, hypotheses.
export const DESIGNS = ['crossover', 'sequential', 'fully-crossed', 'split-plot'] as const;
export const METRICS = [
	'auc',
	'sensitivity',
	'specificity',
	'reading_time',
	'wafroc',
	'afroc',
	'lesion_sensitivity',
	'fp_per_image',
	'lroc'
] as const;
/** Metrics computed from marks matched to truth lesions (rating.task froc; lroc for lroc). */
export const LESION_METRICS = [
	'wafroc',
	'afroc',
	'lesion_sensitivity',
	'fp_per_image',
	'lroc'
] as const satisfies readonly (typeof METRICS)[number][];
/** What a reader answers per case: a case rating (roc), marks each rated (froc), or one mark and a case rating (lroc). */
export const RATING_TASKS = ['roc', 'froc', 'lroc'] as const;
/** How a mark is judged to localise a truth lesion (stats/lesion/match-marks.ts). */
export const MATCH_CRITERIA = ['distance', 'iou', 'inside'] as const;
export const HYPOTHESES = ['non-inferiority', 'superiority'] as const;

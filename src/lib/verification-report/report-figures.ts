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
import {
	FOREST_LABELS_EN,
	FOREST_LABELS_ZH,
	READING_TIME_LABELS_EN,
	READING_TIME_LABELS_ZH,
	ROC_LABELS_EN,
	ROC_LABELS_ZH,
	type ForestLabels,
	type ReadingTimeLabels,
	type RocLabels
} from './figures/figure-labels';
import { inLanguage, type ReportLanguage } from './report-language';

export const METRIC_NAMES: Record<string, string> = {
	auc: 'AUC',
	sensitivity: 'Sensitivity',
	specificity: 'Specificity',
	reading_time: 'Reading time',
	wafroc: 'wAFROC',
	afroc: 'AFROC',
	lesion_sensitivity: 'Lesion sensitivity',
	fp_per_image: 'False-positive marks per normal image',
	lroc: 'LROC'
};

/** The metrics' names in Simplified Chinese (the seeds' terms). */
export const METRIC_NAMES_ZH: Record<string, string> = {
	auc: 'AUC',
	sensitivity: '灵敏度',
	specificity: '特异度',
	reading_time: '阅片时间',
	wafroc: 'wAFROC',
	afroc: 'AFROC',
	lesion_sensitivity: '病灶灵敏度',
	fp_per_image: '每幅正常图像的假阳性标记数',
	lroc: 'LROC'
};

export const STRATUM_NAMES: Record<string, string> = {
	reader_site: 'Reader site',
	site: 'Case site',
	vendor: 'Vendor',
	device_model: 'Device model',
	patient_age_band: 'Age band',
	patient_sex: 'Sex',
	manufacturer: 'Manufacturer',
	model: 'Model',
	kvp: 'Tube voltage (kVp)',
	tube_current: 'Tube current',
	slice_thickness: 'Slice thickness',
	kernel: 'Reconstruction kernel',
	contrast: 'Contrast agent'
};

export const STRATUM_NAMES_ZH: Record<string, string> = {
	reader_site: '阅片者所在中心',
	site: '病例来源中心',
	vendor: '设备厂商',
	device_model: '设备型号',
	patient_age_band: '年龄段',
	patient_sex: '性别',
	manufacturer: '制造商',
	model: '型号',
	kvp: '管电压（kVp）',
	tube_current: '管电流',
	slice_thickness: '层厚',
	kernel: '重建核',
	contrast: '对比剂'
};

/** Every word of the report's figures: English in the report, the reader's language in the app. */
export interface FigureLabels {
	roc: RocLabels;
	forest: ForestLabels;
	readingTime: ReadingTimeLabels;
	/** A metric's name (auc, sensitivity, …); the metric itself when unknown. */
	metric: (metric: string) => string;
	/** A stratum's name (reader_site, vendor, …); the stratum itself when unknown. */
	stratum: (stratum: string) => string;
	rocTitle: string;
	rocDescription: string;
	/** "Difference in AUC (aided − unaided)". */
	difference: (metric: string, test: string, reference: string) => string;
	readerForestTitle: string;
	allReaders: string;
	readerHeading: string;
	favours: (arm: string) => string;
	subgroupTitle: (metric: string) => string;
	allSubgroups: string;
	subgroupHeading: string;
	subgroupNote: (readers: number, cases: number) => string;
	readingTimeTitle: string;
}

export const FIGURE_LABELS_EN: FigureLabels = {
	roc: ROC_LABELS_EN,
	forest: FOREST_LABELS_EN,
	readingTime: READING_TIME_LABELS_EN,
	metric: (metric) => METRIC_NAMES[metric] ?? metric,
	stratum: (stratum) => STRATUM_NAMES[stratum] ?? stratum,
	rocTitle: 'ROC curves per arm',
	rocDescription:
		'Empirical ROC curves of each reader (thin) and reader-averaged by vertical averaging (bold), from the confidence ratings.',
	difference: (metric, test, reference) => `Difference in ${metric} (${test} − ${reference})`,
	readerForestTitle: 'Per-reader differences, primary endpoint',
	allReaders: 'All readers (RRRC)',
	readerHeading: 'Reader',
	favours: (arm) => `favours ${arm}`,
	subgroupTitle: (metric) => `Subgroup differences, ${metric}`,
	allSubgroups: 'All (RRRC)',
	subgroupHeading: 'Subgroup',
	subgroupNote: (readers, cases) => `${readers} rdr, ${cases} cases`,
	readingTimeTitle: 'Reading time per read, by arm'
};

export const FIGURE_LABELS_ZH: FigureLabels = {
	roc: ROC_LABELS_ZH,
	forest: FOREST_LABELS_ZH,
	readingTime: READING_TIME_LABELS_ZH,
	metric: (metric) => METRIC_NAMES_ZH[metric] ?? metric,
	stratum: (stratum) => STRATUM_NAMES_ZH[stratum] ?? stratum,
	rocTitle: '各组受试者工作特征（ROC）曲线',
	rocDescription:
		'根据置信度评分绘制的各阅片者经验 ROC 曲线（细线）及按纵向平均得到的阅片者平均曲线（粗线）。',
	difference: (metric, test, reference) => `${metric}差值（${test} − ${reference}）`,
	readerForestTitle: '各阅片者差值，主要终点',
	allReaders: '全部阅片者（RRRC）',
	readerHeading: '阅片者',
	favours: (arm) => `有利于${arm}`,
	subgroupTitle: (metric) => `亚组差值，${metric}`,
	allSubgroups: '全部（RRRC）',
	subgroupHeading: '亚组',
	subgroupNote: (readers, cases) => `${readers} 名阅片者，${cases} 例`,
	readingTimeTitle: '各组每次阅片的阅片时间'
};

/** The report figures' words in the report's language. */
export const reportFigureLabels = (lang: ReportLanguage): FigureLabels =>
	inLanguage(lang, { en: FIGURE_LABELS_EN, zh: FIGURE_LABELS_ZH });

export function primaryResult(analysis: TrialAnalysis): EndpointResult | undefined {
	return analysis.endpoints
		.filter(isEndpointResult)
		.find((result) => result.endpoint.group === 'primary' && result.scale === 'difference');
}

/** Arms in report order: reference first, then test. */
export function orderedArms(analysis: TrialAnalysis): string[] {
	return [analysis.arms.reference, analysis.arms.test];
}

export function rocFigure(analysis: TrialAnalysis, labels = FIGURE_LABELS_EN): string {
	const { curves } = analysis;
	const byArm = new Map(curves.arms.map((arm) => [arm.arm, arm]));
	return rocCurves({
		title: labels.rocTitle,
		description: labels.rocDescription,
		labels: labels.roc,
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

function differenceLabel(analysis: TrialAnalysis, metric: string, labels: FigureLabels): string {
	return labels.difference(labels.metric(metric), analysis.arms.test, analysis.arms.reference);
}

/** Per-reader test − reference differences of the primary endpoint (readers fixed), with the RRRC overall. */
export function readerForest(
	analysis: TrialAnalysis,
	showMargin: boolean,
	labels = FIGURE_LABELS_EN
): string | null {
	const primary = primaryResult(analysis);
	if (!primary) return null;
	return forestPlot({
		title: labels.readerForestTitle,
		labels: labels.forest,
		rows: primary.readerDifferences.map((row) => ({
			label: row.reader,
			estimate: row.estimate,
			ciLower: row.ciLower,
			ciUpper: row.ciUpper
		})),
		overall: {
			label: labels.allReaders,
			estimate: primary.rrrc.estimate,
			ciLower: primary.rrrc.ciLower,
			ciUpper: primary.rrrc.ciUpper
		},
		margin:
			showMargin && primary.endpoint.hypothesis === 'non-inferiority'
				? primary.endpoint.margin
				: undefined,
		xLabel: differenceLabel(analysis, primary.endpoint.metric, labels),
		labelHeading: labels.readerHeading,
		favours: {
			left: labels.favours(analysis.arms.reference),
			right: labels.favours(analysis.arms.test)
		}
	});
}

export function subgroupForest(
	analysis: TrialAnalysis,
	metric: string,
	showMargin: boolean,
	labels = FIGURE_LABELS_EN
): string | null {
	const subgroups = analysis.subgroups.find((group) => group.metric === metric);
	const primary = primaryResult(analysis);
	if (!subgroups) return null;
	const rows: ForestRowInput[] = subgroups.rows.map((row) => ({
		group: labels.stratum(row.stratum),
		label: row.value,
		estimate: row.difference?.estimate ?? NaN,
		ciLower: row.difference?.ciLower ?? NaN,
		ciUpper: row.difference?.ciUpper ?? NaN,
		note: labels.subgroupNote(row.readers, row.cases)
	}));
	const endpoint = analysis.endpoints.find(
		(outcome) => outcome.endpoint.metric === metric
	)?.endpoint;
	return forestPlot({
		title: labels.subgroupTitle(labels.metric(metric)),
		labels: labels.forest,
		rows,
		overall:
			primary && primary.endpoint.metric === metric
				? {
						label: labels.allSubgroups,
						estimate: primary.rrrc.estimate,
						ciLower: primary.rrrc.ciLower,
						ciUpper: primary.rrrc.ciUpper
					}
				: undefined,
		margin: showMargin && endpoint?.hypothesis === 'non-inferiority' ? endpoint.margin : undefined,
		xLabel: differenceLabel(analysis, metric, labels),
		labelHeading: labels.subgroupHeading
	});
}

export function readingTimeFigure(
	analysis: TrialAnalysis,
	labels = FIGURE_LABELS_EN
): string | null {
	if (analysis.readingTimes.length === 0) return null;
	const byArm = new Map(analysis.readingTimes.map((row) => [row.arm, row.seconds]));
	return readingTimeDistribution({
		title: labels.readingTimeTitle,
		labels: labels.readingTime,
		arms: orderedArms(analysis).map((label) => ({ label, seconds: byArm.get(label) ?? [] }))
	});
}

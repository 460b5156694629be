// Section 6.6, the AI's case-level precision–recall curve (seed 001 lists PR curves among the AI's
// figures): recall (sensitivity) against precision (positive predictive value) of its score per
// case, with the all-point average precision. A lesion-level study also has the curve of its
// candidates among the lesion-level figures (6.2).
import type { ReportInput } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { inLanguage } from '../report-language';
import { figure } from '../html';
import { casePrecisionRecall } from '../../stats/fom/case-precision-recall';
import { precisionRecallCurve } from '../figures/precision-recall-curve';
import type { PrLabels } from '../figures/lesion-figure-labels';

interface Text {
	labels: PrLabels;
	caption: (prevalence: string) => string;
}

const TEXT = {
	en: {
		labels: {
			title: 'Precision–recall curve of the AI (cases)',
			xAxis: 'Recall (sensitivity)',
			yAxis: 'Precision (positive predictive value)',
			legendOverall: (ap: string) => `All cases — AP ${ap}`,
			legendType: (type: string, ap: string) => `${type} — AP ${ap}`,
			noteBold: 'Bold: interpolated precision; its area is the average precision (AP).',
			noteThin: 'Thin: the raw curve, one point per score threshold.',
			describe: (summary: string) =>
				`Precision against recall of the AI's case scores (${summary}).`,
			describeMethod:
				'Average precision is the all-point interpolated AP of PASCAL VOC 2010–2012: the area under the interpolated precision.'
		},
		caption: (prevalence) =>
			`Figure 5. Precision–recall curve of the AI’s score per case; bold: interpolated precision, whose area is the average precision (VOC all-point). Precision depends on the prevalence of the test set (${prevalence}).`
	},
	zh: {
		labels: {
			title: '人工智能精确率-召回率曲线（病例水平）',
			xAxis: '召回率（灵敏度）',
			yAxis: '精确率（阳性预测值）',
			legendOverall: (ap: string) => `全部病例 — 平均精确率 ${ap}`,
			legendType: (type: string, ap: string) => `${type} — 平均精确率 ${ap}`,
			noteBold: '粗线：插值精确率，其曲线下面积即平均精确率（AP）。',
			noteThin: '细线：原始曲线，每个评分阈值一个点。',
			describe: (summary: string) => `人工智能病例评分的精确率对召回率（${summary}）。`,
			describeMethod: '平均精确率采用 PASCAL VOC 2010–2012 全点插值法：插值精确率曲线下面积。'
		},
		caption: (prevalence) =>
			`图 5. 人工智能病例评分的精确率-召回率曲线；粗线：插值精确率，其曲线下面积即平均精确率（VOC 全点法）。精确率取决于测试集的患病率（${prevalence}）。`
	}
} satisfies Record<ReportLanguage, Text>;

export function aiPrCurvePart(input: ReportInput): string {
	const scored = input.analysis.curves.ai;
	const { truth } = input.analysis.curves;
	if (!scored || !truth.some((value) => value === 1)) return '';
	const t = inLanguage(input.lang, TEXT);
	const curve = casePrecisionRecall(scored.scores, truth);
	const positives = truth.filter((value) => value === 1).length;
	const svg = precisionRecallCurve({
		overall: { points: curve.points, averagePrecision: { estimate: curve.averagePrecision } },
		labels: t.labels
	});
	return figure(svg, t.caption(`${positives}/${truth.length}`));
}

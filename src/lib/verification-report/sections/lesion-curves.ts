// Section 6.2, lesion-level figures (a study with lesion-level endpoints): the reader-averaged
// FROC and wAFROC curves per arm, with the AI's standalone curves when its lesion-level
// standalone is available, and the AI's precision–recall curve with its average precision.
import type { ReportInput } from '../report-input';
import { figure } from '../html';
import { inLanguage } from '../report-language';
import { aiPrFigure, frocFigure, lesionFigureLabels, wafrocFigure } from '../lesion-report-figures';

const TEXT = {
	en: {
		heading: 'Lesion-level curves',
		froc:
			'Figure 1b. Empirical FROC curves per arm: readers (thin), reader-averaged by vertical ' +
			'averaging (bold)',
		wafroc:
			'Figure 1c. Empirical wAFROC curves per arm: readers (thin), reader-averaged (bold); the ' +
			'area under each is its wAFROC figure of merit',
		pr:
			'Figure 1d. Precision–recall curve of the AI’s candidates matched to the truth lesions, ' +
			'overall and per lesion type; bold: interpolated precision, whose area is the average ' +
			'precision (VOC all-point), with case-resampling bootstrap intervals.',
		ai: 'AI',
		withAi: (label: string) => `; black: ${label} standalone.`,
		end: '.'
	},
	zh: {
		heading: '病灶水平曲线',
		froc: '图 1b. 各组经验 FROC 曲线：单个阅片者（细线），按纵向平均得到的阅片者平均（粗线）',
		wafroc:
			'图 1c. 各组经验 wAFROC 曲线：单个阅片者（细线），阅片者平均（粗线）；各曲线下面积即其 wAFROC 品质因数',
		pr: '图 1d. AI 候选结果与参考标准病灶匹配后的精确率–召回率（PR）曲线，全部病灶及各病灶类型；粗线：插值精确率，其面积即平均精确率（VOC 全点插值），附按病例重抽样的自助法区间。',
		ai: 'AI',
		withAi: (label: string) => `；黑线：${label} 独立运行。`,
		end: '。'
	}
};

export function lesionCurveFigures(input: ReportInput): string {
	const { analysis } = input;
	if (!analysis.lesionCurves) return '';
	const t = inLanguage(input.lang, TEXT);
	const labels = lesionFigureLabels(input.lang);
	const aiLabel = input.ai ? `${input.ai.name} ${input.ai.version}` : t.ai;
	const withAi = analysis.lesionCurves.ai ? t.withAi(aiLabel) : t.end;
	return [
		`<h4>${t.heading}</h4>`,
		figure(frocFigure(analysis, aiLabel, labels), t.froc + withAi),
		figure(wafrocFigure(analysis, aiLabel, labels), t.wafroc + withAi),
		figure(aiPrFigure(analysis, labels), t.pr)
	]
		.filter((part) => part)
		.join('\n');
}

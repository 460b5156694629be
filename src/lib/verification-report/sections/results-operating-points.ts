// Section 6.6, the AI's clinical operating points (seed 001): sensitivity and specificity with
// their 95 % intervals at the model's default threshold and at the high-sensitivity and
// high-specificity points the protocol declares (ai_model.operating_points), each threshold chosen
// on the AI's empirical ROC by the rule stated under the table.
import type { ReportInput } from '../report-input';
import type { ReportLanguage } from '../report-language';
import { inLanguage } from '../report-language';
import { escape, figure, interval, n, table } from '../html';
import { empiricalRocPoints } from '../figures/empirical-roc';
import { aiRocWithOperatingPoints, type MarkedPoint } from '../figures/ai-roc-operating-points';
import { confusionMatrix } from '../../stats/single-reader/confusion-matrix';
import { wilsonInterval } from '../../stats/single-reader/wilson-interval';
import { operatingPoint, type OperatingPointKind } from '../../stats/single-reader/operating-point';

interface Text {
	heading: string;
	head: string[];
	defaultPoint: string;
	point: Record<OperatingPointKind, (target: string) => string>;
	noneCalled: string;
	rule: string;
	undeclared: string;
	noScores: string;
	figure: { title: string; description: string; xLabel: string; yLabel: string; caption: string };
	pointLabel: Record<OperatingPointKind | 'default', string>;
}

const TEXT = {
	en: {
		heading: 'AI operating points',
		head: ['Operating point', 'Threshold', 'Sensitivity (95 % CI)', 'Specificity (95 % CI)'],
		defaultPoint: 'Default threshold of the model',
		point: {
			high_sensitivity: (target) => `High sensitivity (target ≥ ${target})`,
			high_specificity: (target) => `High specificity (target ≥ ${target})`
		},
		noneCalled: 'above every score',
		rule:
			'A case is called positive when the AI’s score is at least the threshold. High sensitivity: ' +
			'the highest threshold whose sensitivity reaches the target (the best specificity among ' +
			'those); high specificity: the lowest threshold whose specificity reaches the target (the ' +
			'best sensitivity among those). Intervals: Wilson score; the thresholds are chosen on the ' +
			'same cases, which the intervals do not account for.',
		undeclared:
			'The protocol declares no high-sensitivity or high-specificity operating point ' +
			'(ai_model.operating_points): only the default threshold is reported.',
		noScores: 'The AI’s scores are not available: no operating point is reported.',
		figure: {
			title: 'ROC curve of the AI with its operating points',
			description:
				'Empirical ROC curve of the AI’s score per case, with the operating points marked.',
			xLabel: '1 − specificity',
			yLabel: 'Sensitivity',
			caption:
				'Empirical ROC curve of the AI’s score per case; markers: the operating points of the table above.'
		},
		pointLabel: {
			default: 'Default threshold',
			high_sensitivity: 'High sensitivity',
			high_specificity: 'High specificity'
		}
	},
	zh: {
		heading: '人工智能临床工作点',
		head: ['工作点', '阈值', '灵敏度（95% 置信区间）', '特异度（95% 置信区间）'],
		defaultPoint: '模型默认阈值',
		point: {
			high_sensitivity: (target) => `高灵敏度工作点（目标 ≥ ${target}）`,
			high_specificity: (target) => `高特异度工作点（目标 ≥ ${target}）`
		},
		noneCalled: '高于所有评分',
		rule:
			'人工智能评分不低于阈值时判为阳性。高灵敏度工作点：灵敏度达到目标值的最高阈值（即其中特异度最高者）；' +
			'高特异度工作点：特异度达到目标值的最低阈值（即其中灵敏度最高者）。置信区间采用 Wilson 计分法；' +
			'阈值在同一批病例上选定，置信区间未计入这一选择。',
		undeclared:
			'方案未声明高灵敏度或高特异度工作点（ai_model.operating_points），仅报告默认阈值下的性能。',
		noScores: '无人工智能评分，不报告工作点。',
		figure: {
			title: '人工智能受试者工作特征曲线及其工作点',
			description: '人工智能病例评分的经验受试者工作特征曲线，并标出各工作点。',
			xLabel: '1 − 特异度',
			yLabel: '灵敏度',
			caption: '人工智能病例评分的经验受试者工作特征曲线；标记：上表中的各工作点。'
		},
		pointLabel: {
			default: '默认阈值',
			high_sensitivity: '高灵敏度',
			high_specificity: '高特异度'
		}
	}
} satisfies Record<ReportLanguage, Text>;

const KINDS: Array<[OperatingPointKind, 'highSensitivity' | 'highSpecificity']> = [
	['high_sensitivity', 'highSensitivity'],
	['high_specificity', 'highSpecificity']
];

export function operatingPointsPart(input: ReportInput): string {
	const t = inLanguage(input.lang, TEXT);
	const heading = `<h4>${t.heading}</h4>`;
	const scored = input.analysis.curves.ai;
	const { truth } = input.analysis.curves;
	if (!scored || !input.ai) return `${heading}<p>${t.noScores}</p>`;
	const matrix = confusionMatrix(scored.calls, truth);
	const positives = matrix.truePositive + matrix.falseNegative;
	const negatives = matrix.trueNegative + matrix.falsePositive;
	if (positives === 0 || negatives === 0) return `${heading}<p>${t.noScores}</p>`;
	const rows = [
		[
			t.defaultPoint,
			n(input.ai.threshold, 3),
			interval(wilsonInterval(matrix.truePositive, positives), 3),
			interval(wilsonInterval(matrix.trueNegative, negatives), 3)
		]
	];
	const marked: MarkedPoint[] = [
		{
			label: t.pointLabel.default,
			tpr: matrix.truePositive / positives,
			fpr: matrix.falsePositive / negatives
		}
	];
	const declared = input.operatingPoints;
	for (const [kind, key] of KINDS) {
		const target = declared?.[key];
		if (target === null || target === undefined) continue;
		const point = operatingPoint(scored.scores, truth, kind, target);
		marked.push({
			label: t.pointLabel[kind],
			tpr: point.sensitivity.estimate,
			fpr: 1 - point.specificity.estimate
		});
		rows.push([
			escape(t.point[kind](n(target, 2))),
			Number.isFinite(point.threshold) ? n(point.threshold, 3) : t.noneCalled,
			interval(point.sensitivity, 3),
			interval(point.specificity, 3)
		]);
	}
	const note = rows.length === 1 ? `<p>${t.undeclared}</p>` : `<p class="small">${t.rule}</p>`;
	const rocFigure = figure(
		aiRocWithOperatingPoints({
			points: empiricalRocPoints(scored.scores, truth),
			marked,
			...t.figure
		}),
		t.figure.caption
	);
	return `${heading}${table(t.head, rows, 'compact')}${note}${rocFigure}`;
}
